// GET /api/organisations/{id}/audit?limit=&cursor=
import { httpHandler } from '#http/handler';
import * as routes from '#routes/organisations';
import { listAuditTrail } from '#use-cases/audit';

export const handler = httpHandler(routes.listAudit, async ({ query }, tenant) => ({
  status: 200,
  body: await listAuditTrail(tenant, query),
}));
