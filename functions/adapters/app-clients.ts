// The user pool's app clients by id, for the pre-token trigger: their names (ListUserPoolClients, which returns no
// secret), read on the container's first token and kept for its life. An id it does not know (a client added since)
// makes it read the list again, at most once a minute; a failed read is not kept, so the next token retries it.
import { CognitoIdentityProviderClient, ListUserPoolClientsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { triggerConfig as config } from '#core/trigger-config';

const RELIST_AFTER_MS = 60_000;

let client: CognitoIdentityProviderClient | undefined;
const cognito = () =>
  (client ??= new CognitoIdentityProviderClient({
    region: config.AWS_REGION,
    ...(config.COGNITO_ENDPOINT ? { endpoint: config.COGNITO_ENDPOINT } : {}),
  }));

let names: { userPoolId: string; listedAt: number; byId: Promise<Map<string, string>> } | undefined;

async function listClients(userPoolId: string): Promise<Map<string, string>> {
  const byId = new Map<string, string>();
  let NextToken: string | undefined;
  do {
    const page = await cognito().send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60, NextToken }));
    for (const appClient of page.UserPoolClients ?? []) {
      if (appClient.ClientId && appClient.ClientName) byId.set(appClient.ClientId, appClient.ClientName);
    }
    NextToken = page.NextToken;
  } while (NextToken);
  return byId;
}

function read(userPoolId: string): Promise<Map<string, string>> {
  const byId = listClients(userPoolId);
  const entry = { userPoolId, listedAt: Date.now(), byId };
  byId.catch(() => {
    if (names === entry) names = undefined;
  });
  names = entry;
  return byId;
}

/** The name of app client `clientId` of pool `userPoolId`, or undefined when the pool has no such client. */
export async function appClientName(userPoolId: string, clientId: string): Promise<string | undefined> {
  const known = names?.userPoolId === userPoolId ? await names.byId : await read(userPoolId);
  const name = known.get(clientId);
  if (name !== undefined || (names && Date.now() - names.listedAt < RELIST_AFTER_MS)) return name;
  return (await read(userPoolId)).get(clientId);
}
