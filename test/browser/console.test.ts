// The web console (/console/) in headless Chromium against the local stack: sign in through the hosted login
// (code + PKCE against cognito-local), invite, approve a join request another person sends over the API while the
// page is open (it appears without a reload), change a role, create a patient, enrol MFA, sign out; a VIEWER is not
// offered what its role cannot do. axe-core runs on every page; no CSP violation, no request to a third origin.
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, PASSWORD, registerCabinet, stack } from '#test/api';
import { addNewMember } from '#test/organisations';
import { joinWithCode } from '#test/registration';
import { totp } from '#test/totp';
import { launchChromium } from './chromium.ts';

let browser: Browser;
const contexts: BrowserContext[] = [];
const requests: URL[] = [];
const pageErrors: string[] = [];
let admin: Awaited<ReturnType<typeof registerCabinet>>;

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB' });
  contexts.push(context);
  context.on('request', (request) => requests.push(new URL(request.url())));
  await context.addInitScript(() => {
    const violations: string[] = [];
    Object.assign(window, { cspViolations: violations });
    document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return page;
}

async function signIn(page: Page, username: string) {
  await page.goto(`${stack().baseUrl}/console/`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.origin === new URL(stack().cognitoEndpoint).origin);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button[type=submit]');
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** No serious or critical axe-core violation on the page as it stands. */
async function expectAccessible(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(bad.map((v) => `${name}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });

beforeAll(async () => {
  browser = await launchChromium();
  admin = await registerCabinet();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
});

describe('the web console in headless Chromium', () => {
  let page: Page;

  it('signs in through the hosted login and shows the pages the role allows', async () => {
    page = await newPage();
    await page.goto(`${stack().baseUrl}/console/`);
    await expectAccessible(page, 'sign-in');
    await signIn(page, admin.input.username);
    for (const name of ['Members', 'Invitations', 'Join requests', 'Join code', 'Roles', 'Audit', 'Patients', 'Profile']) {
      await expect.poll(() => nav(page, name).count(), { message: name }).toBe(1);
    }
    expect(await nav(page, 'Organisations').count()).toBe(0);
    await expect.poll(() => page.getByRole('cell', { name: admin.input.username, exact: true }).count()).toBe(1);
    await expectAccessible(page, 'members');
  });

  it('invites by e-mail with a role', async () => {
    await nav(page, 'Invitations').click();
    const email = `invited.${Date.now()}@example.org`;
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Role').selectOption('MEMBER');
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    await expect.poll(() => page.getByRole('cell', { name: email, exact: true }).count()).toBe(1);
    await expectAccessible(page, 'invitations');
  });

  it('shows a join request sent while the page is open within 5 s, without reload, and approves it', async () => {
    const policy = await api('PATCH', `/api/organisations/${admin.organisation.id}/join-code`, {
      token: admin.token,
      body: { requiresApproval: true },
    });
    expect(policy.status).toBe(200);
    await nav(page, 'Join requests').click();
    await page.getByRole('heading', { name: 'Join requests' }).waitFor();
    const { input, response } = await joinWithCode(admin.organisation.code);
    expect(response.status).toBe(202);
    const row = page.locator('tr', { hasText: input.email });
    await expect.poll(() => row.count(), { timeout: 5000, interval: 200 }).toBe(1);
    await expectAccessible(page, 'join requests');
    await row.getByRole('combobox', { name: 'Role' }).selectOption('MEMBER');
    await row.getByRole('button', { name: 'Approve' }).click();
    // Answered requests leave the pending list; the person is a member now.
    await expect.poll(() => row.count()).toBe(0);
    const members = await api('GET', `/api/organisations/${admin.organisation.id}/members`, { token: admin.token });
    expect(members.body.items.find((m: { username: string }) => m.username === input.email.toLowerCase())).toMatchObject({
      role: 'MEMBER',
      status: 'ACTIVE',
    });
  });

  it('changes a member’s role', async () => {
    const joined = await api('GET', `/api/organisations/${admin.organisation.id}/members`, { token: admin.token });
    const member = joined.body.items.find((m: { role: string }) => m.role === 'MEMBER');
    expect(member).toBeDefined();
    await nav(page, 'Members').click();
    const row = page.locator(`tr[data-username="${member.username}"]`);
    await row.getByRole('combobox', { name: 'Role' }).selectOption('VIEWER');
    await row.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(async () => {
        const after = await api('GET', `/api/organisations/${admin.organisation.id}/members`, { token: admin.token });
        return after.body.items.find((m: { userId: string }) => m.userId === member.userId)?.role;
      })
      .toBe('VIEWER');
  });

  it('creates a patient, and the search filters the loaded page as one types', async () => {
    await nav(page, 'Patients').click();
    const form = page.getByRole('form', { name: 'New patient' });
    await form.getByLabel('Last name').fill('Durand');
    await form.getByLabel('First name').fill('Claire');
    await form.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => page.getByRole('cell', { name: 'Claire', exact: true }).count()).toBe(1);
    await page.getByLabel('Search').fill('zzz');
    await expect.poll(() => page.getByRole('cell', { name: 'Claire', exact: true }).count()).toBe(0);
    await page.getByLabel('Search').fill('dur');
    await expect.poll(() => page.getByRole('cell', { name: 'Claire', exact: true }).count()).toBe(1);
    await expectAccessible(page, 'patients');
    const patients = await api('GET', '/api/patients', { token: admin.token });
    expect(patients.body.items.map((p: { nom: string }) => p.nom)).toContain('Durand');
  });

  it('visits the join code, roles and audit pages without an accessibility violation', async () => {
    for (const name of ['Join code', 'Roles', 'Audit']) {
      await nav(page, name).click();
      await page.getByRole('heading', { name, level: 2 }).waitFor();
      await expectAccessible(page, name);
    }
    await nav(page, 'Join code').click();
    await expect.poll(() => page.getByText(admin.organisation.code).count()).toBe(1);
    await page.getByRole('button', { name: 'Rotate' }).click();
    await expect.poll(() => page.getByText(admin.organisation.code).count()).toBe(0);
  });

  it("lists the account's sessions in Profile and ends another device's", async () => {
    const phone = await api('POST', '/api/auth/login', {
      body: { username: admin.input.username, password: PASSWORD },
      headers: { 'user-agent': 'Cabinet test phone' },
    });
    await nav(page, 'Profile').click();
    const row = page.getByRole('row').filter({ hasText: 'Cabinet test phone' });
    await row.waitFor();
    await expectAccessible(page, 'profile (sessions)');
    await row.getByRole('button', { name: 'End' }).click();
    await expect.poll(() => row.count()).toBe(0);
    const refused = await api('POST', '/api/auth/refresh', { body: { refreshToken: phone.body.refreshToken } });
    expect(refused.status).toBe(401);
  });

  it('enrols MFA with the QR code drawn locally', async () => {
    await nav(page, 'Profile').click();
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Set up authenticator' }).click();
    await page.getByRole('img', { name: 'QR code' }).waitFor();
    await expectAccessible(page, 'profile (MFA enrolment)');
    const secret = (await page.getByTestId('totp-secret').textContent()) ?? '';
    await page.getByLabel('Authenticator code').fill(totp(secret));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText('Two-step sign-in is on.').waitFor();
    // The console's session goes on; the registration's, another session of the account, ends (issue 15).
    await nav(page, 'Members').click();
    await page.getByRole('cell', { name: admin.input.username, exact: true }).waitFor();
    await expect
      .poll(async () => (await api('GET', '/api/auth/me', { token: admin.token })).status, { timeout: 8000, interval: 250 })
      .toBe(401);
  });

  it('signs out: the session ends', async () => {
    await nav(page, 'Members').click();
    mkdirSync('docs/images', { recursive: true });
    await page.getByRole('cell', { name: admin.input.username, exact: true }).waitFor();
    await page.screenshot({ path: 'docs/images/console.png' });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('navigation').count()).toBe(0);
  });

  it('does not offer a VIEWER what the role cannot do', async () => {
    const cabinet = await registerCabinet();
    const viewer = await addNewMember(cabinet, 'VIEWER');
    const viewerPage = await newPage();
    await signIn(viewerPage, viewer.user.username);
    await expect.poll(() => nav(viewerPage, 'Members').count()).toBe(1);
    for (const name of ['Invitations', 'Join requests', 'Join code', 'Audit']) expect(await nav(viewerPage, name).count(), name).toBe(0);
    await expect.poll(() => viewerPage.getByRole('cell', { name: cabinet.input.username, exact: true }).count()).toBe(1);
    expect(await viewerPage.getByRole('button', { name: 'Save' }).count()).toBe(0);
    await nav(viewerPage, 'Patients').click();
    await viewerPage.getByRole('heading', { name: 'Patients' }).waitFor();
    expect(await viewerPage.getByRole('button', { name: 'Create' }).count()).toBe(0);
    await expectAccessible(viewerPage, 'viewer patients');
  });

  it('had no CSP violation or script error, and sent nothing outside the API and the hosted login', async () => {
    expect(pageErrors).toEqual([]);
    const api = new URL(stack().baseUrl).origin;
    const login = new URL(stack().cognitoEndpoint).origin;
    expect(requests.filter((url) => url.origin !== api && url.origin !== login).map(String)).toEqual([]);
  });
});
