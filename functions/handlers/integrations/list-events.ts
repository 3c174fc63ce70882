// GET /api/organisations/{id}/events?limit=&cursor=&after=&types=
import { httpHandler } from '#http/handler';
import * as routes from '#routes/integrations';
import { listOrganisationEvents } from '#use-cases/events';

export const handler = httpHandler(routes.listEvents, async ({ query }, tenant) => ({
  status: 200,
  body: await listOrganisationEvents(tenant, query),
}));
