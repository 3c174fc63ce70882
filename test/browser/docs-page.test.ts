// GET /api/docs in a real headless Chromium: Swagger UI renders every operation of the route table from this
// origin's own files, without a Content-Security-Policy violation; try-it-out sends requests (GET /api/health, and
// GET /api/auth/me with a bearer token, then with the hosted login's id_token: code + PKCE against cognito-local
// in a popup); and no request leaves the origin except the sign-in itself, to the hosted login.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '#domain/events';
import { routeList } from '#routes';
import { PASSWORD, registerCabinet, stack } from '#test/api';
import { launchChromium } from './chromium.ts';

let browser: Browser;
let context: BrowserContext;
let page: Page;
const requests: URL[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext();
  // Every request of every page of the context, the sign-in popup included.
  context.on('request', (request) => requests.push(new URL(request.url())));
  // Collected by the page itself: a violation is reported as an event, not always as a console message.
  await context.addInitScript(() => {
    const violations: string[] = [];
    Object.assign(window, { cspViolations: violations });
    document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${stack().baseUrl}/api/docs`);
  await page.waitForSelector('.opblock');
});

afterAll(async () => {
  await browser?.close();
});

const operation = (tag: string, operationId: string) => page.locator(`#operations-${tag.replaceAll(' ', '_')}-${operationId}`);

/** Opens an operation, presses Try it out then Execute, and returns the live response's status and body text. */
async function tryItOut(tag: string, operationId: string): Promise<{ status: string; body: string }> {
  const block = operation(tag, operationId);
  if (!(await block.locator('.opblock-body').isVisible())) await block.locator('.opblock-summary').first().click();
  const tryOut = block.locator('button.try-out__btn');
  if ((await tryOut.textContent())?.trim() === 'Try it out') await tryOut.click();
  await block.locator('button.execute').click();
  const row = block.locator('.live-responses-table .response').first();
  await row.waitFor();
  const status = (await row.locator('.response-col_status').textContent())?.trim() ?? '';
  const body = (await row.locator('.response-col_description').textContent()) ?? '';
  await block.locator('button.btn-clear').click();
  return { status, body };
}

async function openAuthorize() {
  await page.locator('.auth-wrapper > button.authorize').click();
  await page.locator('.modal-ux').waitFor();
}
const closeAuthorize = () => page.locator('.modal-ux button.btn-done').first().click();
// The route table's operations; the webhooks the API sends (OpenAPI 3.1 `webhooks`) have a section of their own.
const routeOperations = () => page.locator('.opblock:not(.webhooks .opblock)');

const section = (name: string) => page.locator('.modal-ux .auth-container').filter({ has: page.locator('h4', { hasText: name }) });

describe('GET /api/docs in headless Chromium', () => {
  it('renders every operation of the route table, from files of this origin, with no CSP violation or script error', async () => {
    expect(await routeOperations().count()).toBe(routeList.length);
    expect(await page.locator('.webhooks .opblock').count()).toBe(EVENT_TYPES.length);
    for (const route of routeList) expect(await operation(route.tag, route.name).count(), route.name).toBe(1);
    expect(await page.locator('.auth-wrapper > button.authorize').isVisible()).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('filters operations by tag or path', async () => {
    const filter = page.locator('.operation-filter-input');
    await filter.fill('Invitations');
    try {
      const matching = routeList.filter((route) => route.tag === 'Invitations' || route.path.toLowerCase().includes('invitations'));
      await expect.poll(() => routeOperations().count()).toBe(matching.length);
      expect(matching.length).toBeLessThan(routeList.length);
    } finally {
      await filter.fill('');
    }
    await expect.poll(() => routeOperations().count()).toBe(routeList.length);
  });

  it('sends GET /api/health with try-it-out', async () => {
    const { status, body } = await tryItOut('System', 'health');
    expect(status).toBe('200');
    expect(body).toContain('"status": "ok"');
  });

  it('sends an authorised request with a bearer token (Authorize → bearer)', async () => {
    const cabinet = await registerCabinet();
    expect((await tryItOut('Auth', 'me')).status).toBe('401');

    await openAuthorize();
    await section('bearer').locator('input').fill(cabinet.token);
    await section('bearer').locator('button.authorize').click();
    await closeAuthorize();
    const { status, body } = await tryItOut('Auth', 'me');
    expect(status).toBe('200');
    expect(body).toContain(cabinet.organisation.id);

    await openAuthorize();
    await section('bearer').getByRole('button', { name: 'Remove authorization' }).click();
    await closeAuthorize();
  });

  it('signs in with the hosted login (code + PKCE in a popup, against cognito-local) and sends the id_token', async () => {
    const cabinet = await registerCabinet();
    await openAuthorize();
    const login = section('hostedLogin');
    expect(await login.locator('input#client_id, input[id*=client_id]').first().inputValue()).toBe(stack().webClientId);
    const popupOpened = page.waitForEvent('popup');
    await login.locator('button.authorize').click();
    const popup = await popupOpened;
    await popup.waitForLoadState();
    const authorizeUrl = new URL(popup.url());
    expect(authorizeUrl.origin).toBe(new URL(stack().cognitoEndpoint).origin);
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizeUrl.searchParams.get('redirect_uri')).toBe(`${stack().baseUrl}/api/docs/oauth2-redirect.html`);
    await popup.fill('input[name=username]', cabinet.input.username);
    await popup.fill('input[name=password]', PASSWORD);
    await Promise.all([popup.waitForEvent('close'), popup.click('button[type=submit]')]);
    await expect.poll(() => login.textContent()).toContain('Authorized');
    await closeAuthorize();

    const { status, body } = await tryItOut('Auth', 'me');
    expect(status).toBe('200');
    expect(body).toContain(cabinet.organisation.id);
  });

  it('sent no request outside this origin, except the sign-in to the hosted login', () => {
    const api = new URL(stack().baseUrl).origin;
    const login = new URL(stack().cognitoEndpoint).origin;
    const elsewhere = requests.filter((url) => url.origin !== api && !(url.origin === login && url.pathname.startsWith('/oauth2/')));
    expect(elsewhere.map(String)).toEqual([]);
    expect(requests.filter((url) => url.origin === login).map((url) => url.pathname)).toEqual([
      '/oauth2/authorize',
      '/oauth2/authorize',
      '/oauth2/token',
    ]);
    expect(requests.filter((url) => url.origin === api).length).toBeGreaterThan(5);
  });
});
