// Seed 001 (organisation code): its routes under /compat/org-code, each bound to the Cabinet use case its canonical
// route calls (docs/dialects.md). Plain data, like functions/routes/<area>.ts.
import { openApiDocumentResponse } from '#schemas/system';
import type { RouteDef } from '../../routes/types.ts';
import type { DialectDef } from '../types.ts';
import {
  orgCodeCreateOrganizationBody,
  orgCodeCreateOrganizationResponse,
  orgCodeRegisterBody,
  orgCodeRegisterResponse,
} from './schemas.ts';

export const orgCodeDialect = {
  name: 'org-code',
  base: '/compat/org-code',
  seed: '001-organisation-code.md',
  title: 'Cabinet: seed 001 dialect (organisation code)',
  description: `A **migration surface**: seed 001's API (organisation codes) as its clients call it, served by Cabinet.
Change your client's base URL to \`<Cabinet>/compat/org-code\` and nothing else. Every answer comes from Cabinet's own
use cases (isolation, consent, permissions, MFA, rate limits, audit): this document only renames. New clients should
use Cabinet's own API (\`/api/openapi.json\`).

**Sign-up is Cabinet's.** The seed created the account with Supabase, then called \`/api/auth/register\` with its
\`userId\`. Here the account comes from Cabinet (\`POST /api/auth/register\` with \`registrationType: "account"\`, then
\`POST /api/auth/login\`), and \`/api/auth/register\` is called with its token: \`Authorization: Bearer <token>\`.

**Errors** keep the seed's \`{ success: false, error }\` and are RFC 9457 problem+json besides: branch on \`type\`.`,
  differences: [
    "The body's `userId` must be the bearer token's own user (403 otherwise): the seed trusted any userId; the account's e-mail and name stay those of Cabinet's sign-up.",
    "Cabinet's password policy applies at sign-up (12 characters, upper and lower case, a digit, a symbol): the seed asked for 8.",
    'Plan limits are set by the platform only: an organisation created here starts on the starting tier.',
    "Deleting an organisation does not delete its members' accounts.",
    "Another organisation's id answers 404, not 403.",
    'No membership without consent: only the person themselves joins with a code.',
  ],
  tags: { Organizations: 'Organisations and their 10-digit codes', Auth: 'Joining an organisation with its code', Docs: 'This document' },
} as const satisfies DialectDef;

export const orgCodeCreateOrganization = {
  dialect: 'org-code',
  method: 'POST',
  path: '/compat/org-code/api/organizations/create',
  handler: 'dialects/org-code/create-organization',
  function: 'member-write',
  auth: 'user',
  tag: 'Organizations',
  summary: 'Create an organisation (you become its admin); it gets a 10-digit organization_code to share',
  body: orgCodeCreateOrganizationBody,
  access: { table: 'readWrite' },
  idempotent: true,
  responses: { 201: { description: 'Created, with its code', schema: orgCodeCreateOrganizationResponse } },
  problems: ['profile-required', 'organisation-name-taken', 'too-many-requests'],
} as const satisfies RouteDef;

export const orgCodeRegister = {
  dialect: 'org-code',
  method: 'POST',
  path: '/compat/org-code/api/auth/register',
  handler: 'dialects/org-code/register',
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
    'account-not-found',
  ],
} as const satisfies RouteDef;

export const orgCodeOpenapi = {
  dialect: 'org-code',
  method: 'GET',
  path: '/compat/org-code/openapi.json',
  handler: 'dialects/org-code/openapi',
  function: 'system',
  auth: 'public',
  tag: 'Docs',
  summary: "This dialect's OpenAPI 3.1 document (a migration surface)",
  access: {},
  responses: { 200: { description: 'OpenAPI document', schema: openApiDocumentResponse } },
} as const satisfies RouteDef;

export const orgCodeDocs = {
  dialect: 'org-code',
  method: 'GET',
  path: '/compat/org-code/docs',
  handler: 'dialects/org-code/docs',
  function: 'system',
  auth: 'public',
  tag: 'Docs',
  summary: "This dialect's interactive documentation",
  access: {},
  responses: { 200: { description: 'The docs page', contentType: 'text/html', headers: ['Content-Security-Policy', 'Referrer-Policy'] } },
} as const satisfies RouteDef;

/** The dialect's routes (functions/dialects.ts gathers the dialects). */
export const orgCodeRoutes = { orgCodeCreateOrganization, orgCodeRegister, orgCodeOpenapi, orgCodeDocs };
