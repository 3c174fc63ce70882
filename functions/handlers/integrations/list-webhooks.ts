// GET /api/organisations/{id}/webhooks
import { httpHandler } from '#http/handler';
import * as routes from '#routes/integrations';
import { listWebhooks } from '#use-cases/webhooks';

export const handler = httpHandler(routes.listWebhooks, async (_request, tenant) => ({ status: 200, body: await listWebhooks(tenant) }));
