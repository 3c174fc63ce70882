// GET /api/docs: Swagger UI, served from this API's own files (GET /api/docs/{file}); no CDN, no third party.
// Authorize offers the bearer token and the hosted login (authorization code + PKCE with the `web` app client).
import { docsConfig } from '#core/docs-config';
import type { Reply } from '#http/pipeline';

/** Where sign-in happens: the page may send the token request there (Swagger UI exchanges the code itself). */
const hostedLoginOrigin = new URL(docsConfig.HOSTED_LOGIN_URL).origin;

export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  // Swagger UI's stylesheet draws its icons as data: SVG images (and the page's empty icon is one).
  "img-src 'self' data:",
  `connect-src 'self' ${hostedLoginOrigin}`,
  "form-action 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** What docs.js needs, as JSON in a non-executable script element (the CSP allows no inline script). */
const settingsOf = (openApiUrl: string) =>
  JSON.stringify({
    openApiUrl,
    oauth2RedirectPath: '/api/docs/oauth2-redirect.html',
    clientId: docsConfig.WEB_CLIENT_ID,
  }).replaceAll('<', '\\u003c');

const escapeHtml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** The page rendering one OpenAPI document: Cabinet's, or a dialect's (docs/dialects.md), from the same files. */
const pageOf = (openApiUrl: string, title: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script id="docs-settings" type="application/json">${settingsOf(openApiUrl)}</script>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/docs.js"></script>
</body>
</html>
`;

const PAGE = pageOf('/api/openapi.json', 'Cabinet API');

const pageReply = (body: string): Reply => ({
  status: 200,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-cache',
    'content-security-policy': DOCS_CSP,
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  },
  raw: { body },
});

export async function serveDocsPage(): Promise<Reply> {
  return pageReply(PAGE);
}

/** A dialect's docs page: its own document, under its own base. */
export const dialectDocsPage = (openApiUrl: string, title: string): (() => Promise<Reply>) => {
  const page = pageOf(openApiUrl, title);
  return async () => pageReply(page);
};
