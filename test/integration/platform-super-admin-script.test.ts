// `npm run create-super-admin`: the only way a platform super-admin comes to exist, and how one signs in.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { api, claimsOf, problemOf, registerCabinet, stack, unique } from '#test/api';
import { cognitoUserExists, dynamo, getItem } from '#test/emulators';
import { createSuperAdmin, runCreateSuperAdmin, SUPER_ADMIN_PASSWORD, stackFlags } from '#test/platform';

describe('create-super-admin script', () => {
  it('creates the Cognito user, the profile, the username guard and the PLATFORM marker, without printing the password', async () => {
    const username = unique('root');
    const run = await runCreateSuperAdmin(['--username', username, '--nom', 'Racine', '--prenom', 'Alice', ...stackFlags()], {
      password: SUPER_ADMIN_PASSWORD,
    });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Super-admin "${username}" created`);
    expect(run.stdout + run.stderr).not.toContain(SUPER_ADMIN_PASSWORD);
    const guard = await getItem(`USERNAME#${username}`, 'GUARD');
    expect(guard?.userId).toEqual(expect.any(String));
    expect(await getItem(`USER#${guard?.userId}`, 'PROFILE')).toMatchObject({ username, nom: 'Racine', prenom: 'Alice' });
    expect(await getItem('PLATFORM', `SUPERADMIN#${guard?.userId}`)).toMatchObject({ userId: guard?.userId, username });
    expect(await cognitoUserExists(username)).toBe(true);
  });

  it('reads the password from stdin when the environment does not give it', async () => {
    const username = unique('root');
    const run = await runCreateSuperAdmin(['--username', username, ...stackFlags()], { stdin: `${SUPER_ADMIN_PASSWORD}\n` });

    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toContain(SUPER_ADMIN_PASSWORD);
    const login = await api('POST', '/api/auth/login', { body: { username, password: SUPER_ADMIN_PASSWORD } });
    expect(login.status).toBe(200);
  });

  it('refuses a weak password with the failing rules, creates nothing and never prints it', async () => {
    const username = unique('root');
    const weak = 'shortpw7';
    const run = await runCreateSuperAdmin(['--username', username, ...stackFlags()], { password: weak });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('password: Password must be at least 12 characters');
    expect(run.stderr).toContain('password: Password must contain an uppercase letter');
    expect(run.stderr).toContain('password: Password must contain a symbol');
    expect(run.stdout + run.stderr).not.toContain(weak);
    expect(await cognitoUserExists(username)).toBe(false);
    expect(await getItem(`USERNAME#${username}`, 'GUARD')).toBeUndefined();
  });

  it('refuses a password given as a command-line argument', async () => {
    const username = unique('root');
    const run = await runCreateSuperAdmin(['--username', username, `--password=${SUPER_ADMIN_PASSWORD}`, ...stackFlags()]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown option '--password'");
    expect(run.stdout + run.stderr).not.toContain(SUPER_ADMIN_PASSWORD);
    expect(await cognitoUserExists(username)).toBe(false);
  });

  it('refuses a username already taken by a cabinet user, leaving that user untouched', async () => {
    const cabinet = await registerCabinet();
    const run = await runCreateSuperAdmin(['--username', cabinet.input.username, ...stackFlags()], { password: SUPER_ADMIN_PASSWORD });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`The username "${cabinet.input.username}" is already taken.`);
    expect(await getItem('PLATFORM', `SUPERADMIN#${cabinet.user.id}`)).toBeUndefined();
    const login = await api('POST', '/api/auth/login', { body: { username: cabinet.input.username, password: cabinet.input.password } });
    expect(login.status).toBe(200);
  });

  it('deletes the Cognito user again when the DynamoDB transaction fails', async () => {
    // A username guard without a Cognito user: Cognito accepts the name, then the transaction's guard fails.
    const username = unique('root');
    await dynamo().send(
      new PutCommand({ TableName: stack().tableName, Item: { pk: `USERNAME#${username}`, sk: 'GUARD', userId: 'someone-else' } }),
    );
    const run = await runCreateSuperAdmin(['--username', username, ...stackFlags()], { password: SUPER_ADMIN_PASSWORD });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('already taken');
    expect(await cognitoUserExists(username)).toBe(false);
  });

  it('requires --username and explains the usage', async () => {
    const run = await runCreateSuperAdmin([...stackFlags()], { password: SUPER_ADMIN_PASSWORD });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--username is required');
  });
});

describe('POST /api/auth/login for a super-admin', () => {
  it('answers the platform session: role SUPER_ADMIN, no organisation', async () => {
    const admin = await createSuperAdmin();
    const login = await api('POST', '/api/auth/login', { body: { username: admin.username, password: admin.password } });

    expect(login.status).toBe(200);
    expect(login.body).toEqual({
      token: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: expect.any(Number),
      user: { id: admin.user.id, username: admin.username, role: 'SUPER_ADMIN', nom: 'Racine', prenom: 'Alice', organisationId: null },
      organisation: null,
    });
    const claims = claimsOf(login.body.token);
    expect(claims.platformRole).toBe('SUPER_ADMIN');
    expect(claims.organisationId).toBeUndefined();
  });

  it('keeps a super-admin without membership out of member routes (403: the token has no organisation)', async () => {
    const admin = await createSuperAdmin();

    const patients = await api('GET', '/api/patients', { token: admin.token });

    expect(patients.status).toBe(403);
    expect(problemOf(patients)).toBe('no-organisation-selected');
  });
});
