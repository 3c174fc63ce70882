// Seed 004's dialect under /compat/org-management, driven with the seed's own requests (its endpoints 1–5, its
// examples 1–4 and its error responses): a seed-004 client changes only its base URL. Passwords are Cabinet's policy
// (the seed's password123 is one of the error cases), and nobody becomes an admin without accepting.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { api, problemOf } from '#test/api';
import { getItem } from '#test/emulators';
import { INVITATION_SUBJECT, tokenFromMail } from '#test/mail';
import { newClientAddress } from '#test/registration';

const BASE = '/compat/org-management';
const PASSWORD = 'TechCompany2026!';

const id = () => randomUUID().slice(0, 8);
const email = (who: string) => `${who}.${id()}@company.com`;

/** Example 1 (a regular user), at a fresh address and with a password Cabinet's policy accepts. */
const example1 = () => ({
  email: email('john'),
  password: PASSWORD,
  password_confirmation: PASSWORD,
  firstname: 'John',
  lastname: 'Doe',
  gender: 'male',
  is_organization: false,
});

/** Example 2 (register with organisation creation), with a unique organisation name. */
const example2 = () => ({
  email: email('admin'),
  password: PASSWORD,
  password_confirmation: PASSWORD,
  firstname: 'Jane',
  lastname: 'Smith',
  gender: 'female',
  is_organization: true,
  organization_name: `Tech Company Inc ${id()}`,
  organization_description: 'A leading technology company',
});

/** Example 4 (an admin creates an agent), at a fresh address. */
const example4 = () => ({
  email: email('agent'),
  firstname: 'Bob',
  lastname: 'Agent',
  gender: 'male',
  password: PASSWORD,
  password_confirmation: PASSWORD,
});

const registerWithOrganization = (body: unknown) =>
  api('POST', `${BASE}/api/auth/register-with-organization`, { body, from: newClientAddress() });

/** An admin of a new organisation, registered as example 2 does. */
async function orgAdmin() {
  const body = example2();
  const response = await registerWithOrganization(body);
  if (response.status !== 201) throw new Error(`register-with-organization: ${response.status} ${response.text}`);
  return { body, token: response.body.token as string, user: response.body.user, organization: response.body.organization };
}

async function agentOf(admin: Awaited<ReturnType<typeof orgAdmin>>) {
  const body = example4();
  const response = await api('POST', `${BASE}/api/organizations/${admin.organization.id}/agents`, { token: admin.token, body });
  if (response.status !== 201) throw new Error(`agents: ${response.status} ${response.text}`);
  const login = await api('POST', '/api/auth/login', { body: { username: body.email, password: PASSWORD } });
  return { body, agent: response.body.agent, token: login.body.token as string };
}

describe('POST /api/auth/register-with-organization', () => {
  it('registers example 2 as admin of the new organisation, signed in ("User registered successfully")', async () => {
    const body = example2();

    const response = await registerWithOrganization(body);

    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      user: {
        id: expect.any(String),
        email: body.email,
        firstname: 'Jane',
        lastname: 'Smith',
        gender: 'female',
        date_of_birth: null,
        phone: null,
        avatar: null,
        organization_id: response.body.organization.id,
      },
      organization: {
        id: expect.any(String),
        name: body.organization_name,
        description: 'A leading technology company',
        created_at: expect.any(String),
        updated_at: expect.any(String),
      },
      token: expect.any(String),
      message: 'User registered successfully',
    });
    const { organization, user, token } = response.body;
    expect(await getItem(`ORG#${organization.id}`, `MEMBER#${user.id}`)).toMatchObject({ role: 'ADMIN', status: 'ACTIVE' });
    // The token is a Cabinet session of that organisation.
    const me = await api('GET', '/api/auth/me', { token });
    expect(me.body.organisation).toMatchObject({ id: organization.id });
  });

  it('registers example 1 (is_organization false) as a user without organisation, with the optional fields', async () => {
    const body = { ...example1(), date_of_birth: '1990-01-01', phone: '+1234567890', avatar: 'https://example.com/avatar.jpg' };

    const response = await registerWithOrganization(body);

    expect(response.status).toBe(201);
    expect(response.body.organization).toBeNull();
    expect(response.body.user).toMatchObject({
      email: body.email,
      organization_id: null,
      date_of_birth: '1990-01-01',
      phone: '+1234567890',
      avatar: 'https://example.com/avatar.jpg',
    });
    expect(response.body.message).toBe('User registered successfully');
  });

  it("answers Laravel's 422 when organization_name and organization_description are missing, creating nothing", async () => {
    const { organization_name: _n, organization_description: _d, ...body } = example2();

    const response = await registerWithOrganization(body);

    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(problemOf(response)).toBe('validation-error');
    expect(response.body).toMatchObject({
      message: 'The given data was invalid.',
      status: 422,
      errors: {
        organization_name: ['The organization name field is required when is organization is true.'],
        organization_description: ['The organization description field is required when is organization is true.'],
      },
    });
    const login = await api('POST', '/api/auth/login', { body: { username: body.email, password: PASSWORD } });
    expect(login.status).toBe(401);
  });

  it("states each of Cabinet's password rules that the seed's password123 fails, and a confirmation that differs", async () => {
    const weak = await registerWithOrganization({ ...example2(), password: 'password123', password_confirmation: 'password123' });
    const mismatch = await registerWithOrganization({ ...example2(), password_confirmation: 'TechCompany2026?' });

    expect(weak.status).toBe(422);
    expect(weak.body.errors.password).toEqual([
      'Password must be at least 12 characters',
      'Password must contain an uppercase letter',
      'Password must contain a symbol',
    ]);
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.errors).toEqual({ password: ['The password field confirmation does not match.'] });
  });

  it("answers the seed's 422 example for a taken e-mail and a taken organisation name", async () => {
    const first = await orgAdmin();

    const sameEmail = await registerWithOrganization({ ...example2(), email: first.body.email });
    const sameName = await registerWithOrganization({ ...example2(), organization_name: first.body.organization_name });

    expect(sameEmail.status).toBe(422);
    expect(sameEmail.body).toMatchObject({
      message: 'The given data was invalid.',
      errors: { email: ["L'adresse email est déjà utilisée."] },
    });
    expect(problemOf(sameEmail)).toBe('email-taken');
    expect(sameName.status).toBe(422);
    expect(sameName.body.errors).toEqual({ organization_name: ["Ce nom d'organisation est déjà utilisé."] });
    expect(problemOf(sameName)).toBe('organisation-name-taken');
  });

  it('refuses a gender the seed does not list, an is_organization that is no boolean, and a missing one', async () => {
    const { is_organization: _, ...missing } = example2();

    const invalid = await registerWithOrganization({ ...example2(), gender: 'unknown', is_organization: 'yes' });
    const absent = await registerWithOrganization(missing);

    expect(invalid.status).toBe(422);
    expect(invalid.body.errors).toEqual({
      gender: ['The selected gender is invalid.'],
      is_organization: ['is_organization must be of type boolean'],
    });
    expect(absent.status).toBe(422);
    expect(absent.body.errors).toEqual({ is_organization: ['is_organization is required'] });
  });
});

describe('POST /api/organizations (example 3)', () => {
  it('creates the organisation with top-level fields; the signed-in user becomes its admin', async () => {
    const user = await registerWithOrganization(example1());
    const name = `New Organization ${id()}`;

    const response = await api('POST', `${BASE}/api/organizations`, {
      token: user.body.token,
      body: { name, description: 'Created by super admin' },
    });

    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      name,
      description: 'Created by super admin',
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(await getItem(`ORG#${response.body.id}`, `MEMBER#${user.body.user.id}`)).toMatchObject({ role: 'ADMIN' });
  });

  it('answers 401 {message: "Unauthenticated."} without a token, and 422 on `name` for a taken name', async () => {
    const admin = await orgAdmin();

    const anonymous = await api('POST', `${BASE}/api/organizations`, { body: { name: 'Anything', description: 'x' } });
    const taken = await api('POST', `${BASE}/api/organizations`, {
      token: admin.token,
      body: { name: admin.body.organization_name, description: 'x' },
    });

    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ message: 'Unauthenticated.', type: 'urn:cabinet:problem:missing-token' });
    expect(taken.status).toBe(422);
    expect(taken.body.errors).toEqual({ name: ["Ce nom d'organisation est déjà utilisé."] });
  });
});

describe('GET /api/organizations/{organization}', () => {
  it('answers the organisation with its users', async () => {
    const admin = await orgAdmin();
    const { agent } = await agentOf(admin);

    const response = await api('GET', `${BASE}/api/organizations/${admin.organization.id}`, { token: admin.token });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: admin.organization.id,
      name: admin.body.organization_name,
      description: 'A leading technology company',
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(response.body.users).toHaveLength(2);
    expect(response.body.users).toEqual(
      expect.arrayContaining([
        { id: admin.user.id, email: admin.body.email, firstname: 'Jane', lastname: 'Smith' },
        { id: agent.id, email: agent.email, firstname: 'Bob', lastname: 'Agent' },
      ]),
    );
    expect(response.headers.get('link')).toBeNull();
  });

  it('answers another organisation\'s id 404 "Organization not found", never its users', async () => {
    const admin = await orgAdmin();
    const other = await orgAdmin();

    const response = await api('GET', `${BASE}/api/organizations/${other.organization.id}`, { token: admin.token });

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ message: 'Organization not found', type: 'urn:cabinet:problem:organisation-not-found' });
    expect(response.body.users).toBeUndefined();
  });
});

describe('POST /api/organizations/{organization}/agents (example 4)', () => {
  it('creates the agent, a member of the organisation at once who signs in with the password given', async () => {
    const admin = await orgAdmin();
    const body = example4();

    const response = await api('POST', `${BASE}/api/organizations/${admin.organization.id}/agents`, { token: admin.token, body });

    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      agent: { id: expect.any(String), email: body.email, firstname: 'Bob', lastname: 'Agent', organization_id: admin.organization.id },
    });
    expect(await getItem(`ORG#${admin.organization.id}`, `MEMBER#${response.body.agent.id}`)).toMatchObject({
      role: 'MEMBER',
      status: 'ACTIVE',
    });
    const login = await api('POST', '/api/auth/login', { body: { username: body.email, password: PASSWORD } });
    expect(login.status).toBe(200);
    expect(login.body.organisation.id).toBe(admin.organization.id);
  });

  it('refuses a regular member: 403 "Not allowed to create agents for this organization"', async () => {
    const admin = await orgAdmin();
    const { token } = await agentOf(admin);
    const body = example4();

    const response = await api('POST', `${BASE}/api/organizations/${admin.organization.id}/agents`, { token, body });

    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({
      message: 'Not allowed to create agents for this organization',
      type: 'urn:cabinet:problem:permission-denied',
    });
    const login = await api('POST', '/api/auth/login', { body: { username: body.email, password: PASSWORD } });
    expect(login.status).toBe(401);
  });

  it('answers 404 for another organisation, to its admin and to a member alike (not 403), creating nobody', async () => {
    const admin = await orgAdmin();
    const { token: memberToken } = await agentOf(admin);
    const other = await orgAdmin();
    const byAdmin = example4();
    const byMember = example4();

    const asAdmin = await api('POST', `${BASE}/api/organizations/${other.organization.id}/agents`, { token: admin.token, body: byAdmin });
    const asMember = await api('POST', `${BASE}/api/organizations/${other.organization.id}/agents`, { token: memberToken, body: byMember });

    for (const response of [asAdmin, asMember]) {
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ message: 'Organization not found' });
    }
    for (const body of [byAdmin, byMember]) {
      const login = await api('POST', '/api/auth/login', { body: { username: body.email, password: PASSWORD } });
      expect(login.status).toBe(401);
    }
  });

  it("lists the agents (GET), to the admin and to an agent, never the admin nor another organisation's", async () => {
    const admin = await orgAdmin();
    const first = await agentOf(admin);
    const second = await agentOf(admin);
    const other = await orgAdmin();

    const byAdmin = await api('GET', `${BASE}/api/organizations/${admin.organization.id}/agents`, { token: admin.token });
    const byAgent = await api('GET', `${BASE}/api/organizations/${admin.organization.id}/agents`, { token: first.token });
    const foreign = await api('GET', `${BASE}/api/organizations/${other.organization.id}/agents`, { token: admin.token });

    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.agents).toHaveLength(2);
    expect(byAdmin.body.agents).toEqual(expect.arrayContaining([first.agent, second.agent]));
    expect(byAgent.body).toEqual(byAdmin.body);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toMatchObject({ message: 'Organization not found' });
  });

  it('refuses an address already registered with 422 on email: an existing account is never attached', async () => {
    const admin = await orgAdmin();
    const existing = await registerWithOrganization(example1());

    const response = await api('POST', `${BASE}/api/organizations/${admin.organization.id}/agents`, {
      token: admin.token,
      body: { ...example4(), email: existing.body.user.email },
    });

    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual({ email: ["L'adresse email est déjà utilisée."] });
    expect(await getItem(`ORG#${admin.organization.id}`, `MEMBER#${existing.body.user.id}`)).toBeUndefined();
  });
});

describe('POST /api/organizations/{organization}/admins', () => {
  it('makes a member of the organisation (user_id) admin at once: 201 {admin}', async () => {
    const admin = await orgAdmin();
    const { agent } = await agentOf(admin);

    const response = await api('POST', `${BASE}/api/organizations/${admin.organization.id}/admins`, {
      token: admin.token,
      body: { user_id: agent.id },
    });

    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      admin: { id: agent.id, email: agent.email, firstname: 'Bob', lastname: 'Agent', organization_id: admin.organization.id },
    });
    expect(await getItem(`ORG#${admin.organization.id}`, `MEMBER#${agent.id}`)).toMatchObject({ role: 'ADMIN' });
  });

  it('only invites an existing account that is not a member: admin once they accept, never before', async () => {
    const admin = await orgAdmin();
    const person = await registerWithOrganization(example1());
    const userId = person.body.user.id;

    const response = await api('POST', `${BASE}/api/organizations/${admin.organization.id}/admins`, {
      token: admin.token,
      body: { user_id: userId },
    });

    expect(response.status).toBe(202);
    expect(response.body).toEqual({
      message: 'Invitation sent: the person becomes admin of the organization when they accept it.',
      invitation: {
        id: expect.any(String),
        role: 'admin',
        status: 'pending',
        expires_at: expect.any(String),
        organization_id: admin.organization.id,
      },
    });
    expect(await getItem(`ORG#${admin.organization.id}`, `MEMBER#${userId}`)).toBeUndefined();

    const accepted = await api('POST', `/api/auth/invitations/${response.body.invitation.id}/accept`, { token: person.body.token });

    expect(accepted.status).toBe(200);
    expect(await getItem(`ORG#${admin.organization.id}`, `MEMBER#${userId}`)).toMatchObject({ role: 'ADMIN', status: 'ACTIVE' });
  });

  it('invites a new person by their details; the e-mailed link makes them admin when they accept', async () => {
    const admin = await orgAdmin();
    const address = email('newadmin');

    const response = await api('POST', `${BASE}/api/organizations/${admin.organization.id}/admins`, {
      token: admin.token,
      body: { email: address, firstname: 'Admin', lastname: 'User', phone: '+1234567890' },
    });

    expect(response.status).toBe(202);
    expect(response.body.invitation).toMatchObject({ email: address, role: 'admin', status: 'pending' });
    const token = await tokenFromMail(address, INVITATION_SUBJECT);
    const accepted = await api('POST', '/api/auth/accept-invitation', {
      body: { token, password: PASSWORD, confirmPassword: PASSWORD },
    });
    expect(accepted.status).toBe(201);
    expect(accepted.body.organisation.id).toBe(admin.organization.id);
    expect(accepted.body.user).toMatchObject({ role: 'ADMIN', nom: 'User', prenom: 'Admin' });
  });

  it("answers 404 for another organisation's id, making nobody admin there", async () => {
    const admin = await orgAdmin();
    const other = await orgAdmin();
    const { agent } = await agentOf(other);

    const response = await api('POST', `${BASE}/api/organizations/${other.organization.id}/admins`, {
      token: admin.token,
      body: { user_id: agent.id },
    });

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ message: 'Organization not found' });
    expect(await getItem(`ORG#${other.organization.id}`, `MEMBER#${agent.id}`)).toMatchObject({ role: 'MEMBER' });
  });

  it('refuses both user_id and a new person, and a member without the permission (403)', async () => {
    const admin = await orgAdmin();
    const { token, agent } = await agentOf(admin);

    const both = await api('POST', `${BASE}/api/organizations/${admin.organization.id}/admins`, {
      token: admin.token,
      body: { user_id: agent.id, email: email('x'), firstname: 'A', lastname: 'B' },
    });
    const self = await api('POST', `${BASE}/api/organizations/${admin.organization.id}/admins`, { token, body: { user_id: agent.id } });

    expect(both.status).toBe(422);
    expect(both.body.errors).toEqual({ user_id: ['Give either user_id, or email, firstname and lastname.'] });
    expect(self.status).toBe(403);
    expect(problemOf(self)).toBe('permission-denied');
    expect(await getItem(`ORG#${admin.organization.id}`, `MEMBER#${agent.id}`)).toMatchObject({ role: 'MEMBER' });
  });
});

describe("the dialect's documents", () => {
  it('serves its OpenAPI document, marked as a migration surface, with the differences and the invitation answer', async () => {
    const response = await api('GET', `${BASE}/openapi.json`);

    expect(response.status).toBe(200);
    expect(response.body.info['x-migration-surface']).toMatchObject({ base: BASE, seed: '004-register-with-organization.md' });
    expect(response.body.info['x-migration-surface'].differences).toHaveLength(5);
    expect(response.body.servers[0].url).toMatch(/\/compat\/org-management$/);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/register-with-organization',
        '/api/organizations',
        '/api/organizations/{organization}',
        '/api/organizations/{organization}/agents',
        '/api/organizations/{organization}/admins',
      ]),
    );
    const admins = response.body.paths['/api/organizations/{organization}/admins'].post;
    expect(Object.keys(admins.responses)).toEqual(expect.arrayContaining(['201', '202', '404', '422']));
    const docs = await api('GET', `${BASE}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.text).toContain(`${BASE}/openapi.json`);
  });
});
