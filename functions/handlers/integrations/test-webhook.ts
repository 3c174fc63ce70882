// POST /api/organisations/{id}/webhooks/{webhookId}/test
import { httpHandler } from '#http/handler';
import * as routes from '#routes/integrations';
import { testWebhook } from '#use-cases/webhooks';

export const handler = httpHandler(routes.testWebhook, async ({ params }, tenant) => ({
  status: 202,
  body: await testWebhook(tenant, params.webhookId),
}));
