// The contract as the running local stack serves it: the OpenAPI document passes Redocly's recommended rules
// without an error or a warning, names this stack as its server and hosted login, and the docs page and its files
// are served with their content types, caching headers and a strict Content-Security-Policy.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { api, stack } from '#test/api';

const run = promisify(execFile);

/** The bytes as they travel (fetch would decode them). */
const rawGet = (url: string, headers: Record<string, string>) =>
  new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    }).on('error', reject);
  });

describe('GET /api/openapi.json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cabinet-openapi-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes `redocly lint` with the recommended rules: no error, no warning', async () => {
    const { status, text } = await api('GET', '/api/openapi.json');
    expect(status).toBe(200);
    const file = join(dir, 'openapi.json');
    writeFileSync(file, text);
    // No telemetry and no update check: the linter must not call home from a test.
    const { stdout } = await run('node_modules/.bin/redocly', ['lint', file, '--extends=recommended', '--format=json'], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`redocly lint failed:\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
    });
    const report = JSON.parse(stdout) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string }[] };
    expect(report.problems.map((problem) => `${problem.ruleId}: ${problem.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 60_000);

  it("names the origin it was requested from as its server, and this stack's hosted login and web client", async () => {
    const { body } = await api('GET', '/api/openapi.json');
    expect(body.servers).toEqual([{ url: stack().baseUrl, description: expect.any(String) }]);
    expect(body.components.securitySchemes.hostedLogin.flows.authorizationCode).toMatchObject({
      authorizationUrl: `${stack().cognitoEndpoint}/oauth2/authorize`,
      tokenUrl: `${stack().cognitoEndpoint}/oauth2/token`,
    });
    const page = await api('GET', '/api/docs');
    expect(page.text).toContain(`"clientId":"${stack().webClientId}"`);
  });
});

describe('GET /api/docs', () => {
  it('serves the page with nosniff, a strict CSP (frame-ancestors none) and no referrer', async () => {
    const { status, headers, text } = await api('GET', '/api/docs');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    const csp = headers.get('content-security-policy') ?? '';
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      `connect-src 'self' ${new URL(stack().cognitoEndpoint).origin}`,
      "frame-ancestors 'none'",
    ]) {
      expect(csp).toContain(directive);
    }
    // Only files of this origin: no CDN, no inline script.
    expect([...text.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1])).toEqual([
      'data:,',
      '/api/docs/swagger-ui.css',
      '/api/docs/swagger-ui-bundle.js',
      '/api/docs/docs.js',
    ]);
    expect(text).not.toMatch(/<script>/);
  });
});

describe('GET /api/docs/{file}', () => {
  it('serves Swagger UI with its content type, an ETag and an hour of caching, gzipped on request, and answers 304 to its ETag', async () => {
    const plain = await api('GET', '/api/docs/swagger-ui-bundle.js');
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(plain.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(plain.headers.get('x-content-type-options')).toBe('nosniff');
    expect(plain.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(plain.text.length).toBeGreaterThan(1_000_000);
    expect(plain.text).toContain('SwaggerUIBundle');

    const etag = plain.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[\w-]+"$/);
    const compressed = await rawGet(`${stack().baseUrl}/api/docs/swagger-ui-bundle.js`, { 'accept-encoding': 'gzip' });
    expect(compressed.headers['content-encoding']).toBe('gzip');
    expect(compressed.body.length).toBeLessThan(plain.text.length / 2);
    expect(gunzipSync(compressed.body).toString('utf8')).toBe(plain.text);

    const again = await api('GET', '/api/docs/swagger-ui-bundle.js', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
  });

  it('serves the stylesheet, the page script and the OAuth 2 redirect page (whose CSP allows its own script only)', async () => {
    expect((await api('GET', '/api/docs/swagger-ui.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    const script = await api('GET', '/api/docs/docs.js');
    expect(script.text).toContain('usePkceWithAuthorizationCodeGrant');
    const redirect = await api('GET', '/api/docs/oauth2-redirect.html');
    expect(redirect.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(redirect.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(redirect.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(redirect.text).toContain('<script src="oauth2-redirect.js"></script>');
    expect((await api('GET', '/api/docs/oauth2-redirect.js')).status).toBe(200);
  });

  it('answers 404 for a file it does not serve (nothing else of node_modules), and 400 for a name that is not a file name', async () => {
    for (const file of ['swagger-ui-bundle.js.map', 'package.json', 'index.html']) {
      const response = await api('GET', `/api/docs/${file}`);
      expect(response.status, file).toBe(404);
      expect(response.body.type).toBe('urn:cabinet:problem:file-not-found');
    }
    const invalid = await api('GET', '/api/docs/..%2Fpackage.json');
    expect(invalid.status).toBe(400);
    expect(invalid.body.type).toBe('urn:cabinet:problem:validation-error');
  });
});
