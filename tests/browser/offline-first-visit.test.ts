import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { API_CACHE } from '../../client/src/offline/offlineRoutes.ts';
import { meetingWithMembers } from '../helpers/api.ts';
import { hasChromium, useBrowserAndServer } from '../helpers/browser.ts';
import { editorText, pageAs, slotEditor } from '../helpers/browserSession.ts';

const env = useBrowserAndServer();

const ONLINE_TEXT = '連線時的文字。';
const OFFLINE_TEXT = '離線時的文字。';

const saveStatus = (page: Page) => page.getByTestId('save-status').getAttribute('data-status');

/** Whether the service worker kept answers for these API paths (what an offline visit will read). */
function keptAnswers(page: Page, paths: string[]): Promise<boolean> {
  return page.evaluate(
    async ({ cacheName, paths }) => {
      if (!(await caches.has(cacheName))) return false;
      const cache = await caches.open(cacheName);
      return (await Promise.all(paths.map((p) => cache.match(p)))).every(Boolean);
    },
    { cacheName: API_CACHE, paths },
  );
}

describe.skipIf(!hasChromium)('first visit, and the network goes before the service worker takes over', () => {
  // CI under load: the worker of a first visit finished installing (7 MB fonts) after the test
  // went offline; the page then asked for its session and meeting again, got the worker's
  // "offline, no copy" answers, swapped to an error page and closed the minutes being typed in.
  it('keeps the meeting open and what is typed offline, syncs it once online, and keeps the answers for the next offline visit', async () => {
    const { meeting, members } = await meetingWithMembers(env.server.url, []);
    const { context, page } = await pageAs(env.browser, env.server.url, members.chair!.api);
    // The worker's install ends by keeping the fonts: hold it there until the network is gone.
    let installing!: () => void;
    const fontAsked = new Promise<void>((resolve) => (installing = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await context.route(/\.ttf$/, async (route) => {
      if (route.request().serviceWorker()) {
        installing();
        await released;
      }
      await route.fallback();
    });
    await page.goto(`${env.server.url}/m/${meeting.id}`);
    await slotEditor(page, 0, 'zh-Hant').click();
    await page.keyboard.type(ONLINE_TEXT);
    await expect.poll(() => saveStatus(page), { timeout: 20_000 }).toBe('saved');
    await fontAsked;
    expect(await page.evaluate(() => navigator.serviceWorker.controller === null)).toBe(true);

    await context.setOffline(true);
    await expect.poll(() => saveStatus(page), { timeout: 20_000 }).toBe('offline');
    release();
    // The worker takes control of the page while it is offline (its font fetches fail; it goes on).
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
    await page.keyboard.type(OFFLINE_TEXT);
    await expect.poll(() => editorText(page, 0, 'zh-Hant')).toBe(ONLINE_TEXT + OFFLINE_TEXT);
    expect(await saveStatus(page)).toBe('offline');

    await context.setOffline(false);
    await expect.poll(() => saveStatus(page), { timeout: 20_000 }).toBe('saved');
    expect(await editorText(page, 0, 'zh-Hant')).toBe(ONLINE_TEXT + OFFLINE_TEXT);
    // Another device gets every character from the server.
    const other = await pageAs(env.browser, env.server.url, members.chair!.api);
    await other.page.goto(`${env.server.url}/m/${meeting.id}`);
    await expect.poll(() => editorText(other.page, 0, 'zh-Hant'), { timeout: 20_000 }).toBe(ONLINE_TEXT + OFFLINE_TEXT);
    // Online again, the page asked for what it shows through the worker, which kept all of it (its
    // owner check once deleted the meeting's answer when that was stored first).
    await expect.poll(() => keptAnswers(page, ['/api/me', `/api/meetings/${meeting.id}`, `/api/meetings/${meeting.id}/members`]), { timeout: 20_000 }).toBe(true);
    await other.context.close();
    await context.close();
  });
});
