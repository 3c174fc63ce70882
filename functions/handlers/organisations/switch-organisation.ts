// POST /api/auth/switch-organisation
import { httpHandler } from '#http/handler';
import * as routes from '#routes/organisations';
import { switchOrganisation } from '#use-cases/switch-organisation';

export const handler = httpHandler(routes.switchOrganisation, async ({ body }, caller) => ({
  status: 200,
  body: await switchOrganisation(caller, body.organisationId, body.refreshToken),
}));
