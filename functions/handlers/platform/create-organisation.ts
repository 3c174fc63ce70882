// POST /api/platform/organisations
import { httpHandler } from '#http/handler';
import { idempotent } from '#http/idempotency';
import * as routes from '#routes/platform';
import { createOrganisation } from '#use-cases/platform';

export const handler = httpHandler(
  routes.platformCreateOrganisation,
  async ({ body }, superAdmin) => ({
    status: 201,
    body: await createOrganisation(superAdmin, body),
  }),
  { idempotency: idempotent() },
);
