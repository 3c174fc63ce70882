// POST /api/organisations
import { httpHandler } from '#http/handler';
import * as routes from '#routes/organisations';
import { createOrganisation } from '#use-cases/organisations';

export const handler = httpHandler(routes.createOrganisation, async ({ body, client }, caller) => ({
  status: 201,
  body: await createOrganisation(caller, body, client),
}));
