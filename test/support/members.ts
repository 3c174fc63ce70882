// Helpers for the member, role and invitation tests: add people to a cabinet, sign them in, read the audit trail,
// and poll for changes that apply on the next request (membership cache of at most 5 s).
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { api, PASSWORD, type registerCabinet, stack, unique } from './api.ts';
import { dynamo, partition } from './emulators.ts';
import { poll } from './wait.ts';

export type Cabinet = Awaited<ReturnType<typeof registerCabinet>>;

export const orgPath = (cabinet: Cabinet, rest = '') => `/api/organisations/${cabinet.organisation.id}${rest}`;

/** A new-account body for POST …/members. */
export const newAccount = (role: string, overrides: Record<string, unknown> = {}) => ({
  username: unique('agent'),
  password: PASSWORD,
  confirmPassword: PASSWORD,
  nom: 'Agent',
  prenom: 'Test',
  role,
  ...overrides,
});

export async function login(username: string, password = PASSWORD): Promise<string> {
  const response = await api('POST', '/api/auth/login', { body: { username, password } });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${response.text}`);
  return response.body.token as string;
}

/** Creates an account in the cabinet with `role` (through the API, as `by`) and signs it in. */
export const addPerson = (by: { token: string; organisation: { id: string } }, role: string) =>
  addPersonWithUsername(by, role, unique('agent'));

export async function addPersonWithUsername(by: { token: string; organisation: { id: string } }, role: string, username: string) {
  const body = newAccount(role, { username });
  const response = await api('POST', `/api/organisations/${by.organisation.id}/members`, { token: by.token, body });
  if (response.status !== 201) throw new Error(`add member failed: ${response.status} ${response.text}`);
  const member = response.body.member as { userId: string; username: string; role: string };
  return { ...member, token: await login(body.username) };
}

export async function createRole(cabinet: Cabinet, name: string, permissions: string[], token = cabinet.token) {
  const response = await api('POST', orgPath(cabinet, '/roles'), { token, body: { name, permissions } });
  if (response.status !== 201) throw new Error(`create role failed: ${response.status} ${response.text}`);
  return response.body.role;
}

/**
 * Sets maxUsers directly in the table (the organisation PATCH endpoint is another area's): on the organisation item,
 * and on its counters item, whose copy the seats' condition reads.
 */
export async function setMaxUsers(organisationId: string, maxUsers: number): Promise<void> {
  for (const sk of ['ORGANISATION', 'COUNTERS']) {
    await dynamo().send(
      new UpdateCommand({
        TableName: stack().tableName,
        Key: { pk: `ORG#${organisationId}`, sk },
        UpdateExpression: 'SET maxUsers = :max',
        ExpressionAttributeValues: { ':max': maxUsers },
      }),
    );
  }
}

/** The organisation's audit entries, oldest first. */
export async function auditTrail(organisationId: string) {
  const items = await partition(`ORG#${organisationId}`);
  return items.filter((item) => String(item.sk).startsWith('AUDIT#'));
}

/** Repeats `probe` until `done` holds or `timeoutMs` passes; returns the last value for the assertion. */
export async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 6000): Promise<T> {
  return poll(probe, done, { ms: timeoutMs, every: 250 });
}
