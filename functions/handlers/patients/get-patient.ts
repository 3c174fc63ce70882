// GET /api/patients/{id}
import { httpHandler } from '#http/handler';
import * as routes from '#routes/patients';
import { getPatient } from '#use-cases/patients';

export const handler = httpHandler(routes.getPatient, async ({ params }, tenant) => ({
  status: 200,
  body: await getPatient(tenant, params.id),
}));
