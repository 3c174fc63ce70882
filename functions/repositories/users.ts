// User profile persistence: the profile item and its username guard are always written together.
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet, db, GSI1, TABLE } from '#adapters/dynamodb';
import { ORGANISATION_KEY_PREFIX, userPk } from '#domain/keys';
import { type Membership, membershipFromItem } from '#domain/membership';
import { type User, userFromItem, userItem, userKey, usernameGuardKey } from '#domain/user';
import { GUARD } from './guards.ts';
import { type NamedItem, putNew } from './transactions.ts';

/** Transaction items creating a user: profile + username guard (409 'username' when taken). */
export const newUserItems = (user: User): NamedItem[] => [
  { item: putNew(TABLE, userItem(user)), guard: GUARD.userId },
  { item: putNew(TABLE, { ...usernameGuardKey(user.username), userId: user.id }), guard: GUARD.username },
];

export async function getUser(userId: string): Promise<User | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: userKey(userId) }));
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
