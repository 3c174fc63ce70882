// GET /api/platform/organisations/{id}/patients/{patientId}
import { httpHandler } from '#http/handler';
import * as routes from '#routes/platform';
import { supportGetPatient } from '#use-cases/platform';

export const handler = httpHandler(routes.platformSupportGetPatient, async ({ params }, superAdmin) => ({
  status: 200,
  body: await supportGetPatient(superAdmin, params.id, params.patientId),
}));
