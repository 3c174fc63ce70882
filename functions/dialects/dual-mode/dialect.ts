// Seed 002 (dual-mode registration): where its dialect is mounted, what its OpenAPI document says and where it
// differs from the seed on purpose. Its routes are declared in functions/routes/dialect-dual-mode.ts. Plain data.
import type { DialectDef } from '../types.ts';

export const dualModeDialect = {
  name: 'dual-mode',
  base: '/compat/dual-mode',
  seed: '002-dual-mode-registration.md',
  title: 'Cabinet: seed 002 dialect (dual-mode registration)',
  description: `A **migration surface**: seed 002's API (register by joining or creating an organization, organizations
CRUD, the public list of organizations) as its clients call it, served by Cabinet. Change your client's base URL to
\`<Cabinet>/compat/dual-mode\` and nothing else. Every answer comes from Cabinet's own use cases (isolation, consent,
permissions, MFA, rate limits, audit): this document only renames. New clients should use Cabinet's own API
(\`/api/openapi.json\`).

**Numeric ids.** An organization created here gets a number unique on the platform: the seed's \`organizationId\`.
An organization created elsewhere has none (\`organizationId: null\`); it is never in the public list and cannot be
joined by number.

**Roles.** \`admin\` is Cabinet's ADMIN; \`senior_lawyer\`, \`lawyer\`, \`paralegal\` and \`clerk\` are custom roles
every organization created here starts with (its admins may change them with Cabinet's role routes).

**Errors** keep the seed's \`{ error }\` and are RFC 9457 problem+json besides: branch on \`type\`.`,
  differences: [
    "Cabinet's password policy applies (12 characters, upper and lower case, a digit, a symbol): the seed asked for 8; the error states the rule that failed.",
    'Plan limits are set by the platform only: an organization starts on the starting tier (free); `subscriptionTier: "premium"` is refused (400).',
    "Deleting an organization does not delete its members' accounts (the seed cascaded): they stay, without that membership.",
    "Another organization's id answers 404, not 403.",
    "No membership without consent: only the person themselves joins, by registering; joining by organizationId follows that organization's join policy (approval when it requires it; a role above its join role, lawyer by default, is 403).",
    'The public list shows listed organizations by number and name only (no licence number, no contact details), a page at a time (`limit`, `cursor`; `total` counts the page), rate limited per client; an admin unlists an organization with `PATCH {listed: false}`.',
  ],
  tags: {
    Auth: 'Registration (join or create), sign-in, the signed-in user',
    Organizations: 'Organizations and the public list',
    Docs: 'This document',
  },
} as const satisfies DialectDef;
