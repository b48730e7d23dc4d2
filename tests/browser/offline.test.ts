import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { API_CACHE, API_CACHE_OWNER_KEY, ASSET_CACHE, OFFLINE_COPY_HEADER } from '../../client/src/offline/offlineRoutes.ts';
import { enOffline, zhHantOffline } from '../../client/src/i18n/offlineMessages.ts';
import { ApiClient, meetingWithMembers, PASSWORD, signup } from '../helpers/api.ts';
import { hasChromium, screenshot, useBrowserAndServer } from '../helpers/browser.ts';
import { editorText, pageAs, slotEditor } from '../helpers/browserSession.ts';

const env = useBrowserAndServer();

const ONLINE_TEXT = 'Written while connected.';
const OFFLINE_TEXT = ' Written offline.';

const status = (page: Page, id: 'connection-status' | 'save-status') => page.getByTestId(id).getAttribute('data-status');

/** Whether the service worker kept answers for these API paths (what an offline visit will read). */
function keptAnswers(page: Page, paths: string[]): Promise<boolean> {
  return page.evaluate(
    async ({ cacheName, paths }) => {
      if (!(await caches.has(cacheName))) return false;
      const cache = await caches.open(cacheName);
      const found = await Promise.all(paths.map((p) => cache.match(p)));
      return found.every(Boolean);
    },
    { cacheName: API_CACHE, paths },
  );
}

describe.skipIf(!hasChromium)('offline', () => {
  it('opens a meeting offline after one online visit, from this device, explains it in both languages, and syncs when back online', async () => {
    const { meeting, members } = await meetingWithMembers(env.server.url, []);
    const chair = members.chair!.api;
    const neverOpened = (await chair.post('/api/meetings', { title: { en: 'Never opened here', 'zh-Hant': '未曾在此開啟' } })).body as { id: string };
    const { context, page } = await pageAs(env.browser, env.server.url, chair);
    const meetingUrl = `${env.server.url}/m/${meeting.id}`;

    // One online visit: write something and wait until the server stored it.
    await page.goto(meetingUrl);
    await slotEditor(page, 0, 'en').click();
    await page.keyboard.type(ONLINE_TEXT);
    await expect.poll(() => status(page, 'save-status'), { timeout: 20_000 }).toBe('saved');
    // Barrier: the worker controls the page and has kept what the meeting page reads to open.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
    await expect.poll(() => keptAnswers(page, ['/api/me', '/api/meetings', `/api/meetings/${meeting.id}`]), { timeout: 20_000 }).toBe(true);
    // The Chinese fonts were kept at install although this English visit showed no Chinese text.
    const fontsKept = await page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname), ASSET_CACHE);
    expect(fontsKept.filter((p) => /NotoSansTC_(400Regular|700Bold)-.*\.ttf$/.test(p))).toHaveLength(2);

    // Offline: the page itself opens (no browser error page), with the minutes from IndexedDB.
    await context.setOffline(true);
    await page.goto(meetingUrl);
    await slotEditor(page, 0, 'en').waitFor({ timeout: 20_000 });
    expect(await editorText(page, 0, 'en')).toBe(ONLINE_TEXT);
    // The meeting's data came from this device's copy, not from the server.
    const copied = await page.evaluate(async ({ id, header }) => (await fetch(`/api/meetings/${id}`)).headers.get(header), { id: meeting.id, header: OFFLINE_COPY_HEADER });
    expect(copied).toBe('1');
    // The offline state is explained: banner, note on the meeting, indicators.
    const banner = page.getByTestId('offline-banner');
    expect(await banner.getAttribute('role')).toBe('status');
    expect(await banner.innerText()).toBe(`${enOffline['offline.title']} ${enOffline['offline.explain']}`);
    expect(await page.getByTestId('offline-meeting-note').innerText()).toBe(enOffline['offline.meeting']);
    expect(await status(page, 'connection-status')).toBe('offline');

    // Writing offline keeps the edit on this device.
    await slotEditor(page, 0, 'en').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(OFFLINE_TEXT);
    await expect.poll(() => status(page, 'save-status')).toBe('offline');
    await screenshot(page, 'offline-meeting-en');

    // The same explanation in Chinese.
    await page.getByTestId('ui-language').selectOption('zh-Hant');
    await expect.poll(() => banner.innerText()).toBe(`${zhHantOffline['offline.title']} ${zhHantOffline['offline.explain']}`);
    expect(await page.getByTestId('offline-meeting-note').innerText()).toBe(zhHantOffline['offline.meeting']);
    await screenshot(page, 'offline-meeting-zh');

    // A meeting never opened on this device says why it cannot open, instead of loading forever.
    await page.goto(`${env.server.url}/m/${neverOpened.id}`);
    await expect.poll(() => page.locator('#content').innerText(), { timeout: 20_000 }).toContain(zhHantOffline['error.offline']);
    await page.getByTestId('ui-language').selectOption('en');
    await expect.poll(() => page.locator('#content').innerText()).toContain(enOffline['error.offline']);
    // The meeting list (from the kept copy) says which meetings open offline.
    await page.goto(env.server.url);
    await expect.poll(() => page.getByTestId(`offline-${meeting.id}`).innerText(), { timeout: 20_000 }).toBe(enOffline['offline.kept']);
    expect(await page.getByTestId(`offline-${neverOpened.id}`).innerText()).toBe(enOffline['offline.notKept']);

    // Back to the meeting, then back online: the offline edit reaches the server.
    await page.goto(meetingUrl);
    await slotEditor(page, 0, 'en').waitFor({ timeout: 20_000 });
    expect(await editorText(page, 0, 'en')).toBe(ONLINE_TEXT + OFFLINE_TEXT);
    await context.setOffline(false);
    await expect.poll(() => status(page, 'connection-status'), { timeout: 20_000 }).toBe('connected');
    await expect.poll(() => status(page, 'save-status'), { timeout: 20_000 }).toBe('saved');
    expect(await banner.count()).toBe(0);

    // Another device, with no copy of its own, gets the offline edit from the server.
    const other = await pageAs(env.browser, env.server.url, chair);
    await other.page.goto(meetingUrl);
    await slotEditor(other.page, 0, 'en').waitFor();
    await expect.poll(() => editorText(other.page, 0, 'en'), { timeout: 20_000 }).toBe(ONLINE_TEXT + OFFLINE_TEXT);
    await other.context.close();

    // Signing out forgets this device's copies of the account's API answers.
    expect(await keptAnswers(page, ['/api/me'])).toBe(true);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.evaluate((name) => caches.has(name), API_CACHE)).toBe(false);
    await context.close();
  });

  it('never shows one account’s copies to another account on the same browser, and is installable', async () => {
    // The chair (first account, from the test above) and a delegate of another meeting only.
    const chair = new ApiClient(env.server.url);
    await chair.post('/api/auth/login', { email: 'chair@example.org', password: PASSWORD });
    const chairsMeeting = (await chair.post('/api/meetings', { title: { en: 'Chair only meeting', 'zh-Hant': '僅主席會議' } })).body as { id: string };
    const othersMeeting = (await chair.post('/api/meetings', { title: { en: 'Another meeting' } })).body as { id: string };
    await chair.post(`/api/meetings/${othersMeeting.id}/members`, { email: 'second@example.org', role: 'delegate' });
    const second = await signup(env.server.url, 'second@example.org', 'Second');
    const secondId = (await second.get('/api/me')).body.user.id as string;

    const { context, page } = await pageAs(env.browser, env.server.url, chair);
    await page.goto(`${env.server.url}/m/${chairsMeeting.id}`);
    await page.getByTestId('meeting-title').waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
    await expect.poll(() => keptAnswers(page, ['/api/me', `/api/meetings/${chairsMeeting.id}`]), { timeout: 20_000 }).toBe(true);

    // Another account's session on the same browser, without the chair signing out (an expired
    // session, a shared computer): its first /api/me empties the copies before any of its own go in.
    await context.clearCookies();
    const [name, value] = second.cookie!.split('=') as [string, string];
    await context.addCookies([{ name, value, url: env.server.url }]);
    await page.goto(env.server.url);
    await expect.poll(() => page.getByTestId('nav-account').innerText(), { timeout: 20_000 }).toBe('Second');
    const owner = () =>
      page.evaluate(
        async ({ cacheName, key }) => {
          const cache = await caches.open(cacheName);
          return (await (await cache.match(key))?.text()) ?? null;
        },
        { cacheName: API_CACHE, key: API_CACHE_OWNER_KEY },
      );
    await expect.poll(owner, { timeout: 20_000 }).toBe(secondId);
    expect(await keptAnswers(page, [`/api/meetings/${chairsMeeting.id}`])).toBe(false);

    // Offline, the chair's meeting is not shown to this account from the copies.
    await context.setOffline(true);
    await page.goto(`${env.server.url}/m/${chairsMeeting.id}`);
    await expect.poll(() => page.locator('#content').innerText(), { timeout: 20_000 }).toContain(enOffline['error.offline']);
    expect(await page.locator('body').innerText()).not.toContain('Chair only meeting');
    await context.setOffline(false);

    // Installable: the page links a manifest whose icons are served as PNG and SVG.
    expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest.webmanifest');
    const icons = await page.evaluate(async () => {
      const manifest = (await (await fetch('/manifest.webmanifest')).json()) as { display: string; start_url: string; icons: Array<{ src: string; sizes: string }> };
      const served = await Promise.all(manifest.icons.map(async (icon) => {
        const response = await fetch(icon.src);
        return `${icon.sizes} ${response.status} ${response.headers.get('content-type')}`;
      }));
      return { display: manifest.display, start: manifest.start_url, served };
    });
    expect(icons.display).toBe('standalone');
    expect(icons.start).toBe('/');
    expect(icons.served).toEqual(['192x192 200 image/png', '512x512 200 image/png', '512x512 200 image/png', 'any 200 image/svg+xml']);
    await context.close();
  });
});
