// POST /api/organisations/{id}/webhooks/{webhookId}/rotate-secret
import { httpHandler } from '#http/handler';
import * as routes from '#routes/integrations';
import { rotateWebhookSecret } from '#use-cases/webhooks';

export const handler = httpHandler(routes.rotateWebhookSecret, async ({ params }, tenant) => ({
  status: 200,
  body: await rotateWebhookSecret(tenant, params.webhookId),
}));
