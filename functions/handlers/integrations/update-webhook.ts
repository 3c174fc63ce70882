// PATCH /api/organisations/{id}/webhooks/{webhookId}
import { httpHandler } from '#http/handler';
import * as routes from '#routes/integrations';
import { updateWebhook } from '#use-cases/webhooks';

export const handler = httpHandler(routes.updateWebhook, async ({ params, body }, tenant) => ({
  status: 200,
  body: await updateWebhook(tenant, params.webhookId, body),
}));
