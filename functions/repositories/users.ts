// User profile persistence: the profile item and its username guard are always written together.
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet, db, GSI1, TABLE } from '#adapters/dynamodb';
import { accountCheckKey } from '#domain/account-check';
import { ORGANISATION_KEY_PREFIX, userPk } from '#domain/keys';
import { type Membership, membershipFromItem, membershipKey } from '#domain/membership';
import { type User, userFromItem, userItem, userKey, usernameGuardKey } from '#domain/user';
import { GUARD } from './guards.ts';
import { type NamedItem, putNew, transact } from './transactions.ts';

/**
 * A new account's items: its profile and USERNAME# guard (409 'username' when taken), and the end of its creation's account check (written before
 * the Cognito user: use-cases/accounts.ts), settled by the same transaction that makes the account whole. The delete
 * is unconditional: a check another attempt wrote for this username covers a Cognito user that attempt cannot create
 * now that this one's exists (domain/account-check.ts).
 */
export const newUserItems = (user: User): NamedItem[] => [
  { item: putNew(TABLE, userItem(user)), guard: GUARD.userId },
  { item: putNew(TABLE, { ...usernameGuardKey(user.username), userId: user.id }), guard: GUARD.username },
  { item: { Delete: { TableName: TABLE, Key: accountCheckKey(user.username) } } },
];

/** The profile; `consistent` where what follows is a conditional write on what was read. */
export async function getUser(userId: string, options: { consistent?: boolean } = {}): Promise<User | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: TABLE, Key: userKey(userId), ...(options.consistent ? { ConsistentRead: true } : {}) }),
  );
  return Item ? userFromItem(Item) : undefined;
}

/** The user id behind a username, through its guard item (GetItem, no Scan). */
export async function findUserIdByUsername(username: string): Promise<string | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: usernameGuardKey(username) }));
  return Item?.userId as string | undefined;
}

/** Every membership of a user, across organisations (GSI1: USER#<id> / ORG#<orgId>). */
export async function listUserMemberships(userId: string): Promise<Membership[]> {
  const { Items } = await db.send(
    new QueryCommand({
      TableName: TABLE,
      IndexName: GSI1,
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :org)',
      ExpressionAttributeValues: { ':pk': userPk(userId), ':org': ORGANISATION_KEY_PREFIX },
    }),
  );
  return (Items ?? []).map(membershipFromItem);
}

/** The profile exists and is not being deleted: a person whose account is going joins or creates nothing. */
export const profileNotDeletingItem = (userId: string): NamedItem => ({
  item: {
    ConditionCheck: {
      TableName: TABLE,
      Key: userKey(userId),
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(deletingSince)',
    },
  },
  guard: GUARD.profile,
});

/** Transaction item pointing the user's next tokens at an organisation. */
export const setCurrentOrganisationItem = (userId: string, organisationId: string): NamedItem => ({
  item: {
    Update: {
      TableName: TABLE,
      Key: userKey(userId),
      UpdateExpression: 'SET currentOrganisationId = :org, updatedAt = :now',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':org': organisationId, ':now': new Date().toISOString() },
    },
  },
  guard: GUARD.profile,
});

export async function setCurrentOrganisation(userId: string, organisationId: string): Promise<void> {
  const { item } = setCurrentOrganisationItem(userId, organisationId);
  if (!item.Update) throw new Error('setCurrentOrganisationItem must be an Update');
  await db.send(new UpdateCommand(item.Update));
}

/**
 * Compensation of a switch whose token was not issued: the current organisation goes back to `previous` (or none),
 * only if it is still the one the switch wrote (nobody switched since).
 */
export async function restoreCurrentOrganisation(userId: string, written: string, previous: string | undefined): Promise<void> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: userKey(userId),
        UpdateExpression:
          previous === undefined
            ? 'SET updatedAt = :now REMOVE currentOrganisationId'
            : 'SET currentOrganisationId = :previous, updatedAt = :now',
        ConditionExpression: 'currentOrganisationId = :written',
        ExpressionAttributeValues: {
          ':written': written,
          ':now': new Date().toISOString(),
          ...(previous === undefined ? {} : { ':previous': previous }),
        },
      }),
    );
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
  }
}

/** Several profiles in one BatchGetItem per 100 ids (the recipients of a notification); missing ones are left out. */
export async function getUsers(userIds: readonly string[]): Promise<User[]> {
  const users: User[] = [];
  const unique = [...new Set(userIds)];
  for (let start = 0; start < unique.length; start += 100) {
    const items = await batchGet(unique.slice(start, start + 100).map(userKey));
    users.push(...items.map(userFromItem));
  }
  return users;
}

/** Sets some fields of an existing profile (no other condition: fields only this request's change owns). */
export async function setProfileFields(userId: string, fields: Record<string, unknown>): Promise<void> {
  const entries = Object.entries(fields);
  await db.send(
    new UpdateCommand({
      TableName: TABLE,
      Key: userKey(userId),
      UpdateExpression: `SET ${entries.map((_, index) => `#f${index} = :f${index}`).join(', ')}`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: Object.fromEntries(entries.map(([field], index) => [`#f${index}`, field])),
      ExpressionAttributeValues: Object.fromEntries(entries.map(([, value], index) => [`:f${index}`, value])),
    }),
  );
}

// A transaction holds at most 100 items: the profile and the first 99 memberships change together.
const TRANSACTION_LIMIT = 100;

/**
 * Profile fields set and removed in ONE transaction with the name copies of the person's memberships (when the
 * names change), as long as the profile exists and is not being deleted (ConditionFailed profile). Memberships
 * beyond a transaction's 100 items follow one by one.
 */
export async function updateProfile(
  userId: string,
  change: { set: Record<string, unknown>; remove: string[] },
  memberships: Membership[],
): Promise<void> {
  const now = new Date().toISOString();
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':now': now };
  const sets = ['updatedAt = :now'];
  for (const [index, [field, value]] of Object.entries(change.set).entries()) {
    names[`#s${index}`] = field;
    values[`:s${index}`] = value;
    sets.push(`#s${index} = :s${index}`);
  }
  const removes = change.remove.map((field, index) => {
    names[`#r${index}`] = field;
    return `#r${index}`;
  });
  const renames = memberships.map((membership) => {
    const nameValues: Record<string, unknown> = {};
    const nameSets: string[] = [];
    for (const field of ['nom', 'prenom'] as const) {
      if (change.set[field] === undefined) continue;
      nameValues[`:${field}`] = change.set[field];
      nameSets.push(`${field} = :${field}`);
    }
    return {
      item: {
        Update: {
          TableName: TABLE,
          Key: membershipKey(membership.organisationId, userId),
          UpdateExpression: `SET ${nameSets.join(', ')}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: nameValues,
        },
      },
      guard: GUARD.member,
    } satisfies NamedItem;
  });
  const profile: NamedItem = {
    item: {
      Update: {
        TableName: TABLE,
        Key: userKey(userId),
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(deletingSince)',
        ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
      },
    },
    guard: GUARD.profile,
  };
  await transact([profile, ...renames.slice(0, TRANSACTION_LIMIT - 1)]);
  for (const rename of renames.slice(TRANSACTION_LIMIT - 1)) {
    const update = rename.item.Update;
    // A membership removed meanwhile has no name to follow.
    await db.send(new UpdateCommand(update)).catch((error: unknown) => {
      if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
    });
  }
}
