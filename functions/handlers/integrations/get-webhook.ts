// GET /api/organisations/{id}/webhooks/{webhookId}
import { httpHandler } from '#http/handler';
import * as routes from '#routes/integrations';
import { getWebhook } from '#use-cases/webhooks';

export const handler = httpHandler(routes.getWebhook, async ({ params }, tenant) => ({
  status: 200,
  body: await getWebhook(tenant, params.webhookId),
}));
