// GET /compat/org-code/docs: the docs page of seed 001's dialect document.
import { orgCodeDialect, orgCodeOpenapi, orgCodeDocs as route } from '#dialects/org-code/routes';
import { orgCodeSeedError } from '#dialects/org-code/seed-error';
import { dialectDocsPage } from '#docs/page';
import { publicHandler } from '#http/public-handler';

export const handler = publicHandler(route, dialectDocsPage(orgCodeOpenapi.path, orgCodeDialect.title), { seedError: orgCodeSeedError });
