// POST /compat/org-code/api/auth/register: Cabinet's joinWithCode (POST /api/auth/join-organisation), in seed 001's
// words. The seed trusted the body's userId; here it must be the bearer token's own user.
import { orgCodeRegister as route } from '#dialects/org-code/routes';
import { orgCodeSeedError } from '#dialects/org-code/seed-error';
import { Refusal } from '#domain/refusal';
import { httpHandler } from '#http/handler';
import { joinWithCode } from '#use-cases/registration';

export const handler = httpHandler(
  route,
  async ({ body, client }, caller) => {
    if (body.userId !== caller.userId) {
      throw new Refusal(
        'permission-denied',
        "userId must be the signed-in user's own id (the bearer token's): nobody registers someone else.",
      );
    }
    const joined = await joinWithCode(caller, body.organizationCode, client);
    const active = joined.membership.status === 'ACTIVE';
    return {
      status: active ? 201 : 202,
      body: {
        success: true,
        message: active ? 'User registered successfully' : 'Registration request sent: an admin of the organization must approve it',
        organization: { id: joined.organisation.id, name: joined.organisation.nom },
        role: joined.membership.role.toLowerCase(),
        status: active ? 'active' : 'pending',
      },
    };
  },
  { seedError: orgCodeSeedError },
);
