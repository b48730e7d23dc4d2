import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ApiClient, PASSWORD } from '../helpers/api.ts';
import { hasChromium, launchChromium, screenshot } from '../helpers/browser.ts';
import { startTestServer, stopAllTestServers } from '../helpers/testServer.ts';

/** Issue 14: the first visit to a server without an administrator offers "Create the first account". */
const ADMIN = 'admin-token-for-tests-0123456789';
let browser: Browser;
beforeAll(async () => {
  if (hasChromium) browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stopAllTestServers();
});

const start = () => startTestServer({ access: 'enforced', env: { ADMIN_TOKEN: ADMIN, LOGIN_ATTEMPTS_PER_MINUTE: '1000' } });
const open = async (url: string, locale: string) => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 }, locale });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  await page.goto(url);
  return { context, page };
};

describe.skipIf(!hasChromium)('first visit to an empty server', () => {
  it('on a pristine local server: "Create the first account" without a token, and that account is the administrator', async () => {
    const server = await start();
    const { context, page } = await open(server.url, 'en-US');
    await expect.poll(() => page.locator('h1').innerText(), { timeout: 10_000 }).toBe('Create the first account');
    expect(await page.getByTestId('setup-token').count()).toBe(0);
    await screenshot(page, 'setup-page-en-local');
    await page.getByTestId('auth-email').fill('owner@example.org');
    await page.getByTestId('auth-name').fill('Owner Chen');
    await page.getByTestId('auth-password').fill(PASSWORD);
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('ui-language').waitFor();
    await expect.poll(() => page.locator('h1').innerText(), { timeout: 10_000 }).toBe('Meetings');
    const me = await context.request.get(`${server.url}/api/me`);
    expect((await me.json()).isAdmin ?? (await me.json()).user?.isAdmin).toBe(true);
    // Set-up is closed now: the next visitor is asked to sign in.
    const next = await open(server.url, 'en-US');
    await expect.poll(() => next.page.locator('h1').innerText(), { timeout: 10_000 }).toBe('Sign in');
    await Promise.all([context.close(), next.context.close()]);
  });

  it('when the server needs the setup token: asks for it in both languages, refuses a wrong one, takes it from the printed link', async () => {
    const server = await start();
    // Automation created a meeting: the server is no longer pristine, so the token is required.
    const automation = new ApiClient(server.url, ADMIN);
    expect((await automation.post('/api/meetings', { title: { en: 'Prepared by automation' } })).status).toBe(201);
    expect((await new ApiClient(server.url).get('/api/setup')).body).toEqual({ open: true, needsToken: true });

    const en = await open(server.url, 'en-US');
    await expect.poll(() => en.page.locator('h1').innerText(), { timeout: 10_000 }).toBe('Create the first account');
    await en.page.getByTestId('setup-token').fill('qsetup_wrong');
    await en.page.getByTestId('auth-email').fill('someone@example.org');
    await en.page.getByTestId('auth-name').fill('Someone');
    await en.page.getByTestId('auth-password').fill(PASSWORD);
    await en.page.getByTestId('setup-submit').click();
    await expect.poll(() => en.page.getByRole('alert').innerText(), { timeout: 10_000 }).toContain('This setup token is not valid');
    await screenshot(en.page, 'setup-page-en-wrong-token');
    expect((await new ApiClient(server.url).get('/api/setup')).body.open).toBe(true);
    // "An administrator already exists": the sign-in form is one click away.
    await en.page.getByTestId('setup-sign-in').click();
    await expect.poll(() => en.page.locator('h1').innerText(), { timeout: 10_000 }).toBe('Sign in');
    await en.context.close();

    const zh = await open(`${server.url}/setup?token=${server.server.setupToken}`, 'zh-TW');
    await expect.poll(() => zh.page.locator('h1').innerText(), { timeout: 10_000 }).toBe('建立第一個帳號');
    expect(await zh.page.getByTestId('setup-token').inputValue()).toBe(server.server.setupToken);
    await screenshot(zh.page, 'setup-page-zh-token');
    await zh.page.getByTestId('auth-email').fill('owner@example.org');
    await zh.page.getByTestId('auth-name').fill('陳主任');
    await zh.page.getByTestId('auth-password').fill(PASSWORD);
    await zh.page.getByTestId('setup-submit').click();
    await expect.poll(() => zh.page.locator('h1').innerText(), { timeout: 10_000 }).toBe('會議');
    // The token left the address bar with its use.
    expect(new URL(zh.page.url()).search).toBe('');
    const owner = await zh.context.request.get(`${server.url}/api/me`);
    const body = await owner.json();
    expect(body.isAdmin ?? body.user?.isAdmin).toBe(true);
    expect((await new ApiClient(server.url).get('/api/setup')).body).toEqual({ open: false, needsToken: false });
    await zh.context.close();
  });
});
