// The public directory (domain/directory.ts): the number counter and guard, the entries, and their listing through
// the sparse GSI1 partition DIRECTORY, one Query per page.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet, db, findItem, GSI1, TABLE } from '#adapters/dynamodb';
import {
  DIRECTORY_GSI1PK,
  type DirectoryEntry,
  directoryEntryFromItem,
  directoryEntryItem,
  directoryEntryKey,
  directorySortKey,
  numberGuardKey,
  organisationIdOfDirectoryKey,
} from '#domain/directory';
import { type Organisation, organisationFromItem, organisationKey } from '#domain/organisation';
import { decodeScopedCursor, encodeScopedCursor } from './cursor.ts';
import { GUARD } from './guards.ts';
import { type NamedItem, putNew } from './transactions.ts';

// The directory is public: its cursors are bound to a scope no tenant or platform list shares.
const DIRECTORY_SCOPE = 'directory';

/**
 * The items that give a new organisation `number`: the number's guard (refused when another holds it: retried with a
 * fresh draw) and its directory entry, listed.
 */
export function numberedItems(organisationId: string, nom: string, number: number): NamedItem[] {
  return [
    { item: putNew(TABLE, { ...numberGuardKey(number), type: 'Guard', organisationId }), guard: GUARD.organisationNumber },
    { item: putNew(TABLE, directoryEntryItem({ organisationId, number, nom, listed: true })) },
  ];
}

/** The organisation a number names, through its guard (a GetItem). */
export async function findOrganisationIdByNumber(number: number): Promise<string | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: numberGuardKey(number) }));
  return typeof Item?.organisationId === 'string' ? Item.organisationId : undefined;
}

/** The organisation a number names and its directory entry (a GetItem, then one BatchGetItem), if any. */
export async function findNumbered(number: number): Promise<{ organisation: Organisation; entry: DirectoryEntry } | undefined> {
  const organisationId = await findOrganisationIdByNumber(number);
  if (!organisationId) return undefined;
  const items = await batchGet([organisationKey(organisationId), directoryEntryKey(organisationId)], { consistent: true });
  const org = findItem(items, organisationKey(organisationId));
  const entry = findItem(items, directoryEntryKey(organisationId));
  return org && entry ? { organisation: organisationFromItem(org), entry: directoryEntryFromItem(entry) } : undefined;
}

/** The organisation's directory entry, if it has one. */
export async function getDirectoryEntry(organisationId: string): Promise<DirectoryEntry | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: directoryEntryKey(organisationId), ConsistentRead: true }));
  return Item ? directoryEntryFromItem(Item) : undefined;
}

/** One page of the listed entries, by number: one Query on the sparse DIRECTORY partition. */
export async function directoryPage(page: { limit: number; cursor?: string | undefined }): Promise<{
  items: DirectoryEntry[];
  nextCursor: string | null;
}> {
  const after = page.cursor
    ? decodeScopedCursor(DIRECTORY_SCOPE, page.cursor, (key) => organisationIdOfDirectoryKey(key) !== undefined)
    : undefined;
  const response = await db.send(
    new QueryCommand({
      TableName: TABLE,
      IndexName: GSI1,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': DIRECTORY_GSI1PK },
      Limit: page.limit,
      ...(after
        ? {
            ExclusiveStartKey: {
              ...directoryEntryKey(organisationIdOfDirectoryKey(after) ?? ''),
              gsi1pk: DIRECTORY_GSI1PK,
              gsi1sk: after,
            },
          }
        : {}),
    }),
  );
  const last = response.LastEvaluatedKey?.gsi1sk;
  return {
    items: (response.Items ?? []).map(directoryEntryFromItem),
    nextCursor: typeof last === 'string' ? encodeScopedCursor(DIRECTORY_SCOPE, last) : null,
  };
}

/** Lists or unlists the organisation's entry (in or out of the DIRECTORY partition). */
export function listingItem(entry: DirectoryEntry, listed: boolean): NamedItem {
  return {
    item: {
      Update: {
        TableName: TABLE,
        Key: directoryEntryKey(entry.organisationId),
        UpdateExpression: listed ? 'SET listed = :listed, gsi1pk = :pk, gsi1sk = :sk' : 'SET listed = :listed REMOVE gsi1pk, gsi1sk',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: {
          ':listed': listed,
          ...(listed ? { ':pk': DIRECTORY_GSI1PK, ':sk': directorySortKey(entry.number, entry.organisationId) } : {}),
        },
      },
    },
    guard: GUARD.organisation,
  };
}

/** Out of the public list as its deletion starts (no condition: the deletion must never wait on the directory). */
export const unlistedItem = (organisationId: string): NamedItem => ({
  item: {
    Update: {
      TableName: TABLE,
      Key: directoryEntryKey(organisationId),
      UpdateExpression: 'SET listed = :false REMOVE gsi1pk, gsi1sk',
      ExpressionAttributeValues: { ':false': false },
    },
  },
});

/** The entry's copy of the organisation's name, rewritten with the name (the list shows it without another read). */
export const renamedEntryItem = (organisationId: string, nom: string): NamedItem => ({
  item: {
    Update: {
      TableName: TABLE,
      Key: directoryEntryKey(organisationId),
      UpdateExpression: 'SET nom = :nom',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':nom': nom },
    },
  },
  guard: GUARD.organisation,
});

/** Joining by number: the entry must still be listed when the membership is written. */
export const stillListedItem = (organisationId: string): NamedItem => ({
  item: {
    ConditionCheck: {
      TableName: TABLE,
      Key: directoryEntryKey(organisationId),
      ConditionExpression: 'listed = :true',
      ExpressionAttributeValues: { ':true': true },
    },
  },
  guard: GUARD.directoryListed,
});

const sameKey = (a: Record<string, unknown> | undefined, b: { pk: string; sk: string }) => a?.pk === b.pk && a?.sk === b.sk;

/**
 * Joining by number commits only while the entry is listed and the organisation ACTIVE. DynamoDB allows one operation
 * per item in a transaction, so when `items` already update the organisation (an ACTIVE membership takes a seat), the
 * status condition is merged into that update, under its own guard (the caller reads the organisation to tell).
 */
export function whileListedAndActive(items: NamedItem[], organisationId: string): NamedItem[] {
  const key = organisationKey(organisationId);
  const condition = '#dirStatus = :dirActive';
  const names = { '#dirStatus': 'status' };
  const values = { ':dirActive': 'ACTIVE' };
  const index = items.findIndex(({ item }) => sameKey(item.Update?.Key, key));
  const update = index >= 0 ? items[index]?.item.Update : undefined;
  const organisation: NamedItem[] = update
    ? []
    : [
        {
          item: {
            ConditionCheck: {
              TableName: TABLE,
              Key: key,
              ConditionExpression: condition,
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: values,
            },
          },
          guard: GUARD.organisationActive,
        },
      ];
  const merged = items.map((entry, i) =>
    i === index && update
      ? {
          ...entry,
          item: {
            Update: {
              ...update,
              ConditionExpression: update.ConditionExpression ? `(${update.ConditionExpression}) AND ${condition}` : condition,
              ExpressionAttributeNames: { ...update.ExpressionAttributeNames, ...names },
              ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ...values },
            },
          },
        }
      : entry,
  );
  return [...merged, ...organisation, stillListedItem(organisationId)];
}
