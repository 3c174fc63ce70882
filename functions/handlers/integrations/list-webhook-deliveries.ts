// GET /api/organisations/{id}/webhooks/{webhookId}/deliveries
import { httpHandler } from '#http/handler';
import * as routes from '#routes/integrations';
import { listWebhookDeliveries } from '#use-cases/webhooks';

export const handler = httpHandler(routes.listWebhookDeliveries, async ({ params, query }, tenant) => ({
  status: 200,
  body: await listWebhookDeliveries(tenant, params.webhookId, query),
}));
