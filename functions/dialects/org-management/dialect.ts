// Seed 004 (organisation management, Laravel): where its dialect is mounted, what its OpenAPI document says and where
// it differs from the seed on purpose. Its routes are declared in functions/routes/dialect-org-management.ts. Plain data.
import type { DialectDef } from '../types.ts';

export const orgManagementDialect = {
  name: 'org-management',
  base: '/compat/org-management',
  seed: '004-register-with-organization.md',
  title: 'Cabinet: seed 004 dialect (organisation management)',
  description: `A **migration surface**: seed 004's API (register with an organisation, organisations, agents, admins) as
its clients call it, served by Cabinet. Change your client's base URL to \`<Cabinet>/compat/org-management\` and
nothing else. Every answer comes from Cabinet's own use cases (isolation, consent, permissions, MFA, rate limits,
audit): this document only renames. New clients should use Cabinet's own API (\`/api/openapi.json\`).

**The token** is Cabinet's ID token (\`token\` in the register answer), sent as \`Authorization: Bearer <token>\`. The
seed's \`user\` is an account without organisation, its \`admin\` the organisation's ADMIN, its \`agent\` a MEMBER.

**Errors** are Laravel's: invalid input is 422 \`{ message: "The given data was invalid.", errors: { field: [..] } }\`
under the seed's field names, other refusals keep their status with \`{ message }\` ("Unauthenticated.", "Not allowed
to create agents for this organization", "Organization not found"). They are RFC 9457 problem+json besides: branch on
\`type\`.`,
  differences: [
    "Cabinet's password policy (12 characters, upper and lower case, a digit, a symbol): the seed asked for 8, and its own examples' password123 is refused with a 422 whose `errors.password` states each rule that failed.",
    'Plan limits are set by the platform only: an organisation created here starts on the starting tier.',
    "Deleting an organisation does not delete its members' accounts.",
    'Another organisation\'s id answers 404 ("Organization not found"), not 403, whatever the caller\'s role.',
    "No membership without consent: `POST …/admins` makes an existing member admin at once, and only invites anyone else (202 with the invitation: they become admin when they accept it, `POST /api/auth/invitations/{invitationId}/accept` on Cabinet's API); an agent is always a new account, and an address already registered is refused (422 on `email`) rather than attached.",
  ],
  tags: {
    Auth: 'Registering, with or without an organisation',
    Organizations: 'Organisations, their users, agents and admins',
    Docs: 'This document',
  },
} as const satisfies DialectDef;
