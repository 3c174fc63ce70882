// Sessions one device at a time (issue 18) and what turning MFA on ends (issue 15): GET /api/auth/sessions lists a
// person's sessions with the device each began from, DELETE /api/auth/sessions/{sessionId} ends one, and a TOTP
// code the API passes on is accepted once.
import { describe, expect, it } from 'vitest';
import { registerAccount } from '#test/accounts';
import { api, newClientAddress, PASSWORD, problemOf, registerCabinet } from '#test/api';
import { eventually } from '#test/members';
import { totp } from '#test/totp';

const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Mobile/15E148';
const LAPTOP = 'Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/133.0';

interface Signed {
  token: string;
  refreshToken: string;
}

async function signInFrom(username: string, userAgent: string, from = newClientAddress()): Promise<Signed> {
  const response = await api('POST', '/api/auth/login', {
    body: { username, password: PASSWORD },
    headers: { 'user-agent': userAgent },
    from,
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${response.text}`);
  return response.body as Signed;
}

const sessionsOf = (token: string) => api('GET', '/api/auth/sessions', { token });
const refresh = (refreshToken: string) => api('POST', '/api/auth/refresh', { body: { refreshToken } });
/** The token is refused once the 5 s membership/profile window has passed (the event, polled for). */
const refusedSoon = (token: string) =>
  eventually(
    () => api('GET', '/api/auth/me', { token }),
    (response) => response.status === 401,
    8000,
  );

describe('GET /api/auth/sessions', () => {
  it("lists the person's sessions, newest first, with the device each began from, and marks this request's", async () => {
    const account = await registerAccount();
    const laptopAddress = newClientAddress();
    const phone = await signInFrom(account.email, PHONE);
    const laptop = await signInFrom(account.email, LAPTOP, laptopAddress);

    const listed = await sessionsOf(laptop.token);

    expect(listed.status).toBe(200);
    const [newest, older] = listed.body.items;
    expect(newest).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      appClient: 'api',
      createdAt: expect.any(String),
      lastUsedAt: expect.any(String),
      userAgent: LAPTOP,
      ipAddress: laptopAddress,
      current: true,
    });
    expect(older).toMatchObject({ userAgent: PHONE, current: false });
    // The registration's own session is there too; the list names no token nor any hash of one.
    expect(listed.body.items.filter((item: { current: boolean }) => item.current)).toHaveLength(1);
    for (const secret of [phone.refreshToken, laptop.refreshToken, phone.token]) expect(listed.text).not.toContain(secret);
    expect(listed.text).not.toMatch(/[0-9a-f]{64}/);
    expect((await sessionsOf(phone.token)).body.items.find((item: { current: boolean }) => item.current).userAgent).toBe(PHONE);
  });

  it('records when a session was last used: a refresh moves lastUsedAt, not createdAt', async () => {
    const account = await registerAccount();
    const phone = await signInFrom(account.email, PHONE);
    const before = (await sessionsOf(phone.token)).body.items.find((item: { current: boolean }) => item.current);

    const refreshed = await eventually(
      () => refresh(phone.refreshToken),
      (response) => response.status === 200 && response.body.token !== phone.token,
    );
    const after = (await sessionsOf(refreshed.body.token)).body.items.find((item: { id: string }) => item.id === before.id);

    expect(after.current).toBe(true);
    expect(after.createdAt).toBe(before.createdAt);
    expect(Date.parse(after.lastUsedAt)).toBeGreaterThan(Date.parse(before.lastUsedAt));
  });
});

describe('DELETE /api/auth/sessions/{sessionId}', () => {
  it('ends that session only: its refresh is refused at once, its ID token within the window; the others go on', async () => {
    const account = await registerAccount();
    const phone = await signInFrom(account.email, PHONE);
    const laptop = await signInFrom(account.email, LAPTOP);
    const phoneId = (await sessionsOf(phone.token)).body.items.find((item: { current: boolean }) => item.current).id;

    const ended = await api('DELETE', `/api/auth/sessions/${phoneId}`, { token: laptop.token });

    expect(ended.status).toBe(204);
    const refused = await refresh(phone.refreshToken);
    expect(refused.status).toBe(401);
    expect(problemOf(refused)).toBe('invalid-refresh-token');
    expect((await refusedSoon(phone.token)).status).toBe(401);
    expect((await api('GET', '/api/auth/me', { token: laptop.token })).status).toBe(200);
    expect((await refresh(laptop.refreshToken)).status).toBe(200);
    const left = (await sessionsOf(laptop.token)).body.items.map((item: { id: string }) => item.id);
    expect(left).not.toContain(phoneId);
    // Ended is ended: a second DELETE finds nothing.
    expect((await api('DELETE', `/api/auth/sessions/${phoneId}`, { token: laptop.token })).status).toBe(404);
  });

  it("answers 404 for another person's session and for an id nobody has, and ends nothing", async () => {
    const mine = await registerAccount();
    const theirs = await registerCabinet();
    const theirId = (await sessionsOf(theirs.token)).body.items.find((item: { current: boolean }) => item.current).id;

    const foreign = await api('DELETE', `/api/auth/sessions/${theirId}`, { token: mine.token });
    const unknown = await api('DELETE', '/api/auth/sessions/00000000-0000-4000-8000-000000000000', { token: mine.token });
    const malformed = await api('DELETE', '/api/auth/sessions/not%20an%20id', { token: mine.token });

    expect(foreign.status).toBe(404);
    expect(problemOf(foreign)).toBe('session-not-found');
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(400);
    expect((await refresh(theirs.refreshToken)).status).toBe(200);
  });
});

describe('turning MFA on (issue 15)', () => {
  it('ends every other session of the account; the session that enrolled goes on', async () => {
    const account = await registerAccount();
    const phone = await signInFrom(account.email, PHONE);
    const laptop = await signInFrom(account.email, LAPTOP);
    const { secret } = (await api('POST', '/api/auth/mfa/totp', { token: laptop.token, body: { password: PASSWORD } })).body;

    const verified = await api('POST', '/api/auth/mfa/totp/verify', {
      token: laptop.token,
      body: { password: PASSWORD, code: totp(secret) },
    });

    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ mfaEnabled: true });
    for (const before of [phone, account]) {
      const refused = await refresh(before.refreshToken);
      expect(refused.status).toBe(401);
      expect((await refusedSoon(before.token)).status).toBe(401);
    }
    expect((await api('GET', '/api/auth/me', { token: laptop.token })).status).toBe(200);
    expect((await refresh(laptop.refreshToken)).status).toBe(200);
    const left = (await sessionsOf(laptop.token)).body.items;
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ current: true, userAgent: LAPTOP });
  });

  it('accepts a TOTP code once: a replay at sign-in or at turning MFA off is refused (400 mfa-code-used)', async () => {
    const account = await registerAccount();
    const { secret } = (await api('POST', '/api/auth/mfa/totp', { token: account.token, body: { password: PASSWORD } })).body;
    const enrolCode = totp(secret);
    await api('POST', '/api/auth/mfa/totp/verify', { token: account.token, body: { password: PASSWORD, code: enrolCode } });
    const challenge = async () =>
      (await api('POST', '/api/auth/login', { body: { username: account.email, password: PASSWORD } })).body.session as string;
    const loginMfa = async (code: string) =>
      api('POST', '/api/auth/login/mfa', { body: { username: account.email, session: await challenge(), code } });

    const replayed = await loginMfa(enrolCode);
    // The authenticator's next step (Cognito accepts one step either way): a code never used.
    const nextCode = totp(secret, 1);
    const signedIn = await loginMfa(nextCode);
    const disableReplayed = await api('DELETE', '/api/auth/mfa/totp', {
      token: signedIn.body.token,
      body: { password: PASSWORD, code: nextCode },
    });

    expect(replayed.status).toBe(400);
    expect(problemOf(replayed)).toBe('mfa-code-used');
    expect(replayed.body.errors).toEqual([expect.objectContaining({ path: 'code' })]);
    expect(signedIn.status).toBe(200);
    expect(disableReplayed.status).toBe(400);
    expect(problemOf(disableReplayed)).toBe('mfa-code-used');
    expect((await api('GET', '/api/auth/me', { token: signedIn.body.token })).body.user.mfaEnabled).toBe(true);
  });
});
