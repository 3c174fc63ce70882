// Direct access to the emulators behind the stack, for assertions a client cannot make (e.g. "no Cognito user").
import { AdminGetUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { stack } from './api.ts';

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
