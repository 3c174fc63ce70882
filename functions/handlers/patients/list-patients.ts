// GET /api/patients?limit=&cursor=
import { httpHandler } from '#http/handler';
import * as routes from '#routes/patients';
import { listPatients } from '#use-cases/patients';

export const handler = httpHandler(routes.listPatients, async ({ query }, tenant) => ({
  status: 200,
  body: await listPatients(tenant, query),
}));
