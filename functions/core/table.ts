// The one definition of Cabinet's DynamoDB table: keys, the global secondary index, the TTL attribute, billing, and
// the exact actions a function may be granted. CDK (lib/stateful-stack.ts, lib/cabinet-function.ts), the local
// bootstrap's CreateTable (local/bootstrap.ts), the infra tests and the repositories all read it from here.

export const TABLE_DEFINITION = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Every key attribute is a string. */
  keyType: 'S',
  billingMode: 'PAY_PER_REQUEST',
  /** gsi1 serves the lookups the base keys cannot (a user's organisations, all organisations, join requests). */
  globalSecondaryIndexes: [{ indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: 'ALL' }],
  /**
   * Epoch seconds after which DynamoDB may delete the item (rate-limit counters). A name of its own: `expiresAt` is
   * a business field (invitations, support grants, join codes) that TTL must never act on.
   */
  timeToLiveAttribute: 'ttl',
  /**
   * The table's stream: new images only (the webhook fan-out reads new Event items, functions/webhooks/fan-out.ts).
   * CDK enables it; locally DynamoDB Local serves it to local/stream-reader.ts.
   */
  streamViewType: 'NEW_IMAGE',
} as const;

export const GSI1 = TABLE_DEFINITION.globalSecondaryIndexes[0].indexName;
export const TTL_ATTRIBUTE = TABLE_DEFINITION.timeToLiveAttribute;

/** Every key attribute, table and indexes, for CreateTable's AttributeDefinitions. */
export const keyAttributes = (): string[] => [
  TABLE_DEFINITION.partitionKey,
  TABLE_DEFINITION.sortKey,
  ...TABLE_DEFINITION.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
];

/**
 * The DynamoDB actions behind each access level: the operations functions/ sends (GetItem, BatchGetItem, Query;
 * PutItem, UpdateItem, DeleteItem, and the items of TransactWriteItems, which IAM checks as PutItem, UpdateItem,
 * DeleteItem and ConditionCheckItem). BatchWriteItem only where a route declares `batchWrite`. No Scan, no
 * DescribeTable, no stream actions.
 */
export const TABLE_ACTIONS = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  readWrite: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:ConditionCheckItem',
  ],
} as const;

/** Deleting many items page by page (an organisation's deletion), declared by the route with `batchWrite`. */
export const BATCH_WRITE_ACTIONS = ['dynamodb:BatchWriteItem'] as const;

/** The only action that reads an index: Query (granted on the named indexes, never on `index/*`). */
export const INDEX_ACTIONS = ['dynamodb:Query'] as const;
