// Seed 001 over HTTP: an authenticated user creates more organisations (each with a 10-digit code), lists every
// organisation they belong to (with the code where their role may manage it), reads and updates one.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { api, registerCabinet, unique } from '#test/api';
import { getItem } from '#test/emulators';
import { addNewMember, createOrganisation } from '#test/organisations';

const orgPath = (id: string) => `/api/organisations/${id}`;

describe('POST /api/organisations', () => {
  it('creates an organisation with a 10-digit code whose ADMIN is the caller (seed 001 body: {name})', async () => {
    const cabinet = await registerCabinet();
    const name = `Ma Nouvelle Organisation ${randomUUID().slice(0, 8)}`;

    const response = await api('POST', '/api/organisations', { token: cabinet.token, body: { name } });

    expect(response.status).toBe(201);
    expect(response.body.organisation).toMatchObject({
      id: expect.any(String),
      nom: name,
      slug: expect.stringMatching(/^ma-nouvelle-organisation-/),
      code: expect.stringMatching(/^\d{10}$/),
      status: 'ACTIVE',
      country: 'FR',
      subscriptionTier: 'free',
      memberCount: 1,
    });
    const membership = await getItem(`ORG#${response.body.organisation.id}`, `MEMBER#${cabinet.user.id}`);
    expect(membership).toMatchObject({ role: 'ADMIN', status: 'ACTIVE' });
  });

  it('takes organisationName, description, country (any case) and the starting subscriptionTier', async () => {
    const cabinet = await registerCabinet();

    const response = await api('POST', '/api/organisations', {
      token: cabinet.token,
      body: { organisationName: unique('Cabinet Bruxelles'), description: 'Antenne belge', country: 'be', subscriptionTier: 'free' },
    });

    expect(response.status).toBe(201);
    expect(response.body.organisation).toMatchObject({ description: 'Antenne belge', country: 'BE', subscriptionTier: 'free' });
  });

  it('refuses a paid subscriptionTier (400): plans other than the starting one are set by the platform', async () => {
    const cabinet = await registerCabinet();
    const name = unique('Cabinet Premium');

    const response = await api('POST', '/api/organisations', {
      token: cabinet.token,
      body: { organisationName: name, subscriptionTier: 'enterprise' },
    });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      {
        path: 'subscriptionTier',
        message: 'subscriptionTier can only be free when you create an organisation: other plans are set by the platform',
      },
    ]);
    const mine = await api('GET', '/api/organisations', { token: cabinet.token });
    expect(mine.body.items.map((item: { organisation: { nom: string } }) => item.organisation.nom)).not.toContain(name);
  });

  it('answers 409 for a name already taken, ignoring case and accents', async () => {
    const cabinet = await registerCabinet();
    const suffix = randomUUID().slice(0, 8);
    await createOrganisation(cabinet.token, { organisationName: `Clinique Élysée ${suffix}` });

    const response = await api('POST', '/api/organisations', {
      token: cabinet.token,
      body: { organisationName: `CLINIQUE ELYSEE ${suffix}` },
    });

    expect(response.status).toBe(409);
    expect(response.body.errors).toEqual([{ path: 'organisationName', message: 'Organisation name is already taken' }]);
  });

  it('answers 400 listing every invalid field', async () => {
    const cabinet = await registerCabinet();

    const response = await api('POST', '/api/organisations', {
      token: cabinet.token,
      body: { organisationName: 'X', country: 'ZZ', subscriptionTier: 'gold', organisationId: 'smuggled' },
    });

    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      'country',
      'organisationId',
      'organisationName',
      'subscriptionTier',
    ]);
  });

  it('answers 400 without a name, and with both name and organisationName', async () => {
    const cabinet = await registerCabinet();

    const none = await api('POST', '/api/organisations', { token: cabinet.token, body: { description: 'nameless' } });
    const both = await api('POST', '/api/organisations', {
      token: cabinet.token,
      body: { name: unique('A'), organisationName: unique('B') },
    });

    expect(none.status).toBe(400);
    expect(none.body.errors).toEqual([{ path: 'organisationName', message: 'organisationName is required' }]);
    expect(both.status).toBe(400);
    expect(both.body.errors).toEqual([{ path: 'name', message: 'Give organisationName or name, not both' }]);
  });

  it('answers 401 without a token', async () => {
    const response = await api('POST', '/api/organisations', { body: { name: unique('Anonymous') } });
    expect(response.status).toBe(401);
  });
});

describe('GET /api/organisations', () => {
  it("lists every organisation the caller belongs to, with its code, marking the token's one as current", async () => {
    const cabinet = await registerCabinet();
    const second = await createOrganisation(cabinet.token);

    const response = await api('GET', '/api/organisations', { token: cabinet.token });

    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(2);
    const byId = new Map(response.body.items.map((item: { organisation: { id: string } }) => [item.organisation.id, item]));
    expect(byId.get(cabinet.organisation.id)).toMatchObject({
      organisation: { id: cabinet.organisation.id, code: cabinet.organisation.code, nom: cabinet.input.organisationName },
      role: 'ADMIN',
      status: 'ACTIVE',
      current: true,
    });
    expect(byId.get(second.id)).toMatchObject({
      organisation: { id: second.id, code: second.code },
      role: 'ADMIN',
      status: 'ACTIVE',
      current: false,
    });
  });

  it('hides the code from a MEMBER, and lists nothing of organisations they do not belong to', async () => {
    const cabinet = await registerCabinet();
    const member = await addNewMember(cabinet, 'MEMBER');

    const response = await api('GET', '/api/organisations', { token: member.token });

    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(1);
    expect(response.body.items[0]).toMatchObject({
      organisation: { id: cabinet.organisation.id },
      role: 'MEMBER',
      status: 'ACTIVE',
      current: true,
    });
    expect(response.body.items[0].organisation).not.toHaveProperty('code');
  });

  it('shows the code to a custom role holding organisation:manage', async () => {
    const cabinet = await registerCabinet();
    const role = await api('POST', `${orgPath(cabinet.organisation.id)}/roles`, {
      token: cabinet.token,
      body: { name: 'office_manager', permissions: ['organisation:manage', 'members:read'] },
    });
    expect(role.status).toBe(201);
    const manager = await addNewMember(cabinet, 'office_manager');

    const response = await api('GET', '/api/organisations', { token: manager.token });

    expect(response.body.items[0]).toMatchObject({ organisation: { code: cabinet.organisation.code }, role: 'office_manager' });
  });
});

describe('GET /api/organisations/{id}', () => {
  it('shows the organisation to its members, the code only to those who may manage it', async () => {
    const cabinet = await registerCabinet();
    const viewer = await addNewMember(cabinet, 'VIEWER');

    const asAdmin = await api('GET', orgPath(cabinet.organisation.id), { token: cabinet.token });
    const asViewer = await api('GET', orgPath(cabinet.organisation.id), { token: viewer.token });

    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.organisation).toMatchObject({ id: cabinet.organisation.id, code: cabinet.organisation.code, memberCount: 2 });
    expect(asViewer.status).toBe(200);
    expect(asViewer.body.organisation).toMatchObject({ id: cabinet.organisation.id, memberCount: 2 });
    expect(asViewer.body.organisation).not.toHaveProperty('code');
  });

  it("answers 404 for another organisation's id, exactly like an unknown one", async () => {
    const [a, b] = await Promise.all([registerCabinet(), registerCabinet()]);

    const foreign = await api('GET', orgPath(b.organisation.id), { token: a.token });
    const unknown = await api('GET', orgPath(randomUUID()), { token: a.token });

    expect(foreign.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(foreign.body.detail).toBe(unknown.body.detail);
  });
});

describe('PATCH /api/organisations/{id}', () => {
  it('renames: the name and slug guards move in the same write, so the old name is free again', async () => {
    const cabinet = await registerCabinet();
    const oldName = cabinet.input.organisationName;
    const newName = unique('Cabinet Renommé');

    const response = await api('PATCH', orgPath(cabinet.organisation.id), { token: cabinet.token, body: { organisationName: newName } });

    expect(response.status).toBe(200);
    expect(response.body.organisation).toMatchObject({
      nom: newName,
      slug: expect.stringMatching(/^cabinet-renomme-/),
      code: cabinet.organisation.code,
    });
    const stored = await getItem(`ORG#${cabinet.organisation.id}`, 'ORGANISATION');
    expect(stored).toMatchObject({ nom: newName, slug: response.body.organisation.slug });
    expect(await getItem(`ORGNAME#${stored?.nameKey}`, 'GUARD')).toMatchObject({ organisationId: cabinet.organisation.id });
    expect(await getItem(`ORGSLUG#${stored?.slug}`, 'GUARD')).toMatchObject({ organisationId: cabinet.organisation.id });
    expect(await getItem(`ORGNAME#${oldName.toLowerCase()}`, 'GUARD')).toBeUndefined();
    const reuse = await api('POST', '/api/organisations', { token: cabinet.token, body: { organisationName: oldName } });
    expect(reuse.status).toBe(201);
  });

  it('answers 409 when the new name is taken (case and accents ignored) and changes nothing', async () => {
    const cabinet = await registerCabinet();
    const suffix = randomUUID().slice(0, 8);
    await createOrganisation(cabinet.token, { organisationName: `Étude Notariale ${suffix}` });

    const response = await api('PATCH', orgPath(cabinet.organisation.id), {
      token: cabinet.token,
      body: { organisationName: `etude NOTARIALE ${suffix}` },
    });

    expect(response.status).toBe(409);
    expect(response.body.errors).toEqual([{ path: 'organisationName', message: 'Organisation name is already taken' }]);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'ORGANISATION')).toMatchObject({ nom: cabinet.input.organisationName });
  });

  it('changes only the case of the name without touching the guards', async () => {
    const cabinet = await registerCabinet();
    const upper = cabinet.input.organisationName.toUpperCase();

    const response = await api('PATCH', orgPath(cabinet.organisation.id), { token: cabinet.token, body: { name: upper } });

    expect(response.status).toBe(200);
    expect(response.body.organisation.nom).toBe(upper);
  });

  it('sets description and country; null clears the description', async () => {
    const cabinet = await registerCabinet();
    const path = orgPath(cabinet.organisation.id);

    const set = await api('PATCH', path, {
      token: cabinet.token,
      body: { description: 'Cabinet de groupe', country: 'ch' },
    });
    const cleared = await api('PATCH', path, { token: cabinet.token, body: { description: null } });

    expect(set.status).toBe(200);
    expect(set.body.organisation).toMatchObject({
      description: 'Cabinet de groupe',
      country: 'CH',
      subscriptionTier: 'free',
      maxUsers: 50,
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body.organisation).not.toHaveProperty('description');
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'ORGANISATION')).not.toHaveProperty('description');
  });

  it('refuses the plan (subscriptionTier, maxUsers) with 400 naming each field, and changes nothing', async () => {
    const cabinet = await registerCabinet();
    const path = orgPath(cabinet.organisation.id);

    const response = await api('PATCH', path, {
      token: cabinet.token,
      body: { description: 'Upgrade', subscriptionTier: 'enterprise', maxUsers: 10_000 },
    });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      {
        path: 'subscriptionTier',
        message: 'subscriptionTier is set by the platform, not by the organisation (PATCH /api/platform/organisations/{id})',
      },
      { path: 'maxUsers', message: 'maxUsers is set by the platform, not by the organisation (PATCH /api/platform/organisations/{id})' },
    ]);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'ORGANISATION')).toMatchObject({ subscriptionTier: 'free', maxUsers: 50 });
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'ORGANISATION')).not.toHaveProperty('description');
  });

  it('answers 400 listing every invalid field, and for an empty body', async () => {
    const cabinet = await registerCabinet();
    const path = orgPath(cabinet.organisation.id);

    const invalid = await api('PATCH', path, {
      token: cabinet.token,
      body: { country: 'France', phone: '01 42 86 82 00', contactEmail: 'nope', status: 'SUSPENDED' },
    });
    const empty = await api('PATCH', path, { token: cabinet.token, body: {} });

    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['contactEmail', 'country', 'phone', 'status']);
    expect(empty.status).toBe(400);
  });

  it("answers 403 to a MEMBER and 404 for another organisation's id", async () => {
    const [cabinet, other] = await Promise.all([registerCabinet(), registerCabinet()]);
    const member = await addNewMember(cabinet, 'MEMBER');

    const asMember = await api('PATCH', orgPath(cabinet.organisation.id), { token: member.token, body: { description: 'hijack' } });
    const foreign = await api('PATCH', orgPath(other.organisation.id), { token: cabinet.token, body: { description: 'hijack' } });

    expect(asMember.status).toBe(403);
    expect(foreign.status).toBe(404);
    expect(await getItem(`ORG#${other.organisation.id}`, 'ORGANISATION')).not.toHaveProperty('description');
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'ORGANISATION')).not.toHaveProperty('description');
  });
});
