// DELETE /api/patients/{id}
import { httpHandler } from '#http/handler';
import * as routes from '#routes/patients';
import { deletePatient } from '#use-cases/patients';

export const handler = httpHandler(routes.deletePatient, async ({ params }, tenant) => {
  await deletePatient(tenant, params.id);
  return { status: 204 };
});
