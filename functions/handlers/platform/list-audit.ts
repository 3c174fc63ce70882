// GET /api/platform/audit
import { httpHandler } from '#http/handler';
import * as routes from '#routes/platform';
import { listAudit } from '#use-cases/platform';

export const handler = httpHandler(routes.platformListAudit, async ({ query }) => ({
  status: 200,
  body: await listAudit(query),
}));
