// Creates, on first start, what CDK creates in AWS: the table (functions/core/table.ts, as CDK reads it) and the user
// pool + app client.

import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserPoolClientCommand,
  DescribeUserPoolClientCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { keyAttributes, TABLE_DEFINITION, TTL_ATTRIBUTE } from '#core/table';
import { PASSWORD_MIN_LENGTH } from '#schemas/common';

export const LOCAL_REGION = 'eu-west-3';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export const dynamoClient = (endpoint: string) => new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials });
export const cognitoClient = (endpoint: string) => new CognitoIdentityProviderClient({ endpoint, region: LOCAL_REGION, credentials });

/** Where the emulators are and what they hold: what a function needs to know to run against them. */
export interface EmulatorTargets {
  tableName: string;
  dynamoEndpoint: string;
  cognitoEndpoint: string;
  userPoolId: string;
  clientId: string;
  /** The hosted-login app client (ensureWebClient). */
  webClientId: string;
  /** aws-ses-v2-local's base URL (the functions send with SES pointed there). */
  mailUrl: string;
  /** The local API's base URL, which the e-mailed links open (CDK's appUrl context when deployed). */
  baseUrl: string;
  /** The webhook retry schedule: compressed unless CABINET_WEBHOOK_SCHEDULE=real. */
  webhookSchedule?: 'real' | 'compressed';
}

/** The variables CDK gives the deployed functions (lib/api-stack.ts, lib/mail.ts), pointing at the emulators. */
export function functionEnvironment(targets: EmulatorTargets): Record<string, string> {
  return {
    TABLE_NAME: targets.tableName,
    DYNAMODB_ENDPOINT: targets.dynamoEndpoint,
    COGNITO_ENDPOINT: targets.cognitoEndpoint,
    USER_POOL_ID: targets.userPoolId,
    USER_POOL_CLIENT_ID: targets.clientId,
    TOKEN_AUDIENCES: `${targets.clientId},${targets.webClientId}`,
    TOKEN_ISSUER: `${targets.cognitoEndpoint}/${targets.userPoolId}`,
    // cognito-local serves the hosted login (/oauth2/authorize, /oauth2/token) at its root, like a Cognito domain.
    HOSTED_LOGIN_URL: targets.cognitoEndpoint,
    WEB_CLIENT_ID: targets.webClientId,
    SES_ENDPOINT: targets.mailUrl,
    EMAIL_FROM: 'Cabinet <no-reply@cabinet.local>',
    APP_URL: targets.baseUrl,
    // Local only (docs/guide/webhooks.md): the same attempts seconds apart, and a receiver on http://127.0.0.1:<port>.
    WEBHOOK_RETRY_SCHEDULE: targets.webhookSchedule ?? 'compressed',
    WEBHOOK_ALLOW_LOOPBACK_HTTP: 'true',
    // The local fan-out runs in the gateway's process: a claim lapses quickly if it is cut short.
    WEBHOOK_CLAIM_SECONDS: '15',
  };
}

/** `stream`: the table's stream on, for the webhook fan-out (the served table; other tables a test makes need none). */
export async function ensureTable(client: DynamoDBClient, tableName: string, options: { stream?: boolean } = {}): Promise<void> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    await ensureTimeToLive(client, tableName);
    // A table saved by a version without the stream gets it (events written before are not fanned out).
    if (options.stream && !Table?.StreamSpecification?.StreamEnabled) {
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          StreamSpecification: { StreamEnabled: true, StreamViewType: TABLE_DEFINITION.streamViewType },
        }),
      );
    }
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const { partitionKey, sortKey, keyType, billingMode, globalSecondaryIndexes } = TABLE_DEFINITION;
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: billingMode,
      AttributeDefinitions: keyAttributes().map((AttributeName) => ({ AttributeName, AttributeType: keyType })),
      KeySchema: [
        { AttributeName: partitionKey, KeyType: 'HASH' },
        { AttributeName: sortKey, KeyType: 'RANGE' },
      ],
      ...(options.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: TABLE_DEFINITION.streamViewType } } : {}),
      GlobalSecondaryIndexes: globalSecondaryIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: index.projection },
      })),
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: tableName });
  await ensureTimeToLive(client, tableName);
}

/**
 * TTL on the table's TTL attribute (epoch seconds, numbers only): rate-limit counters expire on their own. A table
 * saved by an older version has TTL on another attribute: it is moved (DynamoDB Local applies it at once).
 */
async function ensureTimeToLive(client: DynamoDBClient, tableName: string): Promise<void> {
  const { TimeToLiveDescription: ttl } = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  const active = ttl?.TimeToLiveStatus === 'ENABLED' || ttl?.TimeToLiveStatus === 'ENABLING';
  if (active && ttl?.AttributeName === TTL_ATTRIBUTE) return;
  if (active && ttl?.AttributeName) {
    await client.send(
      new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: ttl.AttributeName, Enabled: false } }),
    );
  }
  await client.send(
    new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true } }),
  );
}

export async function ensureUserPool(
  client: CognitoIdentityProviderClient,
  poolName: string,
): Promise<{ userPoolId: string; clientId: string }> {
  const pools = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  let userPoolId = pools.UserPools?.find((pool) => pool.Name === poolName)?.Id;
  if (!userPoolId) {
    const created = await client.send(
      new CreateUserPoolCommand({
        PoolName: poolName,
        UsernameConfiguration: { CaseSensitive: false },
        // As the deployed pool (lib/stateful-stack.ts): a user may turn TOTP on; sign-in then asks for the code.
        MfaConfiguration: 'OPTIONAL',
        Policies: {
          PasswordPolicy: {
            MinimumLength: PASSWORD_MIN_LENGTH,
            RequireUppercase: true,
            RequireLowercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          },
        },
      }),
    );
    userPoolId = created.UserPool?.Id;
  }
  if (!userPoolId) throw new Error('cognito-local did not create the user pool');
  const clients = await client.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }));
  let clientId = clients.UserPoolClients?.find((appClient) => appClient.ClientName === 'api')?.ClientId;
  if (clientId) {
    // A state saved before the api client had a secret: replace that client (a client cannot gain a secret).
    const { UserPoolClient } = await client.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }));
    if (!UserPoolClient?.ClientSecret) {
      await client.send(new DeleteUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }));
      clientId = undefined;
    }
  }
  if (!clientId) {
    // As the deployed api client (lib/stateful-stack.ts): a client secret, so only the API, which reads it with
    // DescribeUserPoolClient, can sign people in through this client. cognito-local does not check SECRET_HASH.
    const created = await client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: 'api',
        GenerateSecret: true,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        PreventUserExistenceErrors: 'ENABLED',
      }),
    );
    clientId = created.UserPoolClient?.ClientId;
  }
  if (!clientId) throw new Error('cognito-local did not create the app client');
  return { userPoolId, clientId };
}

/**
 * The `web` app client, as CDK creates it (lib/stateful-stack.ts): hosted login with the authorization code flow
 * (the caller adds PKCE), scopes openid/email/profile, Cognito users only. Its callback URLs follow the local base
 * URL, so an existing client is updated when the port changed.
 */
export async function ensureWebClient(client: CognitoIdentityProviderClient, userPoolId: string, callbackUrls: string[]): Promise<string> {
  const settings = {
    UserPoolId: userPoolId,
    ClientName: 'web',
    // No direct sign-in flow, as deployed: hosted login and refresh only (cognito-local does not enforce this; the
    // pre-token trigger refuses the web client's direct sign-ins either way).
    ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH' as const],
    AllowedOAuthFlows: ['code' as const],
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthScopes: ['openid', 'email', 'profile'],
    CallbackURLs: callbackUrls,
    SupportedIdentityProviders: ['COGNITO'],
    PreventUserExistenceErrors: 'ENABLED' as const,
    EnableTokenRevocation: true,
  };
  const clients = await client.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }));
  const existing = clients.UserPoolClients?.find((appClient) => appClient.ClientName === 'web')?.ClientId;
  if (existing) {
    const { UserPoolClient } = await client.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: existing }));
    const current = JSON.stringify([UserPoolClient?.CallbackURLs ?? [], UserPoolClient?.ExplicitAuthFlows ?? []]);
    if (current !== JSON.stringify([callbackUrls, settings.ExplicitAuthFlows])) {
      await client.send(new UpdateUserPoolClientCommand({ ...settings, ClientId: existing }));
    }
    return existing;
  }
  const created = await client.send(new CreateUserPoolClientCommand(settings));
  const clientId = created.UserPoolClient?.ClientId;
  if (!clientId) throw new Error('cognito-local did not create the web app client');
  return clientId;
}
