// GET /api/docs/{file}: a file of the docs page (functions/docs/files.ts).
import { serveDocsFile } from '#docs/files';
import { publicHandler } from '#http/public-handler';
import * as routes from '#routes/system';

export const handler = publicHandler(routes.docsFile, serveDocsFile);
