// Platform super-admin over HTTP: list every organisation, create one with its first admin by invitation,
// suspend and reactivate; and nobody else may use these routes.
import { createHash, randomUUID } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { ORGANISATION_LIST_PKS, organisationListPk } from '#domain/platform';
import { type ApiResponse, api, claimsOf, problemOf, registerCabinet, stack, unique } from '#test/api';
import { dynamo, getItem, partition } from '#test/emulators';
import { INVITATION_SUBJECT, latestMail, tokenFromMail } from '#test/mail';
import { createSuperAdmin, eventuallyStatus } from '#test/platform';
import { signLikeCognitoLocal } from '#test/tokens';
import { poll } from '#test/wait';
import { backfillOrganisationShards } from '../../scripts/backfill-organisation-shards.ts';

type SuperAdmin = Awaited<ReturnType<typeof createSuperAdmin>>;

const auditOf = async (organisationId: string) =>
  (await partition(`ORG#${organisationId}`)).filter((item) => String(item.sk).startsWith('AUDIT#'));

const organisationInput = (overrides: Record<string, unknown> = {}) => ({
  organisationName: `Clinique ${randomUUID().slice(0, 8)}`,
  adminEmail: `admin.${randomUUID().slice(0, 8)}@example.org`,
  ...overrides,
});

let root: SuperAdmin;
beforeAll(async () => {
  root = await createSuperAdmin();
});

describe('GET /api/platform/organisations', () => {
  it('lists every organisation newest first, page by page, including cabinets registered a moment ago', async () => {
    const older = await registerCabinet();
    const newer = await registerCabinet();

    const seen: { id: string }[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 200 && !seen.some((org) => org.id === older.organisation.id); page++) {
      const response: ApiResponse = await api(
        'GET',
        `/api/platform/organisations?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        {
          token: root.token,
        },
      );
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...response.body.items);
      cursor = response.body.nextCursor;
      if (!cursor) break;
    }

    const ids = seen.map((org) => org.id);
    expect(ids).toContain(newer.organisation.id);
    expect(ids).toContain(older.organisation.id);
    expect(ids.indexOf(newer.organisation.id)).toBeLessThan(ids.indexOf(older.organisation.id));
    expect(new Set(ids).size).toBe(ids.length);
    const listed = seen.find((org) => org.id === older.organisation.id);
    expect(listed).toMatchObject({
      id: older.organisation.id,
      nom: older.input.organisationName,
      status: 'ACTIVE',
      memberCount: 1,
      adminCount: 1,
      createdAt: expect.any(String),
    });
    // A super-admin is not a member: the join code is not shown.
    expect(listed).not.toHaveProperty('code');
  });

  it('keeps each organisation in one shard of the list, chosen by its id', async () => {
    const cabinet = await registerCabinet();
    const item = await getItem(`ORG#${cabinet.organisation.id}`, 'ORGANISATION');
    expect(item?.gsi1pk).toBe(organisationListPk(cabinet.organisation.id));
    expect(ORGANISATION_LIST_PKS).toContain(item?.gsi1pk);
  });

  it('lists an organisation written before the list was sharded, and once after the backfill moved it to its shard', async () => {
    const legacy = await registerCabinet();
    const key = { pk: `ORG#${legacy.organisation.id}`, sk: 'ORGANISATION' };
    // As the item was before sharding: listed under the one former partition.
    await dynamo().send(
      new UpdateCommand({
        TableName: stack().tableName,
        Key: key,
        UpdateExpression: 'SET gsi1pk = :legacy',
        ExpressionAttributeValues: { ':legacy': 'ORGANISATIONS' },
      }),
    );
    const listedIds = async () => {
      const ids: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 3; page++) {
        const response: ApiResponse = await api(
          'GET',
          `/api/platform/organisations?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          {
            token: root.token,
          },
        );
        ids.push(...response.body.items.map((org: { id: string }) => org.id));
        cursor = response.body.nextCursor;
        if (!cursor || ids.includes(legacy.organisation.id)) break;
      }
      return ids;
    };

    const before = await poll(listedIds, (ids) => ids.includes(legacy.organisation.id));
    const moved = await backfillOrganisationShards(dynamo(), stack().tableName);
    const after = await poll(listedIds, (ids) => ids.includes(legacy.organisation.id));

    expect(before.filter((id) => id === legacy.organisation.id)).toHaveLength(1);
    expect(moved).toBeGreaterThanOrEqual(1);
    expect((await getItem(key.pk, key.sk))?.gsi1pk).toBe(organisationListPk(legacy.organisation.id));
    expect(after.filter((id) => id === legacy.organisation.id)).toHaveLength(1);
    expect(await backfillOrganisationShards(dynamo(), stack().tableName)).toBe(0);
  });

  it('refuses a cursor issued by a tenant list, and a forged one, with 400', async () => {
    const cabinet = await registerCabinet();
    for (const nom of ['Un', 'Deux']) await api('POST', '/api/patients', { token: cabinet.token, body: { nom, prenom: 'Patient' } });
    const tenantPage = await api('GET', '/api/patients?limit=1', { token: cabinet.token });
    const forged = Buffer.from(JSON.stringify({ t: 'x', k: `2020-01-01T00:00:00.000Z#${cabinet.organisation.id}` })).toString('base64url');

    for (const cursor of [tenantPage.body.nextCursor as string, forged]) {
      const response = await api('GET', `/api/platform/organisations?cursor=${encodeURIComponent(cursor)}`, { token: root.token });
      expect(response.status).toBe(400);
      expect(problemOf(response)).toBe('invalid-cursor');
    }
  });
});

describe('platform routes for anyone but a super-admin', () => {
  const routes = (organisationId: string): [string, string, unknown?][] => [
    ['GET', '/api/platform/organisations'],
    ['POST', '/api/platform/organisations', organisationInput()],
    ['POST', `/api/platform/organisations/${organisationId}/suspend`],
    ['POST', `/api/platform/organisations/${organisationId}/reactivate`],
    ['GET', `/api/platform/organisations/${organisationId}/patients`],
    ['GET', `/api/platform/organisations/${organisationId}/patients/${randomUUID()}`],
  ];

  it('answers 403 to an organisation ADMIN on every /api/platform route, and changes nothing', async () => {
    const cabinet = await registerCabinet();
    for (const [method, path, body] of routes(cabinet.organisation.id)) {
      const response = await api(method, path, { token: cabinet.token, ...(body ? { body } : {}) });
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(problemOf(response), `${method} ${path}`).toBe('super-admin-only');
    }
    const own = await api('GET', '/api/patients', { token: cabinet.token });
    expect(own.status).toBe(200);
  });

  it('trusts the PLATFORM marker item, not a claim: a signed token claiming SUPER_ADMIN without the marker gets 403', async () => {
    const cabinet = await registerCabinet();
    const forged = signLikeCognitoLocal({ ...claimsOf(cabinet.token), platformRole: 'SUPER_ADMIN' });

    const response = await api('GET', '/api/platform/organisations', { token: forged });

    expect(response.status).toBe(403);
  });

  it('answers 401 without a token on every /api/platform route', async () => {
    for (const [method, path, body] of routes(randomUUID())) {
      const response = await api(method, path, body ? { body } : {});
      expect(response.status, `${method} ${path}`).toBe(401);
    }
  });
});

describe('POST /api/platform/organisations', () => {
  it('creates the organisation with no member and an ADMIN invitation whose token is returned once and stored only as a hash', async () => {
    const input = organisationInput({
      description: 'Clinique de quartier',
      country: 'be',
      subscriptionTier: 'pro',
      maxUsers: 12,
      adminNom: 'Diallo',
      adminPrenom: 'Awa',
      expiresInHours: 48,
    });
    const before = Date.now();

    const response = await api('POST', '/api/platform/organisations', { token: root.token, body: input });

    expect(response.status).toBe(201);
    const { organisation, invitation } = response.body;
    // The one-time link travels only in the e-mail to the invited first admin, never in the answer.
    const mail = await latestMail(input.adminEmail, INVITATION_SUBJECT);
    const invitationToken = mail.token ?? '';
    expect(invitationToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(mail.subject).toBe(`Invitation à rejoindre ${input.organisationName} sur Cabinet`);
    expect(mail.link).toBe(`${stack().baseUrl}/accept-invitation?token=${invitationToken}`);
    expect(response.text).not.toContain(invitationToken);
    expect(response.body).toEqual({
      organisation: {
        id: expect.any(String),
        nom: input.organisationName,
        slug: expect.any(String),
        status: 'ACTIVE',
        country: 'BE',
        subscriptionTier: 'pro',
        maxUsers: 12,
        memberCount: 0,
        adminCount: 0,
        mfaRequired: false,
        description: 'Clinique de quartier',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
      invitation: { id: expect.any(String), email: input.adminEmail, role: 'ADMIN', expiresAt: expect.any(String) },
    });
    expect(response.text.toLowerCase()).not.toContain('password');
    const hours = (Date.parse(invitation.expiresAt) - before) / 3_600_000;
    expect(hours).toBeGreaterThan(47.9);
    expect(hours).toBeLessThan(48.1);

    const items = await partition(`ORG#${organisation.id}`);
    expect(items.filter((item) => String(item.sk).startsWith('MEMBER#'))).toEqual([]);
    expect(items.find((item) => item.sk === 'ORGANISATION')).toMatchObject({ status: 'ACTIVE' });
    expect(items.find((item) => item.sk === 'COUNTERS')).toMatchObject({ memberCount: 0, adminCount: 0 });
    const stored = items.find((item) => item.sk === `INVITATION#${invitation.id}`);
    expect(stored).toMatchObject({ email: input.adminEmail, role: 'ADMIN', status: 'PENDING', createdBy: root.user.id });
    expect(JSON.stringify(items)).not.toContain(invitationToken);
    const tokenHash = createHash('sha256').update(invitationToken).digest('hex');
    expect(await getItem(`INVITE#${tokenHash}`, 'GUARD')).toMatchObject({ organisationId: organisation.id, invitationId: invitation.id });
    expect(await getItem(`ORGSLUG#${organisation.slug}`, 'GUARD')).toMatchObject({ organisationId: organisation.id });

    const audit = await auditOf(organisation.id);
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'organisation.created-by-platform', actorId: root.user.id, target: organisation.id }),
    );
    expect(audit).toContainEqual(expect.objectContaining({ action: 'invitation.created', actorId: root.user.id, target: invitation.id }));
  });

  it("lets the invited person accept with the token: they become the organisation's first ADMIN, once", async () => {
    const input = organisationInput({ adminNom: 'Diallo', adminPrenom: 'Awa' });
    const created = await api('POST', '/api/platform/organisations', { token: root.token, body: input });
    const { organisation } = created.body;
    const invitationToken = await tokenFromMail(input.adminEmail, INVITATION_SUBJECT);

    const accepted = await api('POST', '/api/auth/accept-invitation', {
      body: { token: invitationToken, password: 'Premier-Admin-2025!', nom: 'Diallo', prenom: 'Awa' },
    });

    expect(accepted.status).toBe(201);
    expect(accepted.body.user).toMatchObject({ username: input.adminEmail, role: 'ADMIN', organisationId: organisation.id });
    expect(accepted.body.organisation).toMatchObject({ id: organisation.id, nom: input.organisationName });
    expect((await api('GET', '/api/patients', { token: accepted.body.token })).status).toBe(200);
    expect(await getItem(`ORG#${organisation.id}`, 'COUNTERS')).toMatchObject({ memberCount: 1, adminCount: 1 });
    const again = await api('POST', '/api/auth/accept-invitation', {
      body: { token: invitationToken, password: 'Premier-Admin-2025!', nom: 'Diallo', prenom: 'Awa' },
    });
    expect(again.status).toBe(410);
  });

  it('defaults the invitation to 72 hours', async () => {
    const before = Date.now();
    const response = await api('POST', '/api/platform/organisations', { token: root.token, body: organisationInput() });

    expect(response.status).toBe(201);
    const hours = (Date.parse(response.body.invitation.expiresAt) - before) / 3_600_000;
    expect(hours).toBeGreaterThan(71.9);
    expect(hours).toBeLessThan(72.1);
    expect(response.body.organisation).toMatchObject({ maxUsers: 50, subscriptionTier: 'free', memberCount: 0 });
  });

  it('answers 400 listing every failing field', async () => {
    const response = await api('POST', '/api/platform/organisations', {
      token: root.token,
      body: { organisationName: 'x', adminEmail: 'not-an-email', country: 'France', maxUsers: 0, expiresInHours: 721, password: 'x' },
    });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'organisationName', message: 'Organisation name must be at least 2 characters' },
        { path: 'adminEmail', message: 'adminEmail must be a valid email address' },
        { path: 'country', message: 'Country must be an ISO 3166 alpha-2 code (e.g. FR)' },
        { path: 'maxUsers', message: 'maxUsers must be at least 1' },
        { path: 'expiresInHours', message: 'expiresInHours must be at most 720' },
        { path: 'password', message: 'Unknown field' },
      ]),
    );
  });

  it('answers 409 when the name is taken, ignoring case and accents, and writes nothing', async () => {
    const cabinet = await registerCabinet({ organisationName: `Cabinet Éléonore ${randomUUID().slice(0, 8)}` });
    const sameName = cabinet.input.organisationName.toUpperCase().replace('É', 'E');
    const adminEmail = `${unique('taken')}@example.org`;

    const response = await api('POST', '/api/platform/organisations', {
      token: root.token,
      body: organisationInput({ organisationName: sameName, adminEmail }),
    });

    expect(response.status).toBe(409);
    expect(response.body.errors).toEqual([{ path: 'organisationName', message: 'Organisation name is already taken' }]);
    const list = await api('GET', '/api/platform/organisations?limit=20', { token: root.token });
    expect(list.body.items.filter((org: { nom: string }) => org.nom === sameName)).toEqual([]);
  });
});

describe('POST /api/platform/organisations/{id}/suspend and /reactivate', () => {
  it('suspends an organisation: its members get 403 on member routes within seconds, and 200 again once reactivated', async () => {
    const cabinet = await registerCabinet();
    const patients = () => api('GET', '/api/patients', { token: cabinet.token });
    expect((await patients()).status).toBe(200);

    const suspended = await api('POST', `/api/platform/organisations/${cabinet.organisation.id}/suspend`, { token: root.token });

    expect(suspended.status).toBe(200);
    expect(suspended.body.organisation).toMatchObject({ id: cabinet.organisation.id, status: 'SUSPENDED' });
    expect(await eventuallyStatus(patients, 403)).toBe(403);
    const refused = await patients();
    expect(problemOf(refused)).toBe('organisation-suspended');
    const write = await api('POST', '/api/patients', { token: cabinet.token, body: { nom: 'Pendant', prenom: 'Suspension' } });
    expect(write.status).toBe(403);
    // The profile stays readable ('user' route); it shows no organisation while this one is suspended.
    const me = await api('GET', '/api/auth/me', { token: cabinet.token });
    expect(me.status).toBe(200);
    expect(me.body.organisation).toBeNull();

    const reactivated = await api('POST', `/api/platform/organisations/${cabinet.organisation.id}/reactivate`, { token: root.token });

    expect(reactivated.status).toBe(200);
    expect(reactivated.body.organisation).toMatchObject({ id: cabinet.organisation.id, status: 'ACTIVE' });
    expect(await eventuallyStatus(patients, 200)).toBe(200);
    const audit = await auditOf(cabinet.organisation.id);
    expect(audit).toContainEqual(expect.objectContaining({ action: 'organisation.suspended', actorId: root.user.id }));
    expect(audit).toContainEqual(expect.objectContaining({ action: 'organisation.reactivated', actorId: root.user.id }));
  });

  it('answers 409 when the organisation is already in the requested status, without a new audit entry', async () => {
    const cabinet = await registerCabinet();
    const auditBefore = (await auditOf(cabinet.organisation.id)).length;

    const reactivate = await api('POST', `/api/platform/organisations/${cabinet.organisation.id}/reactivate`, { token: root.token });
    expect(reactivate.status).toBe(409);
    expect(problemOf(reactivate)).toBe('organisation-status-conflict');
    expect(reactivate.body.detail).toBe('The organisation is already active.');

    expect((await api('POST', `/api/platform/organisations/${cabinet.organisation.id}/suspend`, { token: root.token })).status).toBe(200);
    const again = await api('POST', `/api/platform/organisations/${cabinet.organisation.id}/suspend`, { token: root.token });
    expect(again.status).toBe(409);
    expect(problemOf(again)).toBe('organisation-status-conflict');
    expect(again.body.detail).toBe('The organisation is already suspended.');
    expect((await auditOf(cabinet.organisation.id)).length).toBe(auditBefore + 1);
  });

  it('answers 404 for an unknown organisation and writes nothing there', async () => {
    const id = randomUUID();
    for (const action of ['suspend', 'reactivate']) {
      const response = await api('POST', `/api/platform/organisations/${id}/${action}`, { token: root.token });
      expect(response.status, action).toBe(404);
      expect(problemOf(response)).toBe('organisation-not-found');
    }
    expect(await partition(`ORG#${id}`)).toEqual([]);
  });
});
