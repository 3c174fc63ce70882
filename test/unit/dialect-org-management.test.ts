// Seed 004's examples and error cases through the org-management dialect's schemas and translation.
import { describe, expect, it } from 'vitest';
import { AGENTS_FORBIDDEN, orgManagementSeedError } from '#dialects/org-management/seed-error';
import {
  adminAnswer,
  agentInput,
  agentsAnswer,
  organizationWithUsers,
  registerInput,
  seedError,
  TAKEN,
} from '#dialects/org-management/translate';
import { isRefusal } from '#domain/refusal';
import * as refusals from '#domain/refusals';
import { problem } from '#http/problem';
import { parseWith } from '#http/validation';
import { assignAdminBody, createAgentBody, RULE, registerWithOrganizationBody } from '#schemas/dialect-org-management';

const errorsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (isRefusal(error, 'validation-error')) return error.details.fields ?? [];
    throw error;
  }
  return [];
};
const parse = (body: unknown) => parseWith(registerWithOrganizationBody(), body);

// Example 2 (register with organisation creation), with a password Cabinet's policy accepts.
const example2 = {
  email: 'admin@company.com',
  password: 'TechCompany2026!',
  password_confirmation: 'TechCompany2026!',
  firstname: 'Jane',
  lastname: 'Smith',
  gender: 'female',
  is_organization: true,
  organization_name: 'Tech Company Inc',
  organization_description: 'A leading technology company',
};

describe('register-with-organization body', () => {
  it('maps example 2 to a Cabinet registration that creates the organisation', () => {
    expect(registerInput(parse(example2))).toMatchObject({
      registrationType: 'create',
      email: 'admin@company.com',
      nom: 'Smith',
      prenom: 'Jane',
      gender: 'female',
      organisationName: 'Tech Company Inc',
      description: 'A leading technology company',
    });
  });

  it('maps example 1 (is_organization false) to an account without organisation', () => {
    const { organization_name: _n, organization_description: _d, ...rest } = example2;
    expect(registerInput(parse({ ...rest, is_organization: false }))).toMatchObject({
      registrationType: 'account',
      email: 'admin@company.com',
    });
  });

  it('requires organization_name and organization_description together when is_organization is true', () => {
    const { organization_name: _n, organization_description: _d, ...rest } = example2;
    expect(errorsOf(() => parse(rest))).toEqual([
      { path: 'organization_name', message: RULE.organizationName },
      { path: 'organization_description', message: RULE.organizationDescription },
    ]);
  });

  it("states Cabinet's password rule that failed for the seed's own password123, and a confirmation that differs", () => {
    expect(
      errorsOf(() => parse({ ...example2, password: 'password123', password_confirmation: 'password123' })).map((e) => e.message),
    ).toEqual(['Password must be at least 12 characters', 'Password must contain an uppercase letter', 'Password must contain a symbol']);
    expect(errorsOf(() => parse({ ...example2, password_confirmation: 'TechCompany2026?' }))).toEqual([
      { path: 'password', message: RULE.confirmed },
    ]);
  });

  it('refuses a gender the seed does not list and a missing is_organization', () => {
    const { is_organization: _, ...rest } = example2;
    expect(errorsOf(() => parse({ ...rest, gender: 'unknown' })).map((e) => e.path)).toEqual(['gender', 'is_organization']);
  });
});

describe("Laravel's error answers", () => {
  it('turns invalid fields into 422 {message, errors: {field: [rules]}} under the seed field names', () => {
    const error = seedError({
      name: 'validation-error',
      status: 400,
      detail: 'The request has invalid fields.',
      fields: [
        { path: 'password', message: 'Password must contain a symbol' },
        { path: 'password', message: 'Password must contain a digit' },
        { path: 'avatarUrl', message: 'avatarUrl must be an https URL (without credentials)' },
      ],
    });
    expect(error).toEqual({
      status: 422,
      body: {
        message: 'The given data was invalid.',
        errors: {
          password: ['Password must contain a symbol', 'Password must contain a digit'],
          avatar: ['avatarUrl must be an https URL (without credentials)'],
        },
      },
    });
  });

  it("answers the seed's 422 example for a taken e-mail and organisation name, 401 and 403 in its words", () => {
    expect(seedError({ name: 'email-taken', status: 409, detail: '' }).body.errors).toEqual({ email: [TAKEN.email] });
    expect(seedError({ name: 'organisation-name-taken', status: 409, detail: '' }, { organisationNameField: 'name' })).toEqual({
      status: 422,
      body: { message: 'The given data was invalid.', errors: { name: [TAKEN.organization_name] } },
    });
    expect(seedError({ name: 'missing-token', status: 401, detail: '' })).toEqual({ status: 401, body: { message: 'Unauthenticated.' } });
    expect(
      seedError(
        { name: 'permission-denied', status: 403, detail: '' },
        { forbidden: 'Not allowed to create agents for this organization' },
      ),
    ).toEqual({
      status: 403,
      body: { message: 'Not allowed to create agents for this organization' },
    });
    expect(seedError({ name: 'organisation-not-found', status: 404, detail: '' }).status).toBe(404);
    // Any other refusal naming a field keeps its status, with errors in Laravel's shape (never Cabinet's array).
    expect(
      seedError({ name: 'license-number-taken', status: 409, detail: 'Taken.', fields: [{ path: 'licenseNumber', message: 'Taken' }] }),
    ).toEqual({ status: 409, body: { message: 'Taken.', errors: { licenseNumber: ['Taken'] } } });
  });
});

describe('agents and admins', () => {
  it('creates example 4 as a MEMBER account whose username is the e-mail', () => {
    const body = parseWith(createAgentBody(), {
      email: 'agent@company.com',
      firstname: 'Bob',
      lastname: 'Agent',
      gender: 'male',
      password: 'AgentSmith2026!',
      password_confirmation: 'AgentSmith2026!',
    });
    expect(agentInput(body)).toMatchObject({
      username: 'agent@company.com',
      role: 'MEMBER',
      nom: 'Agent',
      prenom: 'Bob',
      email: 'agent@company.com',
    });
  });

  it('takes user_id or a new person, never both nor half of one', () => {
    expect(errorsOf(() => parseWith(assignAdminBody(), { user_id: 'u-1' }))).toEqual([]);
    expect(errorsOf(() => parseWith(assignAdminBody(), { email: 'newadmin@example.com', firstname: 'Admin', lastname: 'User' }))).toEqual(
      [],
    );
    expect(errorsOf(() => parseWith(assignAdminBody(), { user_id: 'u-1', email: 'newadmin@example.com' })).map((e) => e.path)).toEqual([
      'user_id',
    ]);
    expect(errorsOf(() => parseWith(assignAdminBody(), { email: 'newadmin@example.com' })).map((e) => e.path)).toEqual(['user_id']);
  });

  it('answers 201 {admin} for a promoted member and 202 with the invitation for anyone else', () => {
    const member = {
      userId: 'u-1',
      username: 'admin@example.com',
      nom: 'User',
      prenom: 'Admin',
      role: 'ADMIN',
      status: 'ACTIVE' as const,
      joinedAt: '',
    };
    expect(adminAnswer({ outcome: 'promoted', member }, 'org-1')).toEqual({
      status: 201,
      body: { admin: { id: 'u-1', email: 'admin@example.com', firstname: 'Admin', lastname: 'User', organization_id: 'org-1' } },
    });
    const invitation = { id: 'inv-1', role: 'ADMIN', status: 'PENDING' as const, expiresAt: '2026-12-14T00:00:00.000Z', createdAt: '' };
    const invited = adminAnswer({ outcome: 'invited', invitation, email: 'newadmin@example.com' }, 'org-1');
    expect(invited.status).toBe(202);
    expect(invited.body).toMatchObject({ invitation: { id: 'inv-1', role: 'admin', status: 'pending', organization_id: 'org-1' } });
  });

  it("lists an organisation's ACTIVE and SUSPENDED members as its users, not pending ones", () => {
    const org = { id: 'org-1', nom: 'Tech Company Inc', createdAt: 't0', updatedAt: 't1' };
    const m = (userId: string, status: 'ACTIVE' | 'SUSPENDED' | 'PENDING') => ({
      userId,
      username: `${userId}@x.org`,
      nom: 'N',
      prenom: 'P',
      role: 'MEMBER',
      status,
      joinedAt: '',
    });
    expect(organizationWithUsers(org, [m('a', 'ACTIVE'), m('b', 'PENDING'), m('c', 'SUSPENDED')]).users.map((u) => u.id)).toEqual([
      'a',
      'c',
    ]);
  });

  it("lists as agents the organisation's MEMBERs only, not its admins, other roles or pending requests", () => {
    const m = (userId: string, role: string, status: 'ACTIVE' | 'PENDING' = 'ACTIVE') => ({
      userId,
      username: `${userId}@x.org`,
      nom: 'Agent',
      prenom: 'Bob',
      role,
      status,
      joinedAt: '',
    });
    expect(agentsAnswer([m('a', 'MEMBER'), m('b', 'ADMIN'), m('c', 'VIEWER'), m('d', 'MEMBER', 'PENDING')], 'org-1')).toEqual({
      agents: [{ id: 'a', email: 'a@x.org', firstname: 'Bob', lastname: 'Agent', organization_id: 'org-1' }],
    });
  });
});

describe("the dialect's refusals on the wire (seed-error.ts through http/problem.ts)", () => {
  const answer = (refusal: Parameters<typeof orgManagementSeedError>[0], path: string) => {
    const result = problem(refusal, path, orgManagementSeedError(refusal, { method: 'POST', path }));
    return { status: result.statusCode, body: JSON.parse(result.body as string) };
  };

  it("answers invalid fields with HTTP 422, still problem+json with its type, errors in Laravel's shape", () => {
    const refusal = refusals.validationError([{ path: 'organisationName', message: 'Organisation name is required' }]);
    expect(answer(refusal, '/compat/org-management/api/auth/register-with-organization')).toEqual({
      status: 422,
      body: expect.objectContaining({
        type: 'urn:cabinet:problem:validation-error',
        status: 422,
        message: 'The given data was invalid.',
        errors: { organization_name: ['Organisation name is required'] },
      }),
    });
  });

  it("names the organisation `name` on POST /api/organizations, and quotes the seed's 403 on agents only", () => {
    const taken = answer(refusals.organisationNameTaken('organisationName'), '/compat/org-management/api/organizations');
    expect(taken.status).toBe(422);
    expect(taken.body.errors).toEqual({ name: [TAKEN.organization_name] });
    expect(answer(refusals.permissionDenied(), '/compat/org-management/api/organizations/o-1/agents').body).toMatchObject({
      status: 403,
      message: AGENTS_FORBIDDEN,
      type: 'urn:cabinet:problem:permission-denied',
    });
    expect(answer(refusals.permissionDenied(), '/compat/org-management/api/organizations/o-1/admins').body.message).toBe(
      'This action is unauthorized.',
    );
  });
});
