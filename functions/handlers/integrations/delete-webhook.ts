// DELETE /api/organisations/{id}/webhooks/{webhookId}
import { httpHandler } from '#http/handler';
import * as routes from '#routes/integrations';
import { deleteWebhook } from '#use-cases/webhooks';

export const handler = httpHandler(routes.deleteWebhook, async ({ params }, tenant) => {
  await deleteWebhook(tenant, params.webhookId);
  return { status: 204 };
});
