// An organisation's side of support access: its admins grant platform support a read for 1 to 24 hours,
// look at it, and revoke it; each change is in the audit trail.
import { describe, expect, it } from 'vitest';
import { api, registerCabinet } from '#test/api';
import { getItem } from '#test/emulators';
import { addNewMember } from '#test/organisations';

const supportPath = (organisationId: string) => `/api/organisations/${organisationId}/support-access`;
const HOUR = 3_600_000;

const latestAudit = async (cabinet: { token: string; organisation: { id: string } }) =>
  (await api('GET', `/api/organisations/${cabinet.organisation.id}/audit?limit=1`, { token: cabinet.token })).body.items[0];

describe('support access', () => {
  it('has no grant until an admin gives one', async () => {
    const cabinet = await registerCabinet();
    const response = await api('GET', supportPath(cabinet.organisation.id), { token: cabinet.token });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ grant: null, active: false });
  });

  it('grants for the hours asked, stores the SUPPORT_GRANT item and audits it in the same write', async () => {
    const cabinet = await registerCabinet();
    const before = Date.now();

    const response = await api('POST', supportPath(cabinet.organisation.id), {
      token: cabinet.token,
      body: { hours: 2, reason: 'Ticket 4521' },
    });

    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      grant: { grantedBy: cabinet.user.id, grantedAt: expect.any(String), expiresAt: expect.any(String), reason: 'Ticket 4521' },
      active: true,
    });
    const expiresAt = Date.parse(response.body.grant.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 2 * HOUR);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 2 * HOUR);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'SUPPORT_GRANT')).toMatchObject({
      organisationId: cabinet.organisation.id,
      grantedBy: cabinet.user.id,
      expiresAt: response.body.grant.expiresAt,
    });
    expect(await latestAudit(cabinet)).toMatchObject({
      action: 'support-access.granted',
      actorId: cabinet.user.id,
      details: { hours: 2, expiresAt: response.body.grant.expiresAt, reason: 'Ticket 4521' },
    });
    const read = await api('GET', supportPath(cabinet.organisation.id), { token: cabinet.token });
    expect(read.body).toEqual(response.body);
  });

  it('revokes the active grant, audited; a second revoke answers 404', async () => {
    const cabinet = await registerCabinet();
    await api('POST', supportPath(cabinet.organisation.id), { token: cabinet.token, body: { hours: 24 } });

    const revoke = await api('DELETE', supportPath(cabinet.organisation.id), { token: cabinet.token });
    const again = await api('DELETE', supportPath(cabinet.organisation.id), { token: cabinet.token });

    expect(revoke.status).toBe(204);
    expect(again.status).toBe(404);
    const read = await api('GET', supportPath(cabinet.organisation.id), { token: cabinet.token });
    expect(read.body).toMatchObject({ active: false, grant: { revokedBy: cabinet.user.id, revokedAt: expect.any(String) } });
    expect(await latestAudit(cabinet)).toMatchObject({ action: 'support-access.revoked', actorId: cabinet.user.id });
  });

  it('answers 404 to a revoke when nothing was granted', async () => {
    const cabinet = await registerCabinet();
    expect((await api('DELETE', supportPath(cabinet.organisation.id), { token: cabinet.token })).status).toBe(404);
  });

  it('replaces an earlier grant with a new one', async () => {
    const cabinet = await registerCabinet();
    await api('POST', supportPath(cabinet.organisation.id), { token: cabinet.token, body: { hours: 1 } });
    await api('DELETE', supportPath(cabinet.organisation.id), { token: cabinet.token });

    const regrant = await api('POST', supportPath(cabinet.organisation.id), { token: cabinet.token, body: { hours: 3 } });

    expect(regrant.status).toBe(201);
    const read = await api('GET', supportPath(cabinet.organisation.id), { token: cabinet.token });
    expect(read.body.active).toBe(true);
    expect(read.body.grant).not.toHaveProperty('revokedAt');
  });

  it.each([
    [{ hours: 25 }, [{ path: 'hours', message: 'hours must be at most 24' }]],
    [{ hours: 0 }, [{ path: 'hours', message: 'hours must be at least 1' }]],
    [{}, [{ path: 'hours', message: 'hours is required' }]],
    [{ hours: 2, organisationId: 'other' }, [{ path: 'organisationId', message: 'Unknown field' }]],
  ])('answers 400 to %j', async (body, errors) => {
    const cabinet = await registerCabinet();
    const response = await api('POST', supportPath(cabinet.organisation.id), { token: cabinet.token, body });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(errors);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'SUPPORT_GRANT')).toBeUndefined();
  });

  it('answers 400 to a fractional number of hours', async () => {
    const cabinet = await registerCabinet();
    const response = await api('POST', supportPath(cabinet.organisation.id), { token: cabinet.token, body: { hours: 1.5 } });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { path: string }) => error.path)).toEqual(['hours']);
  });

  it("answers 403 to a MEMBER on every verb and 404 for another organisation's id", async () => {
    const [cabinet, other] = await Promise.all([registerCabinet(), registerCabinet()]);
    const member = await addNewMember(cabinet, 'MEMBER');

    for (const [method, body] of [
      ['GET', undefined],
      ['POST', { hours: 1 }],
      ['DELETE', undefined],
    ] as const) {
      expect((await api(method, supportPath(cabinet.organisation.id), { token: member.token, ...(body ? { body } : {}) })).status).toBe(
        403,
      );
      expect((await api(method, supportPath(other.organisation.id), { token: cabinet.token, ...(body ? { body } : {}) })).status).toBe(404);
    }
    expect(await getItem(`ORG#${other.organisation.id}`, 'SUPPORT_GRANT')).toBeUndefined();
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'SUPPORT_GRANT')).toBeUndefined();
  });
});
