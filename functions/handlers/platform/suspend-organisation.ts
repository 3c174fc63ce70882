// POST /api/platform/organisations/{id}/suspend
import { httpHandler } from '#http/handler';
import * as routes from '#routes/platform';
import { setOrganisationStatus } from '#use-cases/platform';

export const handler = httpHandler(routes.platformSuspendOrganisation, async ({ params }, superAdmin) => ({
  status: 200,
  body: await setOrganisationStatus(superAdmin, params.id, 'SUSPENDED'),
}));
