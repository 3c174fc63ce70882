// Abuse limits (issue 7, item 5), driven over HTTP against a local stack of this file's own whose limits are small
// (the same code, configured through the environment as an operator would), so each limit is reached in a few
// requests and each lock lasts seconds. The shared stack keeps the production defaults.
// A client is the address the request comes from: api() sends from a fresh loopback address unless `from` says which.
import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildStack, startChildStack } from '#local/child-stack';
import { enrolTotp } from '#test/accounts';
import { type ApiResponse, api, cabinetInput, newClientAddress, PASSWORD, problemOf, registerCabinet, unique, useStack } from '#test/api';
import { cognito, signInThroughApiClient } from '#test/emulators';
import { awayFromWindowEdge, stackClock } from '#test/limits';
import { createInput, newEmail, register } from '#test/registration';
import { totp, wrongTotp } from '#test/totp';

const LIMITS = {
  SIGN_IN_FREE_FAILURES_PER_ACCOUNT: 2,
  SIGN_IN_FREE_FAILURES_PER_CLIENT: 4,
  SIGN_IN_BACKOFF_BASE_SECONDS: 2,
  SIGN_IN_BACKOFF_MAX_SECONDS: 4,
  REGISTRATIONS_PER_CLIENT_PER_HOUR: 3,
  REGISTRATIONS_PER_ACCOUNT_PER_HOUR: 2,
  ORGANISATIONS_PER_ACCOUNT_PER_QUARTER: 2,
  ORGANISATIONS_PER_CLIENT_PER_QUARTER: 3,
  ACCEPTANCES_PER_CLIENT_PER_QUARTER: 3,
  ACCEPTANCES_PER_ACCOUNT_PER_QUARTER: 2,
  MEMBER_ADDITIONS_PER_ACCOUNT_PER_QUARTER: 3,
  MEMBER_ADDITIONS_PER_CLIENT_PER_QUARTER: 4,
  JOIN_CODE_FAILED_GUESSES_PER_WINDOW: 3,
  // Each organisation's patient writes: 32 per minute, 2 in each of its 16 bucket shards.
  TENANT_WRITES_PER_WINDOW: 32,
  TENANT_WRITE_WINDOW_SECONDS: 60,
};

// Sign-in failures count in hourly (client) and daily (account) windows: a test starts away from an hour's end.
const HOUR = 3600;
// Long enough to wait out a window's edge (awayFromWindowEdge) and the test's own locks.
const SLOW = { timeout: 90_000 };

let own: ChildStack;

beforeAll(async () => {
  // With fault injection, so a test moves the stack's clock past a lock (x-cabinet-clock-offset) instead of waiting.
  own = await startChildStack({
    env: Object.fromEntries(Object.entries(LIMITS).map(([name, value]) => [name, String(value)])),
    flags: ['--fault-injection'],
  });
  useStack(own.info);
});

afterAll(async () => {
  await own?.stop();
});

const login = (username: string, password: string, from = newClientAddress(), headers: Record<string, string> = {}) =>
  api('POST', '/api/auth/login', { body: { username, password }, from, headers });

/** A 429 as every limit answers it: problem+json, Retry-After in whole seconds within `maxSeconds`. */
function expectThrottled(response: ApiResponse, maxSeconds: number): number {
  expect(response.status).toBe(429);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(problemOf(response)).toBe('too-many-requests');
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
  return retryAfter;
}

const statuses = (responses: ApiResponse[]) => responses.map((response) => response.status);

async function inSequence<T>(count: number, step: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let index = 0; index < count; index++) results.push(await step(index));
  return results;
}

describe('sign-in: growing back-off per account', () => {
  it('locks an account after its free failures, whichever client asks, with the same answer as for an unknown username', SLOW, async () => {
    await awayFromWindowEdge(30_000, HOUR);
    const cabinet = await registerCabinet();
    const unknown = unique('nobody');
    const failures = LIMITS.SIGN_IN_FREE_FAILURES_PER_ACCOUNT + 1;

    const known = await inSequence(failures, () => login(cabinet.input.username, 'Wrong-Password-1'));
    const unknownFailures = await inSequence(failures, () => login(unknown, 'Wrong-Password-1'));
    // The lock holds even for the right password, and from a client that never failed.
    const lockedKnown = await login(cabinet.input.username, PASSWORD);
    const lockedUnknown = await login(unknown, PASSWORD);

    expect(statuses(known)).toEqual(Array(failures).fill(401));
    expect(statuses(unknownFailures)).toEqual(Array(failures).fill(401));
    expectThrottled(lockedKnown, LIMITS.SIGN_IN_BACKOFF_BASE_SECONDS);
    expectThrottled(lockedUnknown, LIMITS.SIGN_IN_BACKOFF_BASE_SECONDS);
    expect(lockedKnown.body).toEqual(lockedUnknown.body);
    expect(lockedKnown.body).not.toHaveProperty('token');

    // Past the lock, the right password works.
    const clock = stackClock();
    clock.skipRetryAfter(lockedKnown.headers.get('retry-after'));
    const after = await login(cabinet.input.username, PASSWORD, newClientAddress(), clock.headers());
    expect(after.status).toBe(200);
    expect(after.body.token).toEqual(expect.any(String));
  });

  it(
    'doubles the lock with every further failure up to its maximum, and forgets the failures once the right password works',
    SLOW,
    async () => {
      await awayFromWindowEdge(40_000, HOUR);
      const { input } = await registerCabinet();
      // Each lock is skipped on the stack's clock; every later request is sent at the test's time.
      const clock = stackClock();
      const fail = () => login(input.username, 'Wrong-Password-1', newClientAddress(), clock.headers());
      const right = () => login(input.username, PASSWORD, newClientAddress(), clock.headers());

      await inSequence(LIMITS.SIGN_IN_FREE_FAILURES_PER_ACCOUNT + 1, fail);
      const first = expectThrottled(await right(), 2);
      clock.skip(first * 1000 + 300);
      expect((await fail()).status).toBe(401);
      const second = expectThrottled(await right(), 4);
      clock.skip(second * 1000 + 300);
      expect((await fail()).status).toBe(401);
      const third = expectThrottled(await right(), LIMITS.SIGN_IN_BACKOFF_MAX_SECONDS);

      expect(second).toBeGreaterThan(LIMITS.SIGN_IN_BACKOFF_BASE_SECONDS);
      expect(third).toBeGreaterThan(LIMITS.SIGN_IN_BACKOFF_BASE_SECONDS);

      clock.skip(third * 1000 + 300);
      expect((await right()).status).toBe(200);
      // Forgotten: one more mistake is free again.
      expect((await fail()).status).toBe(401);
      expect((await right()).status).toBe(200);
    },
  );

  it('counts wrong MFA codes like wrong passwords: past the free failures, neither step is answered', SLOW, async () => {
    await awayFromWindowEdge(30_000, HOUR);
    const { input } = await registerCabinet();
    const { AccessToken } = await signInThroughApiClient(input.username, PASSWORD);
    const { AssociateSoftwareTokenCommand, SetUserMFAPreferenceCommand, VerifySoftwareTokenCommand } = await import(
      '@aws-sdk/client-cognito-identity-provider'
    );
    const { SecretCode = '' } = await cognito().send(new AssociateSoftwareTokenCommand({ AccessToken }));
    await cognito().send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: totp(SecretCode), FriendlyDeviceName: 'phone' }));
    await cognito().send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));

    const wrongCodes = await inSequence(LIMITS.SIGN_IN_FREE_FAILURES_PER_ACCOUNT + 1, async () => {
      const challenge = await login(input.username, PASSWORD);
      expect(challenge.body).toEqual({ challenge: 'SOFTWARE_TOKEN_MFA', session: expect.any(String) });
      return api('POST', '/api/auth/login/mfa', {
        body: { username: input.username, session: challenge.body.session, code: wrongTotp(SecretCode) },
      });
    });

    expect(wrongCodes.map(problemOf)).toEqual(Array(wrongCodes.length).fill('invalid-mfa-code'));
    const password = await login(input.username, PASSWORD);
    expectThrottled(password, LIMITS.SIGN_IN_BACKOFF_BASE_SECONDS);
    const clock = stackClock();
    clock.skipRetryAfter(password.headers.get('retry-after'));
    const challenge = await login(input.username, PASSWORD, newClientAddress(), clock.headers());
    const signedIn = await api('POST', '/api/auth/login/mfa', {
      body: { username: input.username, session: challenge.body.session, code: totp(SecretCode) },
      headers: clock.headers(),
    });
    expect(signedIn.status).toBe(200);
  });
});

describe('sign-in: codes the API checks itself count the same (issue 15)', () => {
  it(
    'counts wrong codes at DELETE /api/auth/mfa/totp toward the account lock (429), and a right password does not clear them',
    SLOW,
    async () => {
      await awayFromWindowEdge(30_000, HOUR);
      const cabinet = await registerCabinet();
      const secret = await enrolTotp(cabinet, PASSWORD);
      const disable = (code: string) => api('DELETE', '/api/auth/mfa/totp', { token: cabinet.token, body: { password: PASSWORD, code } });

      const wrong = await inSequence(LIMITS.SIGN_IN_FREE_FAILURES_PER_ACCOUNT + 1, () => disable(wrongTotp(secret)));
      const locked = await disable(totp(secret));
      const lockedLogin = await login(cabinet.input.username, PASSWORD);

      expect(wrong.map(problemOf)).toEqual(Array(wrong.length).fill('mfa-code-mismatch'));
      expectThrottled(locked, LIMITS.SIGN_IN_BACKOFF_BASE_SECONDS);
      expectThrottled(lockedLogin, LIMITS.SIGN_IN_BACKOFF_BASE_SECONDS);
    },
  );
});

describe('sign-in: a password confirmed outside sign-in counts the same', () => {
  it('counts wrong current passwords (changing the password) toward the account lock, which then holds everywhere', SLOW, async () => {
    await awayFromWindowEdge(30_000, HOUR);
    const cabinet = await registerCabinet();
    const change = (currentPassword: string) =>
      api('POST', '/api/auth/password', { token: cabinet.token, body: { currentPassword, newPassword: 'Another-2026!x' } });

    const wrong = await inSequence(LIMITS.SIGN_IN_FREE_FAILURES_PER_ACCOUNT + 1, () => change('Wrong-Password-1'));
    const lockedChange = await change(PASSWORD);
    const lockedLogin = await login(cabinet.input.username, PASSWORD);

    expect(wrong.map(problemOf)).toEqual(Array(wrong.length).fill('invalid-credentials'));
    expectThrottled(lockedChange, LIMITS.SIGN_IN_BACKOFF_BASE_SECONDS);
    expectThrottled(lockedLogin, LIMITS.SIGN_IN_BACKOFF_BASE_SECONDS);
    const clock = stackClock();
    clock.skipRetryAfter(lockedLogin.headers.get('retry-after'));
    expect((await login(cabinet.input.username, PASSWORD, newClientAddress(), clock.headers())).status).toBe(200);
  });
});

describe('sign-in: per client', () => {
  it('locks a client that fails across many usernames, and only that client', SLOW, async () => {
    await awayFromWindowEdge(30_000, HOUR);
    const { input } = await registerCabinet();
    const client = newClientAddress();

    const failures = await inSequence(LIMITS.SIGN_IN_FREE_FAILURES_PER_CLIENT + 1, () =>
      login(unique('probe'), 'Wrong-Password-1', client),
    );
    const locked = await login(input.username, PASSWORD, client);
    const elsewhere = await login(input.username, PASSWORD);

    expect(statuses(failures)).toEqual(Array(failures.length).fill(401));
    expectThrottled(locked, LIMITS.SIGN_IN_BACKOFF_BASE_SECONDS);
    expect(elsewhere.status).toBe(200);
  });
});

describe('registration', () => {
  it('limits the registrations asking for one username, in every mode, whichever clients ask', SLOW, async () => {
    await awayFromWindowEdge();
    const cabinet = cabinetInput();
    const cabinetAttempts = await inSequence(3, () => api('POST', '/api/auth/register-cabinet', { body: cabinet }));
    const create = createInput({ email: newEmail() });
    const createAttempts = await inSequence(3, () => register(create));

    expect(statuses(cabinetAttempts)).toEqual([201, 409, 429]);
    expect(statuses(createAttempts)).toEqual([201, 409, 429]);
    expectThrottled(cabinetAttempts[2] as ApiResponse, 3600);
  });

  it('limits the registrations of one client, and no other client', SLOW, async () => {
    await awayFromWindowEdge();
    const client = newClientAddress();
    const attempts = await inSequence(LIMITS.REGISTRATIONS_PER_CLIENT_PER_HOUR + 1, () =>
      api('POST', '/api/auth/register-cabinet', { body: cabinetInput(), from: client }),
    );
    const elsewhere = await api('POST', '/api/auth/register-cabinet', { body: cabinetInput() });

    expect(statuses(attempts)).toEqual([201, 201, 201, 429]);
    expect(elsewhere.status).toBe(201);
  });
});

describe('creating organisations', () => {
  it('limits an account and a client; a refused creation reserves no name', SLOW, async () => {
    await awayFromWindowEdge();
    const [first, second] = [await registerCabinet(), await registerCabinet()];
    const client = newClientAddress();
    const create = (token: string, name: string, from = client) => api('POST', '/api/organisations', { token, body: { name }, from });

    const byFirst = await inSequence(3, (index) => create(first.token, unique(`Cabinet ${index}`)));
    const refusedName = unique('Cabinet Refused');
    const bySecond = [await create(second.token, unique('Cabinet Second')), await create(second.token, refusedName)];
    const secondElsewhere = await create(second.token, refusedName, newClientAddress());

    expect(statuses(byFirst)).toEqual([201, 201, 429]); // the account's limit
    expect(statuses(bySecond)).toEqual([201, 429]); // the client's limit, reached by two accounts together
    expectThrottled(bySecond[1] as ApiResponse, 900);
    expect(secondElsewhere.status).toBe(201);
  });
});

describe('accepting invitations', () => {
  it('limits the acceptances of an account', SLOW, async () => {
    await awayFromWindowEdge();
    const person = await registerCabinet();
    const inviters = [await registerCabinet(), await registerCabinet(), await registerCabinet()];
    const invitationIds: string[] = [];
    for (const inviter of inviters) {
      const invited = await api('POST', `/api/organisations/${inviter.organisation.id}/members`, {
        token: inviter.token,
        body: { username: person.input.username, role: 'VIEWER' },
      });
      invitationIds.push(invited.body.invitation.id);
    }

    const answers = await inSequence(invitationIds.length, (index) =>
      api('POST', `/api/auth/invitations/${invitationIds[index]}/accept`, { token: person.token }),
    );

    expect(statuses(answers)).toEqual([200, 200, 429]);
    const organisations = await api('GET', '/api/organisations', { token: person.token });
    expect(organisations.body.items).toHaveLength(3); // its own and the two accepted
  });

  it('limits the invitation tokens one client may try', SLOW, async () => {
    await awayFromWindowEdge();
    const client = newClientAddress();
    const token = () => randomUUID().replaceAll('-', '');
    const attempts = await inSequence(LIMITS.ACCEPTANCES_PER_CLIENT_PER_QUARTER + 1, () =>
      api('POST', '/api/auth/accept-invitation', {
        body: { token: token(), password: PASSWORD, nom: 'Martin', prenom: 'Jean' },
        from: client,
      }),
    );

    expect(attempts.slice(0, -1).map(problemOf)).toEqual(Array(LIMITS.ACCEPTANCES_PER_CLIENT_PER_QUARTER).fill('invitation-not-found'));
    expectThrottled(attempts.at(-1) as ApiResponse, 900);
  });
});

describe('adding members', () => {
  it(
    'limits additions (by username, by e-mail invitation, new accounts) per admin and per client, writing nothing when refused',
    SLOW,
    async () => {
      await awayFromWindowEdge();
      const [first, second] = [await registerCabinet(), await registerCabinet()];
      const client = newClientAddress();
      const add = (admin: typeof first, body: Record<string, unknown>, from = client) =>
        api('POST', `/api/organisations/${admin.organisation.id}/members`, { token: admin.token, body, from });
      const inviteByEmail = (admin: typeof first, from = client) =>
        api('POST', `/api/organisations/${admin.organisation.id}/invitations`, {
          token: admin.token,
          body: { email: newEmail(), role: 'VIEWER' },
          from,
        });

      const byFirst = [
        await add(first, { username: unique('someone'), role: 'VIEWER' }),
        await inviteByEmail(first),
        await add(first, { username: unique('agent'), password: PASSWORD, nom: 'Durand', prenom: 'Lea', role: 'VIEWER' }),
        await add(first, { username: unique('someone'), role: 'VIEWER' }),
      ];
      const bySecond = [await inviteByEmail(second), await inviteByEmail(second)];
      const secondElsewhere = await inviteByEmail(second, newClientAddress());

      expect(statuses(byFirst)).toEqual([202, 201, 201, 429]);
      expect(statuses(bySecond)).toEqual([201, 429]);
      expect(secondElsewhere.status).toBe(201);
      const invitations = await api('GET', `/api/organisations/${first.organisation.id}/invitations`, { token: first.token });
      const members = await api('GET', `/api/organisations/${first.organisation.id}/members`, { token: first.token });
      expect(invitations.body.items).toHaveLength(2); // by username and by e-mail; the refused one left nothing
      expect(members.body.items).toHaveLength(2); // the admin and the new account
    },
  );
});

describe('join codes: failed guesses per client and per account, never platform-wide (issue 15)', () => {
  const randomCode = () => String(randomInt(0, 10 ** 10)).padStart(10, '0');
  const joinAs = (session: { token: string }, organisationCode: string, from: string) =>
    api('POST', '/api/auth/join-organisation', { token: session.token, body: { organisationCode }, from });

  async function openCode() {
    const cabinet = await registerCabinet();
    await api('PATCH', `/api/organisations/${cabinet.organisation.id}/join-code`, { token: cabinet.token, body: { enabled: true } });
    const code = (await api('GET', `/api/organisations/${cabinet.organisation.id}/join-code`, { token: cabinet.token })).body.code;
    return { cabinet, code: code as string };
  }

  it('locks the client that guessed wrong — a valid code too — and leaves every other client joining', SLOW, async () => {
    await awayFromWindowEdge();
    const { cabinet, code } = await openCode();
    const guesser = newClientAddress();
    const accounts: { token: string }[] = await inSequence(LIMITS.JOIN_CODE_FAILED_GUESSES_PER_WINDOW + 2, () => registerCabinet());

    const guesses = await inSequence(LIMITS.JOIN_CODE_FAILED_GUESSES_PER_WINDOW, (index) =>
      joinAs(accounts[index] as { token: string }, randomCode(), guesser),
    );
    const lockedValid = await joinAs(accounts[LIMITS.JOIN_CODE_FAILED_GUESSES_PER_WINDOW] as { token: string }, code, guesser);
    const elsewhere = await joinAs(accounts[LIMITS.JOIN_CODE_FAILED_GUESSES_PER_WINDOW + 1] as { token: string }, code, newClientAddress());

    expect(statuses(guesses)).toEqual(Array(LIMITS.JOIN_CODE_FAILED_GUESSES_PER_WINDOW).fill(404));
    expectThrottled(lockedValid, 900);
    expect(elsewhere.status).toBe(201);
    const members = await api('GET', `/api/organisations/${cabinet.organisation.id}/members`, { token: cabinet.token });
    expect(members.body.items).toHaveLength(2);
  });

  it('locks the account that guessed wrong from many addresses, and only that account', SLOW, async () => {
    await awayFromWindowEdge();
    const { code } = await openCode();
    const guesser = await registerCabinet();
    const other = await registerCabinet();

    const guesses = await inSequence(LIMITS.JOIN_CODE_FAILED_GUESSES_PER_WINDOW, () => joinAs(guesser, randomCode(), newClientAddress()));
    const lockedValid = await joinAs(guesser, code, newClientAddress());
    const otherJoins = await joinAs(other, code, newClientAddress());

    expect(statuses(guesses)).toEqual(Array(LIMITS.JOIN_CODE_FAILED_GUESSES_PER_WINDOW).fill(404));
    expectThrottled(lockedValid, 900);
    expect(otherJoins.status).toBe(201);
  });
});

describe('patient writes per organisation', () => {
  const patient = (index: number) => ({ nom: 'Flood', prenom: `Patient ${index}` });

  it("answers one organisation's flood 429, writing nothing, while another organisation's writes go through", SLOW, async () => {
    // 33 writes are more than a window's 32 tokens: some write is refused whichever shards they draw.
    await awayFromWindowEdge(30_000, LIMITS.TENANT_WRITE_WINDOW_SECONDS);
    const [flooding, other] = [await registerCabinet(), await registerCabinet()];
    const answers: ApiResponse[] = [];
    for (let index = 0; index <= LIMITS.TENANT_WRITES_PER_WINDOW; index++) {
      const answer = await api('POST', '/api/patients', { token: flooding.token, body: patient(index) });
      answers.push(answer);
      if (answer.status !== 201) break;
    }
    const refused = answers.at(-1) as ApiResponse;
    const created = answers.filter((answer) => answer.status === 201);
    const otherCreated = await api('POST', '/api/patients', { token: other.token, body: patient(0) });
    const otherUpdated = await api('PATCH', `/api/patients/${otherCreated.body.id}`, { token: other.token, body: { notes: 'seen' } });
    const listed = await api('GET', '/api/patients?limit=100', { token: flooding.token });

    expect(created.length).toBeGreaterThan(0);
    expect(created.length).toBeLessThanOrEqual(LIMITS.TENANT_WRITES_PER_WINDOW);
    expectThrottled(refused, LIMITS.TENANT_WRITE_WINDOW_SECONDS);
    expect(otherCreated.status).toBe(201);
    expect(otherUpdated.status).toBe(200);
    expect(listed.status).toBe(200);
    // Nothing of a refused write was kept: the organisation holds exactly the patients it was answered 201 for.
    expect(listed.body.items.map((item: { id: string }) => item.id).sort()).toEqual(
      created.map((answer) => answer.body.id as string).sort(),
    );
  });

  it('refills the bucket when the window ends', SLOW, async () => {
    await awayFromWindowEdge(30_000, LIMITS.TENANT_WRITE_WINDOW_SECONDS);
    const cabinet = await registerCabinet();
    const clock = stackClock();
    let refused: ApiResponse | undefined;
    for (let index = 0; index <= LIMITS.TENANT_WRITES_PER_WINDOW && !refused; index++) {
      const answer = await api('POST', '/api/patients', { token: cabinet.token, body: patient(index) });
      if (answer.status === 429) refused = answer;
      else expect(answer.status).toBe(201);
    }
    expect(refused).toBeDefined();
    clock.skipRetryAfter(refused?.headers.get('retry-after') ?? null);
    const after = await api('POST', '/api/patients', { token: cabinet.token, body: patient(99), headers: clock.headers() });
    expect(after.status).toBe(201);
  });
});
