// Platform test helpers: run the create-super-admin script against the test stack, sign a super-admin in, grant
// and revoke support access as an organisation's admin, and expire a grant (time passing, which no API does).
import { spawn } from 'node:child_process';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { supportGrantKey } from '#domain/support-grant';
import { api, stack, unique } from './api.ts';
import { dynamo } from './emulators.ts';
import { poll } from './wait.ts';

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The stack's endpoints as script flags: the test stack's state dir is private to the global setup. */
export const stackFlags = () => [
  '--dynamodb-endpoint',
  stack().dynamoEndpoint,
  '--cognito-endpoint',
  stack().cognitoEndpoint,
  '--user-pool-id',
  stack().userPoolId,
  '--table-name',
  stack().tableName,
  '--region',
  stack().region,
];

/** Runs scripts/create-super-admin.ts with `args`; the password goes through `env` or `stdin`, never an argument. */
export function runCreateSuperAdmin(
  args: string[],
  options: { password?: string; stdin?: string; env?: Record<string, string> } = {},
): Promise<ScriptRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  delete env.CABINET_SUPER_ADMIN_PASSWORD;
  if (options.password !== undefined) env.CABINET_SUPER_ADMIN_PASSWORD = options.password;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/create-super-admin.ts', ...args], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

export const SUPER_ADMIN_PASSWORD = 'Platform-Root-2025!';

/** Creates a super-admin with the script (password by env) and signs it in. */
export async function createSuperAdmin(overrides: { username?: string; password?: string } = {}) {
  const username = overrides.username ?? unique('root');
  const password = overrides.password ?? SUPER_ADMIN_PASSWORD;
  const run = await runCreateSuperAdmin(['--username', username, '--nom', 'Racine', '--prenom', 'Alice', ...stackFlags()], { password });
  if (run.code !== 0) throw new Error(`create-super-admin failed (${run.code}): ${run.stderr}`);
  const login = await api('POST', '/api/auth/login', { body: { username, password } });
  if (login.status !== 200) throw new Error(`super-admin login failed: ${login.status} ${login.text}`);
  return { username, password, run, token: login.body.token as string, user: login.body.user as { id: string } };
}

/** An organisation's admin grants support access through the API (POST /api/organisations/{id}/support-access). */
export async function grantSupportAccess(admin: { token: string; organisation: { id: string } }, hours = 1): Promise<void> {
  const response = await api('POST', `/api/organisations/${admin.organisation.id}/support-access`, { token: admin.token, body: { hours } });
  if (response.status !== 201) throw new Error(`support-access grant failed: ${response.status} ${response.text}`);
}

/** An organisation's admin revokes support access through the API. */
export async function revokeSupportAccess(admin: { token: string; organisation: { id: string } }): Promise<void> {
  const response = await api('DELETE', `/api/organisations/${admin.organisation.id}/support-access`, { token: admin.token });
  if (response.status !== 204) throw new Error(`support-access revocation failed: ${response.status} ${response.text}`);
}

/** Moves an existing grant's expiry into the past, as time passing would (written directly: no API does this). */
export async function expireSupportGrant(organisationId: string): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: stack().tableName,
      Key: supportGrantKey(organisationId),
      UpdateExpression: 'SET expiresAt = :past',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':past': new Date(Date.now() - 60_000).toISOString() },
    }),
  );
}

/** Polls `probe` until it answers `status`, for at most `ms` (the membership cache lives 5 s). */
export async function eventuallyStatus(probe: () => Promise<{ status: number }>, status: number, ms = 6_000): Promise<number> {
  return poll(
    async () => (await probe()).status,
    (last) => last === status,
    { ms, every: 250 },
  );
}
