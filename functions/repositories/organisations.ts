// Organisation, user and membership persistence: the atomic creation of an organisation with its ADMIN,
// and the reads the session endpoints need.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet, db, findItem, TABLE } from '#adapters/dynamodb';
import { membershipItem, type Membership } from '#domain/membership';
import {
  joinCodeGuardKey,
  organisationFromItem,
  organisationItem,
  organisationKey,
  organisationNameGuardKey,
  organisationSlugGuardKey,
  type Organisation,
} from '#domain/organisation';
import { userFromItem, userKey, type User } from '#domain/user';
import { newUserItems } from './users.ts';
import { putNew, transact, type NamedItem } from './transactions.ts';

export const organisationGuards = (org: Organisation): NamedItem[] => [
  { item: putNew(TABLE, { ...organisationNameGuardKey(org.nameKey), organisationId: org.id }), guard: 'organisationName' },
  { item: putNew(TABLE, { ...organisationSlugGuardKey(org.slug), organisationId: org.id }), guard: 'slug' },
  { item: putNew(TABLE, { ...joinCodeGuardKey(org.code), organisationId: org.id }), guard: 'joinCode' },
];

/**
 * Writes the organisation, the ADMIN membership, the name/slug/code guards and (for a new user) the user's
 * profile and username guard in ONE transaction: all exist afterwards or none does. Throws UniquenessConflict
 * naming the taken guards.
 */
export async function createOrganisationWithAdmin(
  org: Organisation,
  newUser: User | undefined,
  membership: Membership,
  extra: NamedItem[] = [],
): Promise<void> {
  await transact([
    { item: putNew(TABLE, organisationItem(org)), guard: 'organisationId' },
    ...(newUser ? newUserItems(newUser) : []),
    { item: putNew(TABLE, membershipItem(membership)), guard: 'membership' },
    ...organisationGuards(org),
    ...extra,
  ]);
}

export async function getOrganisation(id: string): Promise<Organisation | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: organisationKey(id) }));
  return Item ? organisationFromItem(Item) : undefined;
}

/** The user's profile and an organisation, in one BatchGetItem. */
export async function getUserAndOrganisation(
  userId: string,
  organisationId: string,
): Promise<{ user?: User; organisation?: Organisation }> {
  const uKey = userKey(userId);
  const oKey = organisationKey(organisationId);
  const items = await batchGet([uKey, oKey]);
  const user = findItem(items, uKey);
  const organisation = findItem(items, oKey);
  return {
    ...(user ? { user: userFromItem(user) } : {}),
    ...(organisation ? { organisation: organisationFromItem(organisation) } : {}),
  };
}
