import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { colorDistance, contrastRatio } from '../../client/src/collab/colorPalette.ts';
import { signup, type ApiClient } from '../helpers/api.ts';
import { hasChromium, screenshot, useBrowserAndServer } from '../helpers/browser.ts';
import { pageAs, slotEditor } from '../helpers/browserSession.ts';

/** Issue 14: 8 people in a room get 8 colours far apart, with initials, labels that leave the line above readable. */
const env = useBrowserAndServer();
const NAMES = ['Chair Lin', 'Anna Berg', 'Chen Wei', 'Diego Ruiz', 'Emma Stone', 'Farid Khan', 'Grace Ho', 'Hiro Sato'];
const toHex = (rgb: string) => `#${(rgb.match(/\d+/g) ?? []).slice(0, 3).map((n) => Number(n).toString(16).padStart(2, '0')).join('')}`;

describe.skipIf(!hasChromium)('caret and presence colours', () => {
  it('8 people in a room get distinct colours, far apart, each with initials', async () => {
    const chair = await signup(env.server.url, 'chair@example.org', NAMES[0]);
    const meetingId = (await chair.post('/api/meetings', { title: { en: 'Colours', 'zh-Hant': '顏色' } })).body.id as string;
    const people: ApiClient[] = [chair];
    for (let i = 1; i < NAMES.length; i++) {
      const email = `p${i}@example.org`;
      expect((await chair.post(`/api/meetings/${meetingId}/members`, { email, role: 'delegate' })).status).toBeLessThan(300);
      people.push(await signup(env.server.url, email, NAMES[i]));
    }
    const pages: Array<{ context: BrowserContext; page: Page }> = [];
    for (const [i, api] of people.entries()) {
      const { context, page } = await pageAs(env.browser, env.server.url, api, { viewport: { width: 1200, height: 800 }, locale: i % 2 ? 'zh-TW' : 'en-US' });
      await page.goto(`${env.server.url}/m/${meetingId}`);
      await page.getByTestId('meeting-title').waitFor({ timeout: 30_000 });
      pages.push({ context, page });
    }
    // The first writes two paragraphs of Chinese; everyone puts the caret in the second one.
    const first = pages[0]!.page;
    await slotEditor(first, 0, 'zh-Hant').click();
    await first.keyboard.type('第一段會議紀錄內容');
    await first.keyboard.press('Enter');
    await first.keyboard.type('第二段');
    for (const { page } of pages.slice(1)) {
      const editor = slotEditor(page, 0, 'zh-Hant');
      await expect.poll(() => editor.innerText(), { timeout: 15_000 }).toContain('第二段');
      await editor.locator('p').nth(1).click();
    }

    // Everyone sees the same 8 colours: one per person, far apart, white initials readable on each.
    const presence = async (page: Page): Promise<Array<{ name: string; initials: string; color: string }>> =>
      page.getByTestId('presence').locator('li').evaluateAll((items) =>
        items.map((li) => ({ name: li.querySelector('.presence-name')?.textContent ?? '', initials: li.querySelector('.presence-initials')?.textContent ?? '', color: getComputedStyle(li.querySelector('.presence-initials')!).backgroundColor })),
      );
    await expect.poll(async () => (await presence(first)).length, { timeout: 20_000 }).toBe(8);
    await expect
      .poll(async () => new Set((await presence(first)).map((p) => p.color)).size, { timeout: 20_000 })
      .toBe(8);
    const seen = (await presence(first)).map((p) => ({ ...p, color: toHex(p.color) }));
    const colors = seen.map((p) => p.color);
    const minDistance = Math.min(...colors.flatMap((a, i) => colors.slice(i + 1).map((b) => colorDistance(a, b))));
    expect(minDistance, colors.join(' ')).toBeGreaterThan(0.1);
    for (const p of seen) expect(contrastRatio(p.color, '#ffffff'), p.color).toBeGreaterThanOrEqual(4.5);
    expect(seen.find((p) => p.name === 'Chen Wei')?.initials).toBe('CW');
    // Another page agrees on who has which colour.
    await expect
      .poll(async () => Object.fromEntries((await presence(pages[5]!.page)).map((p) => [p.name, toHex(p.color)])), { timeout: 20_000 })
      .toEqual(Object.fromEntries(seen.map((p) => [p.name, p.color])));

    // The 7 others' carets on the first page: labelled with initials in their colour...
    const labels = first.locator('[data-testid="editor-zh-Hant"] .collaboration-carets__label');
    await expect.poll(() => labels.count(), { timeout: 20_000 }).toBe(7);
    const shown = await labels.evaluateAll((els) => els.map((el) => ({ text: el.textContent ?? '', color: getComputedStyle(el).backgroundColor })));
    for (const label of shown) expect(colors).toContain(toHex(label.color));
    expect(shown.map((l) => l.text).sort()).toEqual(seen.filter((p) => p.name !== NAMES[0]).map((p) => p.initials).sort());
    // ...that cover no text: not the Chinese line above them, not their own line.
    const overlaps = await first.evaluate(() => {
      const editor = document.querySelector('[data-testid="editor-zh-Hant"] .tiptap')!;
      const textRects: DOMRect[] = [];
      const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement?.closest('.collaboration-carets__caret')) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        textRects.push(...range.getClientRects());
      }
      return [...editor.querySelectorAll('.collaboration-carets__label')].filter((label) => {
        const l = label.getBoundingClientRect();
        return textRects.some((r) => l.left < r.right && l.right > r.left && l.top < r.bottom && l.bottom > r.top);
      }).length;
    });
    expect(overlaps).toBe(0);
    await screenshot(first, 'presence-colours-8-en');
    await screenshot(pages[1]!.page, 'presence-colours-8-zh');
    await Promise.all(pages.map((p) => p.context.close()));
  }, 240_000);
});
