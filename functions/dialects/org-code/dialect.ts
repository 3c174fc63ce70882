// Seed 001 (organisation code): where its dialect is mounted, what its OpenAPI document says and where it differs
// from the seed on purpose. Its routes are declared in functions/routes/dialect-org-code.ts. Plain data.
import type { DialectDef } from '../types.ts';

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
