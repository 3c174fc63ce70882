// Seed 000 end to end: register a cabinet, get a token carrying organisationId, create and list its patients.
import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '#domain/permissions';
import { api, claimsOf, registerCabinet } from '#test/api';

describe('POST /api/auth/register-cabinet (seed 000)', () => {
  it('creates the organisation and its ADMIN and returns a token carrying organisationId', async () => {
    const response = await api('POST', '/api/auth/register-cabinet', {
      body: {
        organisationName: `Cabinet Dr Martin ${Date.now()}`,
        username: `dr.martin.${Date.now()}`,
        password: 'Cassius2025!',
        nom: 'Martin',
        prenom: 'Jean',
      },
    });

    expect(response.status).toBe(201);
    const { token, refreshToken, expiresIn, user, organisation } = response.body;
    expect(user).toEqual({
      id: expect.any(String),
      username: expect.stringMatching(/^dr\.martin\./),
      role: 'ADMIN',
      organisationId: organisation.id,
      nom: 'Martin',
      prenom: 'Jean',
    });
    expect(organisation).toEqual({
      id: expect.any(String),
      nom: expect.stringMatching(/^Cabinet Dr Martin/),
      code: expect.stringMatching(/^\d{10}$/),
    });
    expect(organisation.id).not.toBe('default-org-001');
    expect(typeof refreshToken).toBe('string');
    expect(expiresIn).toBeGreaterThan(0);
    expect(claimsOf(token)).toMatchObject({
      organisationId: organisation.id,
      role: 'ADMIN',
      username: user.username,
      userId: user.id,
      token_use: 'id',
    });
  });

  it("lets the new admin create patients and list only their own cabinet's", async () => {
    const cabinet = await registerCabinet();
    const other = await registerCabinet();
    await api('POST', '/api/patients', { token: other.token, body: { nom: 'Autre', prenom: 'Cabinet' } });

    const created = await api('POST', '/api/patients', {
      token: cabinet.token,
      body: { nom: 'Durand', prenom: 'Claire', dateNaissance: '1984-03-12', email: 'claire@example.org' },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/patients/${created.body.id}`);
    expect(created.body).toMatchObject({ nom: 'Durand', prenom: 'Claire', dateNaissance: '1984-03-12' });
    expect(created.body.createdAt).toBe(created.body.updatedAt);

    const list = await api('GET', '/api/patients', { token: cabinet.token });
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ items: [created.body], nextCursor: null });
  });

  it('answers GET /api/auth/me with the user and organisation of the token', async () => {
    const cabinet = await registerCabinet();
    const me = await api('GET', '/api/auth/me', { token: cabinet.token });
    expect(me.status).toBe(200);
    // Registered without an email: no address, so nothing verified; no profile field given, so all null.
    expect(me.body).toEqual({
      user: {
        ...cabinet.user,
        email: null,
        emailVerified: false,
        phone: null,
        avatarUrl: null,
        dateOfBirth: null,
        gender: null,
        location: null,
        bio: null,
        specialization: null,
        locale: null,
        mfaEnabled: false,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        lastLoginAt: expect.any(String),
      },
      organisation: cabinet.organisation,
      // The first ADMIN holds every permission of the catalogue.
      permissions: [...PERMISSIONS].sort(),
    });
  });
});

describe('/api/patients', () => {
  it('pages with an opaque cursor until nextCursor is null', async () => {
    const cabinet = await registerCabinet();
    for (let i = 0; i < 5; i++) {
      const created = await api('POST', '/api/patients', { token: cabinet.token, body: { nom: `Nom${i}`, prenom: 'P' } });
      expect(created.status).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await api('GET', `/api/patients?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
        token: cabinet.token,
      });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((p: { id: string }) => p.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(5);
  });

  it('updates given fields, clears optional ones with null, and deletes', async () => {
    const cabinet = await registerCabinet();
    const created = await api('POST', '/api/patients', {
      token: cabinet.token,
      body: { nom: 'Petit', prenom: 'Lucas', telephone: '+33 6 12 34 56 78' },
    });
    const id = created.body.id;

    const updated = await api('PATCH', `/api/patients/${id}`, { token: cabinet.token, body: { prenom: 'Luc', telephone: null } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id, nom: 'Petit', prenom: 'Luc', createdAt: created.body.createdAt });
    expect(updated.body).not.toHaveProperty('telephone');

    expect((await api('GET', `/api/patients/${id}`, { token: cabinet.token })).body).toEqual(updated.body);
    expect((await api('DELETE', `/api/patients/${id}`, { token: cabinet.token })).status).toBe(204);
    expect((await api('GET', `/api/patients/${id}`, { token: cabinet.token })).status).toBe(404);
  });
});
