import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { meetingWithMembers } from '../helpers/api.ts';
import { hasChromium, screenshot, useBrowserAndServer } from '../helpers/browser.ts';
import { pageAs } from '../helpers/browserSession.ts';
import { meetingWithSlots, sessionSlots, writeParagraph } from '../helpers/meetingWithSlots.ts';

const env = useBrowserAndServer();

/** Commits per part of the page (React Profiler ids: `slot:<id>`, `outline:<id>`, `header`, `toolbar`). */
const renderCounts = (page: Page) => page.evaluate(() => ({ ...window.__quorumRenderCounts! }));

describe.skipIf(!hasChromium)('render scope', () => {
  it('a remote edit in one slot renders that slot only: no other slot, outline row, header or toolbar', async () => {
    const { members } = await meetingWithMembers(env.server.url, ['delegate']);
    const { meeting, writer, slotIds } = await meetingWithSlots(env.server, members, sessionSlots(6));
    for (const id of slotIds) writeParagraph(writer.doc, id, 'en', `Minutes of ${id} in English.`);
    const [, target] = slotIds as [string, string];
    const chair = await pageAs(env.browser, env.server.url, members.chair!.api, { viewport: { width: 1300, height: 2400 } });
    // Counting is switched on before the page's script runs (it decides once, at load).
    await chair.context.addInitScript(() => {
      window.__quorumRenderCounts = {};
    });
    await chair.page.goto(`${env.server.url}/m/${meeting.id}`);
    for (const id of slotIds) await expect.poll(() => chair.page.getByTestId(`slot-${id}`).locator('[data-testid="editor-en"] .tiptap').innerText(), { timeout: 15_000 }).toContain(`Minutes of ${id}`);
    // The page writes with the editor focused, as a delegate would (the toolbar shows its marks).
    await chair.page.getByTestId(`slot-${target}`).locator('[data-testid="editor-en"] .tiptap').click();

    // Edit 1 (the Chinese minutes get their first text): seen once the language state says so.
    const zh = writeParagraph(writer.doc, target, 'zh-Hant', '主席宣布開會。');
    const completeness = chair.page.getByTestId(`completeness-${target}-zh-Hant`);
    await expect.poll(() => completeness.getAttribute('class'), { timeout: 10_000 }).toContain('c-drafting');
    const before = await renderCounts(chair.page);
    expect(Object.keys(before)).toEqual(expect.arrayContaining([...slotIds.map((id) => `slot:${id}`), 'slot:general', 'header', 'toolbar']));

    // Edits 2 and 3 in the same slot: each is barrier-checked by this slot rendering again (its
    // language state compares the new text), so every render they cause anywhere has happened.
    for (const [i, text] of ['討論數位轉型。', '會議結束。'].entries()) {
      const seen = (await renderCounts(chair.page))[`slot:${target}`]!;
      zh.insert(zh.length, text);
      await expect.poll(() => chair.page.getByTestId(`slot-${target}`).locator('[data-testid="editor-zh-Hant"] .tiptap').innerText(), { timeout: 10_000 }).toContain(text);
      await expect.poll(async () => (await renderCounts(chair.page))[`slot:${target}`], { timeout: 10_000, message: `edit ${i + 2} renders its slot` }).toBeGreaterThan(seen);
    }
    const after = await renderCounts(chair.page);
    const changed = Object.keys(after).filter((id) => after[id] !== before[id]);
    // Only the edited slot rendered (its outline row may update its dots).
    expect(changed.filter((id) => id !== `slot:${target}` && id !== `outline:${target}`)).toEqual([]);
    await screenshot(chair.page, 'render-scope');
    writer.destroy();
    await chair.context.close();
  });
});
