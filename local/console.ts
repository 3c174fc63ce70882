// The web console under /console/ on the local gateway's origin, as CloudFront serves it deployed (lib/console.ts):
// the built files of console/dist/, index.html for every page path, /console/config.json from the stack's settings,
// the same Content-Security-Policy. The links Cabinet e-mails open <APP_URL>/<action>; locally APP_URL is this
// origin, so those paths redirect to the console's page of the same name.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { CONSOLE_DIST } from '../console/build.ts';
import { type ConsoleConfig, consoleCsp } from '../console/csp.ts';
import { LINK_ACTIONS } from '../functions/mail/templates.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};
const LINK_PATHS = new Set(Object.values(LINK_ACTIONS).map((action) => `/${action}`));

/** Answers the request when it is the console's (true), else leaves it to the API (false). */
export async function serveConsole(request: IncomingMessage, url: URL, response: ServerResponse): Promise<boolean> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (LINK_PATHS.has(url.pathname)) {
    response.writeHead(302, { location: `/console${url.pathname}${url.search}` }).end();
    return true;
  }
  if (url.pathname === '/console') {
    response.writeHead(301, { location: '/console/' }).end();
    return true;
  }
  if (!url.pathname.startsWith('/console/')) return false;
  const hostedLoginUrl = process.env.HOSTED_LOGIN_URL ?? '';
  const headers = {
    'content-security-policy': consoleCsp({ apiOrigin: 'self', hostedLoginOrigin: new URL(hostedLoginUrl).origin }),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  };
  const file = url.pathname.slice('/console/'.length);
  if (file === 'config.json') {
    const config: ConsoleConfig = { apiUrl: '', hostedLoginUrl, clientId: process.env.WEB_CLIENT_ID ?? '' };
    response.writeHead(200, { ...headers, 'content-type': TYPES['.json'] }).end(JSON.stringify(config));
    return true;
  }
  // A page path (no extension) is the application's; a file is one of the three the build writes, nothing else.
  const name = extname(file) === '' ? 'index.html' : file;
  if (!['index.html', 'console.js', 'console.css'].includes(name)) {
    response.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('Not found');
    return true;
  }
  const body = await readFile(join(CONSOLE_DIST, name));
  response.writeHead(200, { ...headers, 'content-type': TYPES[extname(name)] ?? 'application/octet-stream' }).end(body);
  return true;
}
