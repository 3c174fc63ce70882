// Seed 004's role assignment logic in Cabinet's API: the creator of an organisation is its ADMIN, agents created
// by an admin get the organisation's 'agent' custom role, a regular member cannot create agents, and an admin can
// make another user an admin.
import { describe, expect, it } from 'vitest';
import { api, claimsOf, registerCabinet } from '#test/api';
import { addPerson, createRole, login, newAccount, orgPath } from '#test/members';

describe('seed 004: role assignment', () => {
  it('makes the user who creates the organisation its ADMIN', async () => {
    const cabinet = await registerCabinet();
    expect(cabinet.user.role).toBe('ADMIN');
    expect(claimsOf(cabinet.token)).toMatchObject({ role: 'ADMIN', organisationId: cabinet.organisation.id });
  });

  it('gives agents created by an admin the agent role and its permissions', async () => {
    const cabinet = await registerCabinet();
    await createRole(cabinet, 'agent', ['patients:read', 'patients:write']);

    const created = await api('POST', orgPath(cabinet, '/members'), {
      token: cabinet.token,
      body: newAccount('agent', { nom: 'Smith', prenom: 'Jane' }),
    });

    expect(created.status).toBe(201);
    expect(created.body.member).toMatchObject({ role: 'agent', nom: 'Smith', prenom: 'Jane', status: 'ACTIVE' });
    const token = await login(created.body.member.username);
    expect(claimsOf(token)).toMatchObject({ role: 'agent', organisationId: cabinet.organisation.id });
    expect((await api('POST', '/api/patients', { token, body: { nom: 'Client', prenom: 'Un' } })).status).toBe(201);
    // An agent manages content, not people.
    expect((await api('GET', orgPath(cabinet, '/members'), { token })).status).toBe(403);
    const roles = await api('GET', orgPath(cabinet, '/roles'), { token: cabinet.token });
    expect(roles.body.items).toContainEqual(expect.objectContaining({ name: 'agent', usageCount: 1, builtIn: false }));
  });

  it('refuses agent creation to a regular member with 403', async () => {
    const cabinet = await registerCabinet();
    await createRole(cabinet, 'agent', ['patients:read', 'patients:write']);
    const member = await addPerson(cabinet, 'MEMBER');

    const response = await api('POST', orgPath(cabinet, '/members'), { token: member.token, body: newAccount('agent') });

    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('lets an admin assign another admin, who can then manage members', async () => {
    const [cabinet, other] = await Promise.all([registerCabinet(), registerCabinet()]);
    const member = await addPerson(cabinet, 'MEMBER');

    const promoted = await api('PATCH', orgPath(cabinet, `/members/${member.userId}`), { token: cabinet.token, body: { role: 'ADMIN' } });
    const existingUser = await api('POST', orgPath(cabinet, '/members'), {
      token: cabinet.token,
      body: { username: other.user.username, role: 'ADMIN' },
    });

    expect(promoted.status).toBe(200);
    expect(promoted.body.member.role).toBe('ADMIN');
    // An existing account is invited as ADMIN: it becomes one when it accepts (consent before membership).
    expect(existingUser.status).toBe(202);
    expect(existingUser.body.invitation.role).toBe('ADMIN');
    const accepted = await api('POST', `/api/auth/invitations/${existingUser.body.invitation.id}/accept`, { token: other.token });
    expect(accepted.body.membership).toEqual({ role: 'ADMIN', status: 'ACTIVE' });
    const byNewAdmin = await api('POST', orgPath(cabinet, '/members'), { token: member.token, body: newAccount('VIEWER') });
    expect(byNewAdmin.status).toBe(201);
  });
});
