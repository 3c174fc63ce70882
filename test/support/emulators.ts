// Direct access to the emulators behind the stack, for assertions a client cannot make (e.g. "no Cognito user").
import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { secretHash } from '../../functions/adapters/secret-hash.ts';
import { stack } from './api.ts';
import { harvestSecrets } from './secrets.ts';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export const cognito = () => new CognitoIdentityProviderClient({ endpoint: stack().cognitoEndpoint, region: stack().region, credentials });

export const dynamo = () =>
  DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack().dynamoEndpoint, region: stack().region, credentials }));

export async function cognitoUserExists(username: string): Promise<boolean> {
  try {
    await cognito().send(new AdminGetUserCommand({ UserPoolId: stack().userPoolId, Username: username }));
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'UserNotFoundException') return false;
    throw error;
  }
}

export async function getItem(pk: string, sk: string) {
  const { Item } = await dynamo().send(new GetCommand({ TableName: stack().tableName, Key: { pk, sk } }));
  return Item;
}

export async function partition(pk: string) {
  const { Items } = await dynamo().send(
    new QueryCommand({ TableName: stack().tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } }),
  );
  return Items ?? [];
}

/**
 * Signs in through the api app client directly, with the SECRET_HASH its secret requires (as the API computes it):
 * what a holder of the client secret could do. Tests use it where they need Cognito's own tokens (an access token).
 * cognito-local does not check the hash; AWS refuses the call without it.
 */
export async function signInThroughApiClient(username: string, password: string) {
  const { UserPoolClient } = await cognito().send(
    new DescribeUserPoolClientCommand({ UserPoolId: stack().userPoolId, ClientId: stack().clientId }),
  );
  const secret = UserPoolClient?.ClientSecret;
  if (!secret) throw new Error('the local api client has no secret');
  const { AuthenticationResult } = await cognito().send(
    new InitiateAuthCommand({
      ClientId: stack().clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD: password, SECRET_HASH: secretHash(username, stack().clientId, secret) },
    }),
  );
  if (!AuthenticationResult) throw new Error('no tokens');
  harvestSecrets(
    stack().logFile,
    { password, token: AuthenticationResult.IdToken, refreshToken: AuthenticationResult.RefreshToken },
    {
      token: AuthenticationResult.AccessToken,
    },
  );
  return AuthenticationResult;
}
