// Issue 15: one rule decides "may act with this membership's permissions", MFA included (functions/domain/acting.ts).
// The user routes that act with an organisation's permissions (deleting it, listing it with its join code, switching
// into it) apply it as the member routes do: 403 mfa-required, nothing changed, nothing revealed.
import { beforeAll, describe, expect, it } from 'vitest';
import { enrolTotp } from '#test/accounts';
import { api, PASSWORD, problemOf, registerCabinet } from '#test/api';
import { getItem } from '#test/emulators';
import { eventually } from '#test/members';
import { addNewMember } from '#test/organisations';

type Cabinet = Awaited<ReturnType<typeof registerCabinet>>;
type Session = Awaited<ReturnType<typeof addNewMember>>;

describe('an ADMIN without MFA in an organisation that requires it', () => {
  let cabinet: Cabinet;
  let admin: Session;

  beforeAll(async () => {
    cabinet = await registerCabinet();
    admin = await addNewMember(cabinet, 'ADMIN');
    await enrolTotp(cabinet, PASSWORD);
    const required = await api('PATCH', `/api/organisations/${cabinet.organisation.id}`, {
      token: cabinet.token,
      body: { mfaRequired: true },
    });
    expect(required.status).toBe(200);
  });

  it('cannot delete it: 403 mfa-required, and the organisation stays', async () => {
    const response = await api('DELETE', `/api/organisations/${cabinet.organisation.id}`, { token: admin.token });

    expect(response.status).toBe(403);
    expect(problemOf(response)).toBe('mfa-required');
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'ORGANISATION')).toMatchObject({ status: 'ACTIVE' });
  });

  it('is not handed the join code by GET /api/organisations (the MFA-enrolled admin still is)', async () => {
    const listed = await api('GET', '/api/organisations', { token: admin.token });

    expect(listed.status).toBe(200);
    expect(listed.text).not.toContain(cabinet.organisation.code);
    // The enrolled admin's profile read is cached for a few seconds (docs/adr/0004): wait for it, not the clock.
    const mine = await eventually(
      () => api('GET', '/api/organisations', { token: cabinet.token }),
      (response) => response.text.includes(cabinet.organisation.code),
    );
    expect(mine.text).toContain(cabinet.organisation.code);
  });

  it('is not handed the join code by a sign-in or GET /api/auth/me', async () => {
    const login = await api('POST', '/api/auth/login', { body: { username: admin.user.username, password: PASSWORD } });
    const me = await api('GET', '/api/auth/me', { token: admin.token });

    expect(login.status).toBe(200);
    expect(login.text).not.toContain(cabinet.organisation.code);
    expect(me.status).toBe(200);
    expect(me.text).not.toContain(cabinet.organisation.code);
  });

  it('cannot switch into it: 403 mfa-required', async () => {
    const response = await api('POST', '/api/auth/switch-organisation', {
      token: admin.token,
      body: { organisationId: cabinet.organisation.id, refreshToken: admin.refreshToken },
    });

    expect(response.status).toBe(403);
    expect(problemOf(response)).toBe('mfa-required');
  });
});
