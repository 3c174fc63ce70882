// POST /api/organisations/{id}/webhooks
import { httpHandler } from '#http/handler';
import * as routes from '#routes/integrations';
import { createWebhook } from '#use-cases/webhooks';

export const handler = httpHandler(routes.createWebhook, async ({ body }, tenant) => ({
  status: 201,
  body: await createWebhook(tenant, body),
}));
