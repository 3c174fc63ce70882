// GET /api/platform/metrics
import { httpHandler } from '#http/handler';
import * as routes from '#routes/platform';
import { metrics } from '#use-cases/platform';

export const handler = httpHandler(routes.platformMetrics, async ({ query }) => ({
  status: 200,
  body: await metrics(query),
}));
