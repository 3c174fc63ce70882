// POST /api/platform/organisations/{id}/reactivate
import { httpHandler } from '#http/handler';
import * as routes from '#routes/platform';
import { setOrganisationStatus } from '#use-cases/platform';

export const handler = httpHandler(routes.platformReactivateOrganisation, async ({ params }, superAdmin) => ({
  status: 200,
  body: await setOrganisationStatus(superAdmin, params.id, 'ACTIVE'),
}));
