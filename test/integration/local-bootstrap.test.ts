// What `npm start` creates in the emulators is what CDK deploys: the table of functions/core/table.ts, and an api
// app client with a secret. A state saved by an older version (TTL on expiresAt, an api client without a secret)
// is brought up to date.
import { randomUUID } from 'node:crypto';
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  ListUserPoolClientsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { TABLE_DEFINITION } from '#core/table';
import { stack } from '#test/api';
import { cognito } from '#test/emulators';
import { dynamoClient, ensureTable, ensureUserPool } from '../../local/bootstrap.ts';

const ddb = () => dynamoClient(stack().dynamoEndpoint);

describe('the local table', () => {
  it('has the keys, index, billing and TTL attribute of functions/core/table.ts', async () => {
    const { Table } = await ddb().send(new DescribeTableCommand({ TableName: stack().tableName }));
    const { partitionKey, sortKey, globalSecondaryIndexes, billingMode, timeToLiveAttribute } = TABLE_DEFINITION;
    expect(Table?.KeySchema).toEqual([
      { AttributeName: partitionKey, KeyType: 'HASH' },
      { AttributeName: sortKey, KeyType: 'RANGE' },
    ]);
    expect(Table?.BillingModeSummary?.BillingMode).toBe(billingMode);
    expect(
      Table?.GlobalSecondaryIndexes?.map((index) => ({ name: index.IndexName, keys: index.KeySchema, projection: index.Projection })),
    ).toEqual(
      globalSecondaryIndexes.map((index) => ({
        name: index.indexName,
        keys: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        projection: { ProjectionType: index.projection },
      })),
    );
    const { TimeToLiveDescription } = await ddb().send(new DescribeTimeToLiveCommand({ TableName: stack().tableName }));
    expect(TimeToLiveDescription).toMatchObject({ TimeToLiveStatus: 'ENABLED', AttributeName: timeToLiveAttribute });
  });

  it('moves the TTL of a table saved with TTL on expiresAt to ttl', async () => {
    const TableName = `cabinet-old-${randomUUID().slice(0, 8)}`;
    await ddb().send(
      new CreateTableCommand({
        TableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
    try {
      await ddb().send(new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true } }));
      await ensureTable(ddb(), TableName);
      const { TimeToLiveDescription } = await ddb().send(new DescribeTimeToLiveCommand({ TableName }));
      expect(TimeToLiveDescription).toMatchObject({ TimeToLiveStatus: 'ENABLED', AttributeName: 'ttl' });
    } finally {
      await ddb().send(new DeleteTableCommand({ TableName }));
    }
  });
});

describe('the local api app client', () => {
  it('has a client secret, as the deployed one', async () => {
    const { UserPoolClient } = await cognito().send(
      new DescribeUserPoolClientCommand({ UserPoolId: stack().userPoolId, ClientId: stack().clientId }),
    );
    expect(UserPoolClient?.ClientName).toBe('api');
    expect(UserPoolClient?.ClientSecret).toEqual(expect.any(String));
  });

  it('replaces an api client saved without a secret (a client cannot gain one)', async () => {
    const poolName = `cabinet-old-${randomUUID().slice(0, 8)}`;
    // A bare pool and a secret-less api client, as an older local state holds them.
    const pool = await cognito().send(new CreateUserPoolCommand({ PoolName: poolName, UsernameConfiguration: { CaseSensitive: false } }));
    const UserPoolId = pool.UserPool?.Id ?? '';
    const old = await cognito().send(new CreateUserPoolClientCommand({ UserPoolId, ClientName: 'api' }));
    const { clientId } = await ensureUserPool(cognito(), poolName);
    expect(clientId).not.toBe(old.UserPoolClient?.ClientId);
    const { UserPoolClients } = await cognito().send(new ListUserPoolClientsCommand({ UserPoolId, MaxResults: 60 }));
    expect(UserPoolClients?.map((client) => client.ClientId)).toEqual([clientId]);
    const { UserPoolClient } = await cognito().send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId: clientId }));
    expect(UserPoolClient?.ClientSecret).toEqual(expect.any(String));
  });
});
