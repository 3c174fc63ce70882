// PATCH /api/patients/{id}
import { httpHandler } from '#http/handler';
import * as routes from '#routes/patients';
import { updatePatient } from '#use-cases/patients';

export const handler = httpHandler(routes.updatePatient, async ({ params, body }, tenant) => ({
  status: 200,
  body: await updatePatient(tenant, params.id, body),
}));
