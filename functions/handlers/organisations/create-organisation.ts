// POST /api/organisations
import { httpHandler } from '#http/handler';
import { idempotent } from '#http/idempotency';
import * as routes from '#routes/organisations';
import { createOrganisation } from '#use-cases/organisations';

export const handler = httpHandler(
  routes.createOrganisation,
  async ({ body, client }, caller) => ({
    status: 201,
    body: await createOrganisation(caller, body, client),
  }),
  { idempotency: idempotent() },
);
