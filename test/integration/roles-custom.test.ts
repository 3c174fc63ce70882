// Custom roles over HTTP: seed 002's law-firm roles with different permissions, the catalogue and caller limits on
// what a role may hold, edits reaching holders on their next request, and no deletion of a role in use.
import { describe, expect, it } from 'vitest';
import { api, PASSWORD, problemOf, registerCabinet } from '#test/api';
import { getItem } from '#test/emulators';
import { addPerson, auditTrail, createRole, eventually, orgPath } from '#test/members';

describe('GET /api/organisations/{id}/roles', () => {
  it('lists the built-in roles with their permissions, then the custom roles', async () => {
    const cabinet = await registerCabinet();
    await createRole(cabinet, 'clerk', ['patients:read']);

    const response = await api('GET', orgPath(cabinet, '/roles'), { token: cabinet.token });

    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([
      {
        name: 'ADMIN',
        builtIn: true,
        permissions: [
          'patients:read',
          'patients:write',
          'members:read',
          'members:manage',
          'organisation:manage',
          'invitations:manage',
          'join-requests:manage',
          'roles:manage',
          'audit:read',
          'support-access:manage',
          'events:read',
          'webhooks:manage',
        ],
      },
      { name: 'MEMBER', builtIn: true, permissions: ['patients:read', 'patients:write', 'members:read'] },
      { name: 'VIEWER', builtIn: true, permissions: ['patients:read', 'members:read'] },
      {
        name: 'clerk',
        builtIn: false,
        permissions: ['patients:read'],
        usageCount: 0,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
    ]);
  });
});

describe("seed 002: a law firm's roles", () => {
  it('gives each custom role exactly its permissions: a clerk without patients:write gets 403 on POST /api/patients', async () => {
    const firm = await registerCabinet();
    await createRole(firm, 'senior_lawyer', ['patients:read', 'patients:write', 'members:read', 'invitations:manage']);
    await createRole(firm, 'lawyer', ['patients:read', 'patients:write', 'members:read']);
    await createRole(firm, 'paralegal', ['patients:read', 'patients:write']);
    await createRole(firm, 'clerk', ['patients:read']);
    const [senior, lawyer, paralegal, clerk] = await Promise.all(
      ['senior_lawyer', 'lawyer', 'paralegal', 'clerk'].map((role) => addPerson(firm, role)),
    );
    const createCase = (token: string) => api('POST', '/api/patients', { token, body: { nom: 'Dossier', prenom: 'Client' } });
    const listMembers = (token: string) => api('GET', orgPath(firm, '/members'), { token });
    const invite = (token: string) =>
      api('POST', orgPath(firm, '/invitations'), { token, body: { email: 'x@example.org', role: 'clerk' } });

    expect((await createCase(clerk!.token)).status).toBe(403);
    expect((await api('GET', '/api/patients', { token: clerk!.token })).status).toBe(200);
    expect((await createCase(paralegal!.token)).status).toBe(201);
    expect((await listMembers(paralegal!.token)).status).toBe(403);
    expect((await createCase(lawyer!.token)).status).toBe(201);
    expect((await listMembers(lawyer!.token)).status).toBe(200);
    expect((await invite(lawyer!.token)).status).toBe(403);
    expect((await invite(senior!.token)).status).toBe(201);
    const roles = await api('GET', orgPath(firm, '/roles'), { token: firm.token });
    expect(
      roles.body.items
        .filter((role: { builtIn: boolean }) => !role.builtIn)
        .map((role: { name: string; usageCount: number }) => [role.name, role.usageCount]),
    ).toEqual([
      ['clerk', 1],
      ['lawyer', 1],
      ['paralegal', 1],
      ['senior_lawyer', 1],
    ]);
  });
});

describe('POST /api/organisations/{id}/roles', () => {
  it('stores the role under the organisation with an audit entry written alongside', async () => {
    const cabinet = await registerCabinet();
    const response = await api('POST', orgPath(cabinet, '/roles'), {
      token: cabinet.token,
      body: { name: 'lawyer', description: 'Handles cases', permissions: ['patients:read', 'patients:write'] },
    });
    expect(response.status).toBe(201);
    expect(response.body.role).toMatchObject({
      name: 'lawyer',
      description: 'Handles cases',
      permissions: ['patients:read', 'patients:write'],
      builtIn: false,
      usageCount: 0,
    });
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'ROLE#lawyer')).toMatchObject({
      usageCount: 0,
      permissions: ['patients:read', 'patients:write'],
    });
    expect(await auditTrail(cabinet.organisation.id)).toContainEqual(
      expect.objectContaining({ action: 'role.created', actorId: cabinet.user.id, target: 'lawyer' }),
    );
  });

  it('answers 409 for an existing name', async () => {
    const cabinet = await registerCabinet();
    await createRole(cabinet, 'clerk', ['patients:read']);
    const again = await api('POST', orgPath(cabinet, '/roles'), {
      token: cabinet.token,
      body: { name: 'clerk', permissions: ['members:read'] },
    });
    expect(again.status).toBe(409);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'ROLE#clerk')).toMatchObject({ permissions: ['patients:read'] });
  });

  it('answers 400 for a built-in name in any case, an unknown or repeated permission, or none', async () => {
    const cabinet = await registerCabinet();
    const post = (body: unknown) => api('POST', orgPath(cabinet, '/roles'), { token: cabinet.token, body });

    const builtIn = await post({ name: 'admin', permissions: ['patients:read'] });
    const unknown = await post({ name: 'clerk', permissions: ['patients:read', 'patients:delete'] });
    const repeated = await post({ name: 'clerk', permissions: ['patients:read', 'patients:read'] });
    const none = await post({ name: 'Clerk', permissions: [] });

    expect(builtIn.body.errors).toEqual([{ path: 'name', message: 'Name must not be a built-in role (ADMIN, MEMBER, VIEWER)' }]);
    expect(unknown.body.errors).toEqual([{ path: 'permissions.1', message: 'Unknown permission' }]);
    expect(repeated.body.errors).toEqual([{ path: 'permissions', message: 'Permissions must not repeat' }]);
    expect(none.body.errors).toEqual([
      { path: 'name', message: 'Name must be 2 to 40 lower-case letters, digits, _ or -, starting with a letter' },
      { path: 'permissions', message: 'At least one permission is required' },
    ]);
    for (const response of [builtIn, unknown, repeated, none]) expect(response.status).toBe(400);
  });

  it('refuses (403) a role with permissions the caller does not have', async () => {
    const cabinet = await registerCabinet();
    await createRole(cabinet, 'role_admin', ['roles:manage', 'patients:read', 'members:read']);
    const roleAdmin = await addPerson(cabinet, 'role_admin');

    const wider = await api('POST', orgPath(cabinet, '/roles'), {
      token: roleAdmin.token,
      body: { name: 'writer', permissions: ['patients:write'] },
    });
    const within = await api('POST', orgPath(cabinet, '/roles'), {
      token: roleAdmin.token,
      body: { name: 'reader', permissions: ['patients:read'] },
    });

    expect(wider.status).toBe(403);
    expect(within.status).toBe(201);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'ROLE#writer')).toBeUndefined();
  });

  it('is refused to a MEMBER (no roles:manage)', async () => {
    const cabinet = await registerCabinet();
    const member = await addPerson(cabinet, 'MEMBER');
    const response = await api('POST', orgPath(cabinet, '/roles'), {
      token: member.token,
      body: { name: 'reader', permissions: ['patients:read'] },
    });
    expect(response.status).toBe(403);
  });
});

describe('PATCH /api/organisations/{id}/roles/{name}', () => {
  it("changes a role's permissions, and its holders get them on their next requests", async () => {
    const cabinet = await registerCabinet();
    await createRole(cabinet, 'clerk', ['patients:read']);
    const clerk = await addPerson(cabinet, 'clerk');
    const createCase = () => api('POST', '/api/patients', { token: clerk.token, body: { nom: 'Dossier', prenom: 'Client' } });
    expect((await createCase()).status).toBe(403);

    const response = await api('PATCH', orgPath(cabinet, '/roles/clerk'), {
      token: cabinet.token,
      body: { permissions: ['patients:read', 'patients:write'], description: 'Files cases' },
    });

    expect(response.status).toBe(200);
    expect(response.body.role).toMatchObject({
      name: 'clerk',
      permissions: ['patients:read', 'patients:write'],
      description: 'Files cases',
      usageCount: 1,
    });
    expect((await eventually(createCase, (r) => r.status === 201)).status).toBe(201);
    expect(await auditTrail(cabinet.organisation.id)).toContainEqual(
      expect.objectContaining({
        action: 'role.updated',
        target: 'clerk',
        details: { from: ['patients:read'], to: ['patients:read', 'patients:write'] },
      }),
    );
  });

  it("answers 400 for a built-in role, 404 for an unknown one, 403 beyond the caller's permissions", async () => {
    const cabinet = await registerCabinet();
    await createRole(cabinet, 'role_admin', ['roles:manage', 'patients:read']);
    await createRole(cabinet, 'clerk', ['patients:read']);
    const roleAdmin = await addPerson(cabinet, 'role_admin');

    const builtIn = await api('PATCH', orgPath(cabinet, '/roles/MEMBER'), {
      token: cabinet.token,
      body: { permissions: ['patients:read'] },
    });
    const unknown = await api('PATCH', orgPath(cabinet, '/roles/nobody'), {
      token: cabinet.token,
      body: { permissions: ['patients:read'] },
    });
    const wider = await api('PATCH', orgPath(cabinet, '/roles/clerk'), {
      token: roleAdmin.token,
      body: { permissions: ['patients:read', 'audit:read'] },
    });
    const ownRoleWider = await api('PATCH', orgPath(cabinet, '/roles/role_admin'), {
      token: roleAdmin.token,
      body: { permissions: ['roles:manage', 'patients:read', 'members:manage'] },
    });

    expect(builtIn.status).toBe(400);
    expect(builtIn.body.errors).toEqual([{ path: 'name', message: 'Built-in roles cannot be changed or deleted' }]);
    expect(unknown.status).toBe(404);
    expect(wider.status).toBe(403);
    expect(ownRoleWider.status).toBe(403);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'ROLE#role_admin')).toMatchObject({
      permissions: ['roles:manage', 'patients:read'],
    });
  });
});

describe('DELETE /api/organisations/{id}/roles/{name}', () => {
  it('answers 409 "Role in use" while someone holds it, and deletes it once nobody does', async () => {
    const cabinet = await registerCabinet();
    await createRole(cabinet, 'paralegal', ['patients:read']);
    const paralegal = await addPerson(cabinet, 'paralegal');
    const path = orgPath(cabinet, '/roles/paralegal');

    const inUse = await api('DELETE', path, { token: cabinet.token });
    expect(inUse.status).toBe(409);
    expect(problemOf(inUse)).toBe('role-in-use');

    await api('PATCH', orgPath(cabinet, `/members/${paralegal.userId}`), { token: cabinet.token, body: { role: 'VIEWER' } });
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'ROLE#paralegal')).toMatchObject({ usageCount: 0 });
    const deleted = await api('DELETE', path, { token: cabinet.token });

    expect(deleted.status).toBe(204);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'ROLE#paralegal')).toBeUndefined();
    expect((await api('DELETE', path, { token: cabinet.token })).status).toBe(404);
    const assign = await api('PATCH', orgPath(cabinet, `/members/${paralegal.userId}`), {
      token: cabinet.token,
      body: { role: 'paralegal' },
    });
    expect(assign.status).toBe(400);
    expect(assign.body.errors).toEqual([{ path: 'role', message: 'Unknown role: paralegal' }]);
    expect((await auditTrail(cabinet.organisation.id)).map((entry) => entry.action)).toContain('role.deleted');
  });

  it('frees the role when its holder is removed', async () => {
    const cabinet = await registerCabinet();
    await createRole(cabinet, 'clerk', ['patients:read']);
    const clerk = await addPerson(cabinet, 'clerk');
    await api('DELETE', orgPath(cabinet, `/members/${clerk.userId}`), { token: cabinet.token });
    expect((await api('DELETE', orgPath(cabinet, '/roles/clerk'), { token: cabinet.token })).status).toBe(204);
  });

  it('answers 400 for a built-in role', async () => {
    const cabinet = await registerCabinet();
    expect((await api('DELETE', orgPath(cabinet, '/roles/ADMIN'), { token: cabinet.token })).status).toBe(400);
  });
});

describe('who sees the join code (one rule for every answer that may carry it)', () => {
  const codeSeenBy = async (cabinet: Awaited<ReturnType<typeof registerCabinet>>, role: string) => {
    const person = await addPerson(cabinet, role);
    const login = await api('POST', '/api/auth/login', { body: { username: person.username, password: PASSWORD } });
    const me = await api('GET', '/api/auth/me', { token: login.body.token });
    const organisation = await api('GET', orgPath(cabinet), { token: login.body.token });
    const list = await api('GET', '/api/organisations', { token: login.body.token });
    const listed = list.body.items.find((item: { organisation: { id: string } }) => item.organisation.id === cabinet.organisation.id);
    return [login.body.organisation.code, me.body.organisation.code, organisation.body.organisation.code, listed.organisation.code];
  };

  it('shows it to a custom role holding organisation:manage in the login answer, me, the organisation and the list', async () => {
    const cabinet = await registerCabinet();
    await createRole(cabinet, 'office-manager', ['organisation:manage', 'patients:read']);
    expect(await codeSeenBy(cabinet, 'office-manager')).toEqual(Array(4).fill(cabinet.organisation.code));
  });

  it('hides it everywhere from a custom role without organisation:manage', async () => {
    const cabinet = await registerCabinet();
    await createRole(cabinet, 'receptionist', ['patients:read', 'members:read']);
    expect(await codeSeenBy(cabinet, 'receptionist')).toEqual([undefined, undefined, undefined, undefined]);
  });
});
