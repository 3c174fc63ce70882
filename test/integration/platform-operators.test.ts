// Issue 10, platform operators over HTTP: the plan and name of any organisation, the members of any organisation, the
// platform trail, the first admin's names pre-filled on acceptance, and invitations into a suspended organisation.
// Tenants get 403 super-admin-only on every platform route (the permission matrix checks each route and role).
import { randomUUID } from 'node:crypto';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, api, PASSWORD, problemOf, registerCabinet, stack, unique } from '#test/api';
import { organisationGone } from '#test/deletion';
import { cognitoUserExists, dynamo, getItem, partition } from '#test/emulators';
import { INVITATION_SUBJECT, registerVerifiedCabinet, tokenFromMail } from '#test/mail';
import { addPerson, createRole, orgPath } from '#test/members';
import { addNewMember, signIn } from '#test/organisations';
import { createSuperAdmin, eventuallyStatus } from '#test/platform';

type SuperAdmin = Awaited<ReturnType<typeof createSuperAdmin>>;

const platformOrg = (id: string, rest = '') => `/api/platform/organisations/${id}${rest}`;
const auditOf = async (organisationId: string) =>
  (await partition(`ORG#${organisationId}`)).filter((item) => String(item.sk).startsWith('AUDIT#'));
const platformTrail = async () => (await partition('PLATFORM')).filter((item) => String(item.sk).startsWith('AUDIT#'));

let root: SuperAdmin;
beforeAll(async () => {
  root = await createSuperAdmin();
});

describe('PATCH /api/platform/organisations/{id}', () => {
  it('sets the plan a tenant cannot set itself, and the tenant sees it', async () => {
    const cabinet = await registerCabinet();

    const response = await api('PATCH', platformOrg(cabinet.organisation.id), {
      token: root.token,
      body: { subscriptionTier: 'enterprise', maxUsers: 200 },
    });

    expect(response.status).toBe(200);
    expect(response.body.organisation).toMatchObject({ id: cabinet.organisation.id, subscriptionTier: 'enterprise', maxUsers: 200 });
    expect(response.body.organisation).not.toHaveProperty('code');
    const asTenant = await api('GET', `/api/organisations/${cabinet.organisation.id}`, { token: cabinet.token });
    expect(asTenant.body.organisation).toMatchObject({ subscriptionTier: 'enterprise', maxUsers: 200 });
  });

  it('records the change in the organisation trail and in the platform trail, as one entry', async () => {
    const cabinet = await registerCabinet();

    await api('PATCH', platformOrg(cabinet.organisation.id), { token: root.token, body: { subscriptionTier: 'pro' } });

    const entry = (await auditOf(cabinet.organisation.id)).find((item) => item.action === 'organisation.updated-by-platform');
    expect(entry).toMatchObject({
      actorId: root.user.id,
      target: cabinet.organisation.id,
      details: { subscriptionTier: { from: 'free', to: 'pro' }, superAdmin: root.username },
    });
    expect(await getItem('PLATFORM', entry?.sk as string)).toMatchObject({
      id: entry?.id,
      organisationId: cabinet.organisation.id,
      action: 'organisation.updated-by-platform',
    });
  });

  it('renames (the name and slug guards move) and describes; a taken name is 409 and nothing changes', async () => {
    const [cabinet, other] = await Promise.all([registerCabinet(), registerCabinet()]);
    const newName = unique('Clinique Renommée');

    const taken = await api('PATCH', platformOrg(cabinet.organisation.id), {
      token: root.token,
      body: { organisationName: other.input.organisationName.toUpperCase(), description: 'x' },
    });
    const renamed = await api('PATCH', platformOrg(cabinet.organisation.id), {
      token: root.token,
      body: { organisationName: newName, description: 'Clinique de jour' },
    });

    expect(taken.status).toBe(409);
    expect(problemOf(taken)).toBe('organisation-name-taken');
    expect(renamed.status).toBe(200);
    expect(renamed.body.organisation).toMatchObject({
      nom: newName,
      description: 'Clinique de jour',
      slug: expect.stringMatching(/^clinique-renommee-/),
    });
    const stored = await getItem(`ORG#${cabinet.organisation.id}`, 'ORGANISATION');
    expect(await getItem(`ORGNAME#${stored?.nameKey}`, 'GUARD')).toMatchObject({ organisationId: cabinet.organisation.id });
    expect(await getItem(`ORGSLUG#${stored?.slug}`, 'GUARD')).toMatchObject({ organisationId: cabinet.organisation.id });
    expect(await getItem(`ORGNAME#${cabinet.input.organisationName.toLowerCase()}`, 'GUARD')).toBeUndefined();
  });

  it('refuses maxUsers below the member count (409 on the field), accepts it equal', async () => {
    const cabinet = await registerCabinet();
    await addNewMember(cabinet, 'MEMBER');
    await addNewMember(cabinet, 'VIEWER');

    const below = await api('PATCH', platformOrg(cabinet.organisation.id), { token: root.token, body: { maxUsers: 2 } });
    const equal = await api('PATCH', platformOrg(cabinet.organisation.id), { token: root.token, body: { maxUsers: 3 } });

    expect(below.status).toBe(409);
    expect(problemOf(below)).toBe('max-users-below-members');
    expect(below.body.errors).toEqual([{ path: 'maxUsers', message: 'maxUsers must be at least 3, the current number of members' }]);
    expect(equal.status).toBe(200);
    expect(equal.body.organisation).toMatchObject({ maxUsers: 3, memberCount: 3 });
  });

  it('changes a suspended organisation too (a plan outlives a suspension)', async () => {
    const cabinet = await registerCabinet();
    await api('POST', platformOrg(cabinet.organisation.id, '/suspend'), { token: root.token });

    const response = await api('PATCH', platformOrg(cabinet.organisation.id), { token: root.token, body: { subscriptionTier: 'pro' } });

    expect(response.status).toBe(200);
    expect(response.body.organisation).toMatchObject({ status: 'SUSPENDED', subscriptionTier: 'pro' });
  });

  it('answers 400 for a tier that is not configured, listing the tiers, and for an empty body; 404 for an unknown organisation', async () => {
    const cabinet = await registerCabinet();

    const gold = await api('PATCH', platformOrg(cabinet.organisation.id), {
      token: root.token,
      body: { subscriptionTier: 'gold', maxUsers: 0 },
    });
    const empty = await api('PATCH', platformOrg(cabinet.organisation.id), { token: root.token, body: {} });
    const unknown = await api('PATCH', platformOrg(randomUUID()), { token: root.token, body: { subscriptionTier: 'pro' } });

    expect(gold.status).toBe(400);
    expect(gold.body.errors).toEqual([
      { path: 'subscriptionTier', message: 'subscriptionTier must be one of free, pro, enterprise' },
      { path: 'maxUsers', message: 'maxUsers must be at least 1' },
    ]);
    expect(empty.status).toBe(400);
    expect(unknown.status).toBe(404);
    expect(problemOf(unknown)).toBe('organisation-not-found');
  });

  it('writes nothing once the caller is no longer a super-admin, even within the 5 s authorisation cache', async () => {
    const doomed = await createSuperAdmin();
    const cabinet = await registerCabinet();
    // Authorised (and cached) as a super-admin, then the marker goes.
    expect((await api('GET', '/api/platform/organisations?limit=1', { token: doomed.token })).status).toBe(200);
    await dynamo().send(new DeleteCommand({ TableName: stack().tableName, Key: { pk: 'PLATFORM', sk: `SUPERADMIN#${doomed.user.id}` } }));

    const response = await api('PATCH', platformOrg(cabinet.organisation.id), {
      token: doomed.token,
      body: { subscriptionTier: 'enterprise' },
    });

    expect(response.status).toBe(403);
    expect(problemOf(response)).toBe('privileges-changed');
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'ORGANISATION')).toMatchObject({ subscriptionTier: 'free' });
    expect((await auditOf(cabinet.organisation.id)).map((item) => item.action)).not.toContain('organisation.updated-by-platform');
  });
});

describe('GET /api/platform/organisations/{id}/members', () => {
  it('lists any organisation’s members page by page, with cursors valid for this list only', async () => {
    const cabinet = await registerCabinet();
    await addNewMember(cabinet, 'MEMBER');
    await addNewMember(cabinet, 'VIEWER');

    const seen: { userId: string; role: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: ApiResponse = await api(
        'GET',
        platformOrg(cabinet.organisation.id, `/members?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
        { token: root.token },
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);

    expect(seen.map((member) => member.role).sort()).toEqual(['ADMIN', 'MEMBER', 'VIEWER']);
    expect(seen).toContainEqual(expect.objectContaining({ userId: cabinet.user.id, role: 'ADMIN', status: 'ACTIVE' }));
  });

  it('refuses a tenant’s cursor of the same list, and the tenant refuses the platform’s', async () => {
    const cabinet = await registerCabinet();
    await addNewMember(cabinet, 'MEMBER');
    const tenantPage = await api('GET', `/api/organisations/${cabinet.organisation.id}/members?limit=1`, { token: cabinet.token });
    const platformPage = await api('GET', platformOrg(cabinet.organisation.id, '/members?limit=1'), { token: root.token });

    const replayedOnPlatform = await api(
      'GET',
      platformOrg(cabinet.organisation.id, `/members?cursor=${encodeURIComponent(tenantPage.body.nextCursor)}`),
      { token: root.token },
    );
    const replayedOnTenant = await api(
      'GET',
      `/api/organisations/${cabinet.organisation.id}/members?cursor=${encodeURIComponent(platformPage.body.nextCursor)}`,
      { token: cabinet.token },
    );

    expect(replayedOnPlatform.status).toBe(400);
    expect(problemOf(replayedOnPlatform)).toBe('invalid-cursor');
    expect(replayedOnTenant.status).toBe(400);
    expect(problemOf(replayedOnTenant)).toBe('invalid-cursor');
  });

  it('answers 404 for an unknown organisation', async () => {
    const response = await api('GET', platformOrg(randomUUID(), '/members'), { token: root.token });
    expect(response.status).toBe(404);
    expect(problemOf(response)).toBe('organisation-not-found');
  });
});

describe('PATCH /api/platform/organisations/{id}/members/{userId}', () => {
  it('gives any role, ADMIN included (an operator stands above the organisation’s roles), audited in both trails', async () => {
    const cabinet = await registerCabinet();
    const member = await addPerson(cabinet, 'VIEWER');

    const response = await api('PATCH', platformOrg(cabinet.organisation.id, `/members/${member.userId}`), {
      token: root.token,
      body: { role: 'ADMIN' },
    });

    expect(response.status).toBe(200);
    expect(response.body.member).toMatchObject({ userId: member.userId, role: 'ADMIN', status: 'ACTIVE' });
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'COUNTERS')).toMatchObject({ adminCount: 2, memberCount: 2 });
    const entry = (await auditOf(cabinet.organisation.id)).find((item) => item.action === 'member.role-changed');
    expect(entry).toMatchObject({
      actorId: root.user.id,
      target: member.userId,
      details: { from: 'VIEWER', to: 'ADMIN', superAdmin: root.username },
    });
    expect((await platformTrail()).find((item) => item.id === entry?.id)).toMatchObject({ organisationId: cabinet.organisation.id });
    // The new ADMIN's own next request has the new role's permissions.
    expect(await eventuallyStatus(() => api('GET', orgPath(cabinet, '/join-code'), { token: member.token }), 200)).toBe(200);
  });

  it('suspends and reactivates a member (the seat stays taken), and never the last ACTIVE ADMIN', async () => {
    const cabinet = await registerCabinet();
    const member = await addPerson(cabinet, 'MEMBER');
    const path = (userId: string) => platformOrg(cabinet.organisation.id, `/members/${userId}`);

    const suspended = await api('PATCH', path(member.userId), { token: root.token, body: { status: 'SUSPENDED' } });
    expect(suspended.status).toBe(200);
    expect(suspended.body.member.status).toBe('SUSPENDED');
    expect(await eventuallyStatus(() => api('GET', '/api/patients', { token: member.token }), 401)).toBe(401);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'COUNTERS')).toMatchObject({ memberCount: 2 });
    const reactivated = await api('PATCH', path(member.userId), { token: root.token, body: { status: 'ACTIVE' } });
    expect(reactivated.body.member.status).toBe('ACTIVE');

    const lastAdmin = await api('PATCH', path(cabinet.user.id), { token: root.token, body: { status: 'SUSPENDED' } });
    const demoted = await api('PATCH', path(cabinet.user.id), { token: root.token, body: { role: 'MEMBER' } });
    for (const response of [lastAdmin, demoted]) {
      expect(response.status).toBe(409);
      expect(problemOf(response)).toBe('last-admin');
    }
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `MEMBER#${cabinet.user.id}`)).toMatchObject({ role: 'ADMIN', status: 'ACTIVE' });
  });

  it('keeps custom-role usage counts in the same transaction: a role held cannot be deleted', async () => {
    const cabinet = await registerCabinet();
    await createRole(cabinet, 'agent', ['patients:read']);
    const member = await addPerson(cabinet, 'VIEWER');

    const given = await api('PATCH', platformOrg(cabinet.organisation.id, `/members/${member.userId}`), {
      token: root.token,
      body: { role: 'agent' },
    });
    expect(given.status).toBe(200);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'ROLE#agent')).toMatchObject({ usageCount: 1 });
    const deleteHeld = await api('DELETE', orgPath(cabinet, '/roles/agent'), { token: cabinet.token });
    expect(deleteHeld.status).toBe(409);
    expect(problemOf(deleteHeld)).toBe('role-in-use');

    await api('PATCH', platformOrg(cabinet.organisation.id, `/members/${member.userId}`), { token: root.token, body: { role: 'VIEWER' } });
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'ROLE#agent')).toMatchObject({ usageCount: 0 });
  });

  it('answers 400 for an unknown role, 404 for an unknown member or organisation, 409 for a pending membership', async () => {
    const cabinet = await registerCabinet();
    const member = await addPerson(cabinet, 'VIEWER');
    await api('PATCH', orgPath(cabinet, '/join-code'), { token: cabinet.token, body: { requiresApproval: true } });
    const pending = await api('POST', '/api/auth/register', {
      body: {
        registrationType: 'join',
        email: `${unique('pending')}@example.org`,
        password: PASSWORD,
        confirmPassword: PASSWORD,
        fullName: 'Paul Leroy',
        organisationCode: cabinet.organisation.code,
      },
    });
    expect(pending.status).toBe(202);

    const unknownRole = await api('PATCH', platformOrg(cabinet.organisation.id, `/members/${member.userId}`), {
      token: root.token,
      body: { role: 'astronaut' },
    });
    const unknownMember = await api('PATCH', platformOrg(cabinet.organisation.id, `/members/${randomUUID()}`), {
      token: root.token,
      body: { role: 'MEMBER' },
    });
    const unknownOrganisation = await api('PATCH', platformOrg(randomUUID(), `/members/${member.userId}`), {
      token: root.token,
      body: { role: 'MEMBER' },
    });
    const awaiting = await api('PATCH', platformOrg(cabinet.organisation.id, `/members/${pending.body.user.id}`), {
      token: root.token,
      body: { role: 'MEMBER' },
    });

    expect([unknownRole.status, problemOf(unknownRole)]).toEqual([400, 'unknown-role']);
    expect([unknownMember.status, problemOf(unknownMember)]).toEqual([404, 'member-not-found']);
    expect([unknownOrganisation.status, problemOf(unknownOrganisation)]).toEqual([404, 'organisation-not-found']);
    expect([awaiting.status, problemOf(awaiting)]).toEqual([409, 'membership-awaiting-approval']);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `MEMBER#${member.userId}`)).toMatchObject({ role: 'VIEWER' });
  });
});

describe('GET /api/platform/audit', () => {
  it('lists every platform action, newest first, page by page, deletions included', async () => {
    const cabinet = await registerCabinet();
    const doomed = await registerCabinet();
    await api('POST', platformOrg(cabinet.organisation.id, '/suspend'), { token: root.token });
    await api('POST', platformOrg(cabinet.organisation.id, '/reactivate'), { token: root.token });
    expect((await api('DELETE', `/api/organisations/${doomed.organisation.id}`, { token: doomed.token })).status).toBe(202);
    expect(await organisationGone(doomed.organisation.id)).toBe(true);

    const seen: { organisationId: string; action: string; at: string }[] = [];
    let cursor: string | null = null;
    for (
      let page = 0;
      page < 50 && !seen.some((entry) => entry.action === 'organisation.suspended' && entry.organisationId === cabinet.organisation.id);
      page++
    ) {
      const response: ApiResponse = await api(
        'GET',
        `/api/platform/audit?limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        {
          token: root.token,
        },
      );
      expect(response.status).toBe(200);
      seen.push(...response.body.items);
      cursor = response.body.nextCursor;
      if (!cursor) break;
    }

    const times = seen.map((entry) => entry.at);
    expect(times).toEqual([...times].sort().reverse());
    const ours = seen.filter((entry) => entry.organisationId === cabinet.organisation.id).map((entry) => entry.action);
    expect(ours.slice(0, 2)).toEqual(['organisation.reactivated', 'organisation.suspended']);
    const deletion = seen.filter((entry) => entry.organisationId === doomed.organisation.id).map((entry) => entry.action);
    expect(deletion).toEqual(['organisation.deleted', 'organisation.deletion-started']);
  });

  it('refuses a cursor of another list', async () => {
    const other = await api('GET', '/api/platform/organisations?limit=1', { token: root.token });
    const response = await api('GET', `/api/platform/audit?cursor=${encodeURIComponent(other.body.nextCursor)}`, { token: root.token });
    expect(response.status).toBe(400);
    expect(problemOf(response)).toBe('invalid-cursor');
  });
});

describe('an organisation created by the platform: its first ADMIN accepts', () => {
  /** The organisation, and the invitation token e-mailed to its first admin (never in the answer). */
  const create = async (overrides: Record<string, unknown>) => {
    const adminEmail = `${unique('direction')}@example.org`;
    const created = await api('POST', '/api/platform/organisations', {
      token: root.token,
      body: { organisationName: unique('Clinique'), adminEmail, ...overrides },
    });
    return { ...created.body, invitationToken: await tokenFromMail(adminEmail, INVITATION_SUBJECT) };
  };

  it('with the names the platform gave, without typing them again', async () => {
    const created = await create({ adminNom: 'Lefèvre', adminPrenom: 'Anne' });

    const accepted = await api('POST', '/api/auth/accept-invitation', {
      body: { token: created.invitationToken, password: PASSWORD },
    });

    expect(accepted.status).toBe(201);
    expect(accepted.body.user).toMatchObject({ nom: 'Lefèvre', prenom: 'Anne', role: 'ADMIN' });
    expect(await getItem(`USER#${accepted.body.user.id}`, 'PROFILE')).toMatchObject({ nom: 'Lefèvre', prenom: 'Anne' });
  });

  it('may still correct them, and must give them when the platform did not', async () => {
    const prefilled = await create({ adminNom: 'Lefevre', adminPrenom: 'Anne' });
    const bare = await create({});

    const corrected = await api('POST', '/api/auth/accept-invitation', {
      body: { token: prefilled.invitationToken, password: PASSWORD, nom: 'Lefèvre' },
    });
    const missing = await api('POST', '/api/auth/accept-invitation', { body: { token: bare.invitationToken, password: PASSWORD } });

    expect(corrected.status).toBe(201);
    expect(corrected.body.user).toMatchObject({ nom: 'Lefèvre', prenom: 'Anne' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([
      { path: 'nom', message: 'nom is required to create your account' },
      { path: 'prenom', message: 'prenom is required to create your account' },
    ]);
  });
});

describe('accepting an invitation into a suspended organisation', () => {
  it('is refused (403 invitation-organisation-inactive) with no account created, and works once it is active again', async () => {
    const adminEmail = `${unique('direction')}@example.org`;
    const created = await api('POST', '/api/platform/organisations', {
      token: root.token,
      body: { organisationName: unique('Clinique'), adminEmail, adminNom: 'Roy', adminPrenom: 'Léa' },
    });
    const { organisation, invitation } = created.body;
    const invitationToken = await tokenFromMail(adminEmail, INVITATION_SUBJECT);
    await api('POST', platformOrg(organisation.id, '/suspend'), { token: root.token });

    const refused = await api('POST', '/api/auth/accept-invitation', { body: { token: invitationToken, password: PASSWORD } });

    expect(refused.status).toBe(403);
    expect(problemOf(refused)).toBe('invitation-organisation-inactive');
    expect(await cognitoUserExists(invitation.email)).toBe(false);
    expect(await getItem(`ORG#${organisation.id}`, `INVITATION#${invitation.id}`)).toMatchObject({ status: 'PENDING' });
    expect(await getItem(`ORG#${organisation.id}`, 'COUNTERS')).toMatchObject({ memberCount: 0, adminCount: 0 });

    await api('POST', platformOrg(organisation.id, '/reactivate'), { token: root.token });
    const accepted = await api('POST', '/api/auth/accept-invitation', { body: { token: invitationToken, password: PASSWORD } });
    expect(accepted.status).toBe(201);
  });

  it('refuses a signed-in invitee too, inside the acceptance transaction, adding no membership', async () => {
    const cabinet = await registerCabinet();
    const invitee = await registerVerifiedCabinet();
    await api('POST', orgPath(cabinet, '/invitations'), { token: cabinet.token, body: { email: invitee.email, role: 'MEMBER' } });
    const invitationToken = await tokenFromMail(invitee.email, INVITATION_SUBJECT);
    await api('POST', platformOrg(cabinet.organisation.id, '/suspend'), { token: root.token });

    const refused = await api('POST', '/api/auth/accept-invitation', { token: invitee.token, body: { token: invitationToken } });

    expect(refused.status).toBe(403);
    expect(problemOf(refused)).toBe('invitation-organisation-inactive');
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `MEMBER#${invitee.user.id}`)).toBeUndefined();
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'COUNTERS')).toMatchObject({ memberCount: 1 });
    expect((await signIn(invitee.user.username)).organisation.id).toBe(invitee.organisation.id);
  });
});
