// Seed 001's dialect (organisation code, functions/dialects/org-code/dialect.ts): its routes under /compat/org-code,
// the seed's paths beneath, each translating to the use case Cabinet's own route calls (docs/migrating.md).

import * as refusals from '#domain/refusals';
import { route } from '#http/route';
import {
  orgCodeCreateOrganizationBody,
  orgCodeCreateOrganizationResponse,
  orgCodeRegisterBody,
  orgCodeRegisterResponse,
} from '#schemas/dialect-org-code';
import * as organisations from '#use-cases/organisations';
import * as registration from '#use-cases/registration';

export const orgCodeCreateOrganization = /* @__PURE__ */ route({
  dialect: 'org-code',
  method: 'POST',
  path: '/compat/org-code/api/organizations/create',
  function: 'member-write',
  auth: 'user',
  tag: 'Organizations',
  summary: 'Create an organisation (you become its admin); it gets a 10-digit organization_code to share',
  body: orgCodeCreateOrganizationBody,
  access: { table: 'readWrite' },
  idempotent: true,
  responses: { 201: { description: 'Created, with its code', schema: orgCodeCreateOrganizationResponse } },
  problems: ['profile-required', 'organisation-name-taken', 'too-many-requests'],
  handle: async ({ body, client }, caller) => {
    // Cabinet's createOrganisation (POST /api/organisations); the creator is its ADMIN, who always sees the code.
    const { organisation } = await organisations.createOrganisation(caller, { name: body.name }, client);
    return {
      status: 201,
      body: {
        success: true,
        organization: { id: organisation.id, name: organisation.nom, slug: organisation.slug, organization_code: organisation.code ?? '' },
      },
    };
  },
});

export const orgCodeRegister = /* @__PURE__ */ route({
  dialect: 'org-code',
  method: 'POST',
  path: '/compat/org-code/api/auth/register',
  function: 'member-write',
  auth: 'user',
  tag: 'Auth',
  summary: 'Join the organisation whose 10-digit code you give, as a member (the signed-in user: userId must be yours)',
  body: orgCodeRegisterBody,
  access: { table: 'readWrite', email: true },
  responses: {
    201: { description: "Joined: an active membership with the code's role", schema: orgCodeRegisterResponse },
    202: { description: "The organisation's code needs approval: an admin is asked", schema: orgCodeRegisterResponse },
  },
  problems: [
    'permission-denied',
    'organisation-not-found',
    'too-many-requests',
    'already-member',
    'join-request-exists',
    'organisation-full',
  ],
  handle: async ({ body, client }, caller) => {
    // Cabinet's joinWithCode (POST /api/auth/join-organisation). The seed trusted the body's userId; here it must be
    // the bearer token's own user: nobody registers someone else.
    if (body.userId !== caller.userId) throw refusals.permissionDenied();
    const joined = await registration.joinWithCode(caller, body.organizationCode, client);
    const active = joined.membership.status === 'ACTIVE';
    return {
      status: active ? 201 : 202,
      body: {
        success: true,
        message: active ? 'User registered successfully' : 'Registration request sent: an admin of the organization must approve it',
        organization: { id: joined.organisation.id, name: joined.organisation.nom },
        role: joined.membership.role.toLowerCase(),
        status: active ? ('active' as const) : ('pending' as const),
      },
    };
  },
});
