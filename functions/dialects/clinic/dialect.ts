// Seed 003 (clinic creation): where its dialect is mounted, what its OpenAPI document says and where it differs from
// the seed on purpose. Its routes are declared in functions/routes/dialect-clinic.ts. Plain data.
import type { DialectDef } from '../types.ts';

export const clinicDialect = {
  name: 'clinic',
  base: '/compat/clinic',
  seed: '003-clinic-creation-analysis.md',
  title: 'Cabinet: seed 003 dialect (clinic creation)',
  description: `A **migration surface**: seed 003's API (Logiclinic: clinics created by a super-admin, agents who ask to
join with the clinic's code, admins who approve them) as its clients call it, served by Cabinet. Change your client's
base URL to \`<Cabinet>/compat/clinic\` and nothing else. Every answer comes from Cabinet's own use cases (isolation,
consent, permissions, MFA, rate limits, audit, the mail outbox): this document only renames. New clients should use
Cabinet's own API (\`/api/openapi.json\`).

**A clinic** is a Cabinet organisation whose join code needs approval, with a temporary code
\`XXX-TEMP-XXXXXXXX-XXXX\` (its name's first letters, random digits from the CSPRNG, an expiry: 72 hours by default)
beside its permanent 10-digit code. Agents type either in \`register-request\`.

**Signing in is Cabinet's**: \`POST /api/auth/login\` on Cabinet's own API gives the bearer token the admin routes
take (\`Authorization: Bearer <token>\`); a platform super-admin's token for \`create-clinic\`.

**Errors** keep the seed's \`{ success: false, error }\` (French where the seed is) and are RFC 9457 problem+json
besides: branch on \`type\`.`,
  differences: [
    "Cabinet's password policy applies to register-request (12 characters, upper and lower case, a digit, a symbol): the seed asked for 8; the error states the rule that failed.",
    "No password in the answer: the clinic's admin is e-mailed a single-use link to choose one (credentials.tempPassword only says so), as the seed itself recommended; the seed returned a temporary password and a reset link.",
    'Security questions are checked as the seed says (at least 2, no question twice) but never stored: an account is recovered through an e-mailed link, not by answers.',
    'Plan limits are set by the platform only: a clinic created here starts on the starting tier.',
    "Another clinic's registration request id answers 404, not 403.",
    'No membership without consent: an admin address that already has an account is invited (it becomes admin when it accepts), and an agent is a member only once an admin approves the request they made.',
  ],
  tags: {
    Clinics: 'Clinics created by a platform super-admin, with their temporary code',
    Auth: 'Registration requests: agents ask to join with a clinic code, admins approve or reject',
    Docs: 'This document',
  },
} as const satisfies DialectDef;
