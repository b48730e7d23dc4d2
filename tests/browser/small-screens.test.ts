import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { readAgenda, replaceAgenda, type NewSlot } from '../../shared/src/model/agendaDoc.ts';
import { meetingWithMembers } from '../helpers/api.ts';
import { hasChromium, useBrowserAndServer } from '../helpers/browser.ts';
import { pageAs } from '../helpers/browserSession.ts';
import { connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import fs from 'node:fs';

const env = useBrowserAndServer();
afterEach(() => destroyAllClients());

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Six half-hour slots today (UTC) around the present minute, so one of them is running now. */
function slotsAroundNow(): { slots: NewSlot[]; currentIndex: number } {
  const now = new Date();
  const minute = now.getUTCHours() * 60 + now.getUTCMinutes();
  const base = Math.min(Math.max(minute - 100, 0), 24 * 60 - 181);
  const slots = Array.from({ length: 6 }, (_, i) => ({ day: 0, start: hhmm(base + i * 30), end: hhmm(base + i * 30 + 30), kind: 'session' as const, title: { en: `Session ${i + 1}`, 'zh-Hant': `第 ${i + 1} 場` }, speakers: [], scribes: [] }));
  return { slots, currentIndex: Math.floor((minute - base) / 30) };
}

/** Whether the element's box lies inside the viewport. */
async function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
  }, selector);
}

describe.skipIf(!hasChromium)('phones and tablets: the writing mode', () => {
  it('at 390x844 and 768x1024, in English and Chinese: a top bar that fits, the current slot with the save state in view, the panels behind one menu', async () => {
    const { members } = await meetingWithMembers(env.server.url, ['delegate']);
    const chairApi = members.chair!.api;
    const today = new Date().toISOString().slice(0, 10);
    const created = await chairApi.post('/api/meetings', { title: { en: 'Anti-Corruption and Transparency Working Group', 'zh-Hant': '反貪腐及透明化工作小組會議' }, timezone: 'UTC', date: today });
    const meeting = created.body as { id: string; docName: string };
    await chairApi.post(`/api/meetings/${meeting.id}/members`, { email: 'delegate@example.org', role: 'delegate' });
    const writer = connectClient(env.server.wsUrl, meeting.docName, { params: { token: members.chair!.token } });
    await waitSynced(writer);
    const { slots, currentIndex } = slotsAroundNow();
    replaceAgenda(writer.doc, slots);
    const current = readAgenda(writer.doc)[currentIndex]!.id;
    await eventually(async () => expect((await chairApi.get(`/api/meetings/${meeting.id}`)).body.agenda).toHaveLength(slots.length));

    fs.mkdirSync('test-results', { recursive: true });
    for (const viewport of [{ width: 390, height: 844 }, { width: 768, height: 1024 }]) {
      for (const locale of ['en-US', 'zh-TW']) {
        const { context, page } = await pageAs(env.browser, env.server.url, members.delegate!.api, { viewport, locale });
        await page.goto(`${env.server.url}/m/${meeting.id}`);
        const where = `${viewport.width}x${viewport.height} ${locale}`;

        // Opens on the slot running now, with the connection and save state on screen.
        await expect.poll(() => inViewport(page, `#slot-${current} h2`), { timeout: 10_000, message: where }).toBe(true).catch(async (e: unknown) => {
          await page.screenshot({ path: `test-results/small-failed.png` });
          throw e;
        });
        expect(await inViewport(page, '[data-testid="save-status"]'), where).toBe(true);
        await page.screenshot({ path: `test-results/small-${viewport.width}-${locale}.png` });
        // Nothing wider than the screen; the top bar's links on one line each, sign-out on screen.
        await page.evaluate(() => window.scrollTo(0, 0));
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), where).toBe(true);
        const archive = (await page.getByTestId('nav-archive').boundingBox())!;
        expect(archive.width, where).toBeGreaterThan(archive.height);
        expect(await inViewport(page, '.topbar-nav > button:last-child'), where).toBe(true);
        expect(await page.locator('.topbar-nav > button:last-child').innerText()).toMatch(/Sign out|登出/);
        await page.screenshot({ path: `test-results/small-${viewport.width}-${locale}-top.png` });
        // The panels wait behind one menu.
        expect(await page.getByTestId('versions-toggle').isVisible(), where).toBe(false);

        // Writing in the current slot keeps the state in view and saves.
        await page.locator(`#slot-${current} [data-testid="editor-en"] .tiptap`).click();
        await page.keyboard.type(`Typed on ${where}. `);
        await expect.poll(() => page.getByTestId('save-status').getAttribute('data-status'), { message: where }).toBe('saved');
        // One save indicator on a small screen: the pinned badge, not also the toolbar's.
        const toolbarIndicators = await page.locator('[data-testid="writer-status"]').evaluateAll((els) => els.map((el) => (el as HTMLElement).offsetParent !== null));
        expect(toolbarIndicators.length, where).toBeGreaterThan(0);
        expect(toolbarIndicators.filter(Boolean), where).toEqual([]);
        expect(await inViewport(page, '[data-testid="save-status"]'), where).toBe(true);

        await page.getByTestId('panels-menu').click();
        await expect.poll(() => page.getByTestId('versions-toggle').isVisible(), { message: where }).toBe(true);
        await page.screenshot({ path: `test-results/small-${viewport.width}-${locale}-menu.png` });
        await page.getByTestId('versions-toggle').click();
        await expect.poll(() => page.getByTestId('versions-panel').isVisible(), { message: where }).toBe(true);
        // The menu closes once a panel is chosen.
        expect(await page.getByTestId('versions-toggle').isVisible(), where).toBe(false);
        await context.close();
      }
    }
  });
});
