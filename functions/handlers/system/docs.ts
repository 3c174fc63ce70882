// GET /api/docs: the interactive documentation page (functions/docs/page.ts).
import { serveDocsPage } from '#docs/page';
import { publicHandler } from '#http/public-handler';
import * as routes from '#routes/system';

export const handler = publicHandler(routes.docs, serveDocsPage);
