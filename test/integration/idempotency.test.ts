// Idempotency-Key on the creating POSTs, against the running stack: a retry with the same key and body gets the first
// answer and writes nothing; another body is refused (422); a retry while the first request may still be running is
// told to wait (409, Retry-After); a session's answer is replayed with fresh tokens, and the stored record holds none.

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { idempotencyKey } from '#domain/idempotency';
import { api, cabinetInput, claimsOf, newClientAddress, problemOf, registerCabinet, unique } from '#test/api';
import { getItem, partition } from '#test/emulators';
import { mailTo, waitForMail } from '#test/mail';
import { createRole, newAccount, orgPath } from '#test/members';
import { createOrganisation, switchTo } from '#test/organisations';
import { createSuperAdmin } from '#test/platform';
import { createInput, joinInput, register } from '#test/registration';

const keyed = (key: string = randomUUID()) => ({ 'idempotency-key': key });
const patient = (nom = 'Durand') => ({ nom, prenom: 'Claire', dateNaissance: '1984-03-12' });
const patientsOf = async (organisationId: string) =>
  (await partition(`ORG#${organisationId}`)).filter((item) => String(item.sk).startsWith('PATIENT#'));

describe('POST /api/patients with an Idempotency-Key', () => {
  it('answers a retry with the first answer, marked as replayed, and creates one patient', async () => {
    const cabinet = await registerCabinet();
    const headers = keyed();
    const first = await api('POST', '/api/patients', { token: cabinet.token, body: patient(), headers });
    const retry = await api('POST', '/api/patients', { token: cabinet.token, body: patient(), headers });

    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('location')).toBe(first.headers.get('location'));
    expect(await patientsOf(cabinet.organisation.id)).toHaveLength(1);
  });

  it('treats the same fields in another order as the same request', async () => {
    const cabinet = await registerCabinet();
    const headers = keyed();
    const first = await api('POST', '/api/patients', { token: cabinet.token, body: { nom: 'Petit', prenom: 'Lucas' }, headers });
    const retry = await api('POST', '/api/patients', {
      token: cabinet.token,
      rawBody: '{"prenom":"Lucas","nom":"Petit"}',
      headers: { ...headers, 'content-type': 'application/json' },
    });
    expect(retry.body.id).toBe(first.body.id);
  });

  it('refuses the same key with another body (422) and writes nothing', async () => {
    const cabinet = await registerCabinet();
    const headers = keyed();
    expect((await api('POST', '/api/patients', { token: cabinet.token, body: patient('Durand'), headers })).status).toBe(201);
    const other = await api('POST', '/api/patients', { token: cabinet.token, body: patient('Moreau'), headers });
    expect(other.status).toBe(422);
    expect(problemOf(other)).toBe('idempotency-key-reused');
    expect(await patientsOf(cabinet.organisation.id)).toHaveLength(1);
  });

  it('scopes keys to the caller: another user with the same key creates their own patient', async () => {
    const [a, b] = [await registerCabinet(), await registerCabinet()];
    const headers = keyed();
    const mine = await api('POST', '/api/patients', { token: a.token, body: patient(), headers });
    const theirs = await api('POST', '/api/patients', { token: b.token, body: patient(), headers });
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('writes twice without a key', async () => {
    const cabinet = await registerCabinet();
    await api('POST', '/api/patients', { token: cabinet.token, body: patient() });
    await api('POST', '/api/patients', { token: cabinet.token, body: patient() });
    expect(await patientsOf(cabinet.organisation.id)).toHaveLength(2);
  });

  it('refuses a malformed key with 400, naming the header', async () => {
    const cabinet = await registerCabinet();
    const response = await api('POST', '/api/patients', { token: cabinet.token, body: patient(), headers: keyed('x'.repeat(129)) });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path: 'Idempotency-Key', message: expect.stringContaining('1 to 128') }]);
  });

  it('frees the key when the first attempt is refused, so the same request can run once the state allows it', async () => {
    const cabinet = await registerCabinet();
    const body = newAccount('assistant');
    const headers = keyed();
    const refused = await api('POST', orgPath(cabinet, '/members'), { token: cabinet.token, body, headers });
    expect(problemOf(refused)).toBe('unknown-role');
    // The refused attempt wrote nothing and kept no record: once the role exists, the same key and body run.
    await createRole(cabinet, 'assistant', ['patients:read']);
    const added = await api('POST', orgPath(cabinet, '/members'), { token: cabinet.token, body, headers });
    expect(added.status).toBe(201);
    expect(added.headers.get('idempotent-replayed')).toBeNull();
  });

  it('keeps the record 24 h (the TTL attribute)', async () => {
    const cabinet = await registerCabinet();
    const key = randomUUID();
    await api('POST', '/api/patients', { token: cabinet.token, body: patient(), headers: keyed(key) });
    const at = idempotencyKey(
      { kind: 'member', organisationId: cabinet.organisation.id, userId: cabinet.user.id },
      'POST /api/patients',
      key,
    );
    const record = await getItem(at.pk, at.sk);
    expect(record).toMatchObject({ status: 'COMPLETED', fingerprint: expect.stringMatching(/^sha256:/) });
    expect(Number(record?.ttl) - Date.now() / 1000).toBeGreaterThan(24 * 3600 - 60);
    expect(Number(record?.ttl) - Date.now() / 1000).toBeLessThanOrEqual(24 * 3600);
  });
});

describe('the scope of a key (issue 15): user, organisation, method and concrete path', () => {
  it('is a fresh request in another organisation of the same person: nothing of the first is replayed', async () => {
    const cabinet = await registerCabinet();
    const key = randomUUID();
    const first = await api('POST', '/api/patients', { token: cabinet.token, body: patient(), headers: keyed(key) });
    const second = await createOrganisation(cabinet.token);
    const inB = await switchTo(cabinet, second.id);

    const again = await api('POST', '/api/patients', { token: inB.token, body: patient(), headers: keyed(key) });

    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(again.body.id).not.toBe(first.body.id);
    expect(await patientsOf(second.id)).toHaveLength(1);
    expect(await patientsOf(cabinet.organisation.id)).toHaveLength(1);
  });

  it('keeps only the patient id, and answers 410 idempotency-result-gone once the patient was deleted', async () => {
    const cabinet = await registerCabinet();
    const key = randomUUID();
    const body = patient('Lefebvre');
    const first = await api('POST', '/api/patients', { token: cabinet.token, body, headers: keyed(key) });
    const at = idempotencyKey(
      { kind: 'member', organisationId: cabinet.organisation.id, userId: cabinet.user.id },
      'POST /api/patients',
      key,
    );
    const record = await getItem(at.pk, at.sk);
    expect(record?.reply).toEqual({ status: 201, ref: first.body.id, headers: { location: `/api/patients/${first.body.id}` } });
    expect(JSON.stringify(record)).not.toContain('Lefebvre');

    const replayed = await api('POST', '/api/patients', { token: cabinet.token, body, headers: keyed(key) });
    expect(replayed.status).toBe(201);
    expect(replayed.body).toEqual(first.body);

    expect((await api('DELETE', `/api/patients/${first.body.id}`, { token: cabinet.token })).status).toBe(204);
    const gone = await api('POST', '/api/patients', { token: cabinet.token, body, headers: keyed(key) });
    expect(gone.status).toBe(410);
    expect(problemOf(gone)).toBe('idempotency-result-gone');
    expect(gone.text).not.toContain('Lefebvre');
    expect(await patientsOf(cabinet.organisation.id)).toHaveLength(0);
  });
});

describe('a retry while the first request may still be running', () => {
  it('is answered 409 with Retry-After until the first attempt’s deadline; then it runs afresh', async () => {
    const input = cabinetInput();
    const headers = keyed();
    // A public route's keys are the client's: every attempt comes from the same address.
    const from = newClientAddress();
    // The first attempt commits, then dies before its answer is recorded: the key stays IN_PROGRESS.
    const crashed = await api('POST', '/api/auth/register-cabinet', {
      body: input,
      headers: { ...headers, 'x-cabinet-fault': 'crash:before-idempotency-record' },
      from,
    });
    expect(crashed.status).toBe(500);

    const busy = await api('POST', '/api/auth/register-cabinet', { body: input, headers, from });
    expect(busy.status).toBe(409);
    expect(problemOf(busy)).toBe('idempotency-request-in-progress');
    const wait = Number(busy.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(11); // the local function deadline (10 s) and a second

    // Past the first attempt's deadline (the stack's clock moved by Retry-After, not waited for), it is dead: the
    // retry runs again, and the account it committed answers for itself.
    const later = { 'x-cabinet-clock-offset': String(wait * 1000 + 200) };
    const after = await api('POST', '/api/auth/register-cabinet', { body: input, headers: { ...headers, ...later }, from });
    expect(problemOf(after)).toBe('username-taken');
  });
});

describe('registrations with an Idempotency-Key', () => {
  it('replays register-cabinet with fresh tokens for the same account, and stores no token', async () => {
    const input = cabinetInput();
    const key = randomUUID();
    const from = newClientAddress();
    const first = await api('POST', '/api/auth/register-cabinet', { body: input, headers: keyed(key), from });
    const retry = await api('POST', '/api/auth/register-cabinet', { body: input, headers: keyed(key), from });

    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.user).toEqual(first.body.user);
    expect(retry.body.organisation).toEqual(first.body.organisation);
    expect(claimsOf(retry.body.token)).toMatchObject({ sub: first.body.user.id, organisationId: first.body.organisation.id });
    expect((await api('GET', '/api/auth/me', { token: retry.body.token })).status).toBe(200);

    // The record: the answer without its credentials, and a slow (scrypt) fingerprint of a body holding a password.
    const at = idempotencyKey({ kind: 'client', address: from }, 'POST /api/auth/register-cabinet', key);
    const record = await getItem(at.pk, at.sk);
    expect(record).toMatchObject({ status: 'COMPLETED', fingerprint: expect.stringMatching(/^scrypt:/), reply: { signIn: true } });
    // Nothing of the session is stored: the replay answered it anew.
    expect(record?.reply).not.toHaveProperty('body');
    const stored = JSON.stringify(record);
    for (const secret of [first.body.token, first.body.refreshToken, retry.body.token, input.password, input.username])
      expect(stored).not.toContain(secret);
  });

  it('replays a registration with a wrong password as a failed sign-in, never as a session', async () => {
    const input = createInput();
    const key = randomUUID();
    expect((await register(input, '127.0.0.1', keyed(key))).status).toBe(201);
    // Same key, another password: another body.
    const other = await register({ ...input, password: 'Another2025!x', confirmPassword: 'Another2025!x' }, '127.0.0.1', keyed(key));
    expect(problemOf(other)).toBe('idempotency-key-reused');
  });

  it('replays a pending join (202) as it was: no token, nothing written again', async () => {
    const admin = await registerCabinet();
    const policy = await api('PATCH', orgPath(admin, '/join-code'), { token: admin.token, body: { requiresApproval: true } });
    expect(policy.status).toBe(200);
    const input = joinInput(admin.organisation.code);
    const key = randomUUID();
    const first = await register(input, '127.0.0.1', keyed(key));
    const retry = await register(input, '127.0.0.1', keyed(key));
    expect(first.status).toBe(202);
    expect(retry.status).toBe(202);
    expect(retry.body).toEqual(first.body);
    expect((await getItem(`ORG#${admin.organisation.id}`, 'COUNTERS'))?.codeUses).toBe(1);
  });
});

describe('the other creating POSTs', () => {
  it('replay organisations, members and invitations without a second write (or a second e-mail)', async () => {
    const cabinet = await registerCabinet();

    const orgBody = { organisationName: `Cabinet Bis ${randomUUID().slice(0, 8)}` };
    const orgKey = keyed();
    const org = await api('POST', '/api/organisations', { token: cabinet.token, body: orgBody, headers: orgKey });
    const orgAgain = await api('POST', '/api/organisations', { token: cabinet.token, body: orgBody, headers: orgKey });
    expect(org.status).toBe(201);
    expect(orgAgain.body).toEqual(org.body);
    expect(orgAgain.headers.get('idempotent-replayed')).toBe('true');

    const member = newAccount('MEMBER');
    const memberKey = keyed();
    const added = await api('POST', orgPath(cabinet, '/members'), { token: cabinet.token, body: member, headers: memberKey });
    const addedAgain = await api('POST', orgPath(cabinet, '/members'), { token: cabinet.token, body: member, headers: memberKey });
    expect(added.status).toBe(201);
    expect(addedAgain.status).toBe(201);
    expect(addedAgain.body).toEqual(added.body);
    expect((await getItem(`ORG#${cabinet.organisation.id}`, 'COUNTERS'))?.memberCount).toBe(2);

    const email = `${unique('once')}@example.org`;
    const inviteKey = keyed();
    const invited = await api('POST', orgPath(cabinet, '/invitations'), {
      token: cabinet.token,
      body: { email, role: 'MEMBER' },
      headers: inviteKey,
    });
    await waitForMail(email);
    const invitedAgain = await api('POST', orgPath(cabinet, '/invitations'), {
      token: cabinet.token,
      body: { email, role: 'MEMBER' },
      headers: inviteKey,
    });
    expect(invitedAgain.body).toEqual(invited.body);
    // The replay ran nothing: one invitation and one mail job in the organisation (a second send would need a second
    // job, committed with a second invitation), and one message arrived.
    const items = await partition(`ORG#${cabinet.organisation.id}`);
    expect(items.filter((item) => String(item.sk).startsWith('INVITATION#'))).toHaveLength(1);
    expect(items.filter((item) => String(item.sk).startsWith('MAILJOB#') && item.template === 'invitation')).toHaveLength(1);
    expect(await mailTo(email)).toHaveLength(1);
  });

  it('replays a platform-created organisation', async () => {
    const admin = await createSuperAdmin();
    const body = { organisationName: `Cabinet Plateforme ${randomUUID().slice(0, 8)}`, adminEmail: `${unique('first')}@example.org` };
    const headers = keyed();
    const first = await api('POST', '/api/platform/organisations', { token: admin.token, body, headers });
    const retry = await api('POST', '/api/platform/organisations', { token: admin.token, body, headers });
    expect(first.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
  });
});
