import { afterEach, describe, expect, it } from 'vitest';
import type { NewSlot } from '../../shared/src/model/agendaDoc.ts';
import { meetingWithMembers } from '../helpers/api.ts';
import { hasChromium, screenshot, useBrowserAndServer } from '../helpers/browser.ts';
import { editorText, pageAs, slotEditor } from '../helpers/browserSession.ts';
import { destroyAllClients } from '../helpers/clients.ts';
import { meetingWithSlots, writeParagraph } from '../helpers/meetingWithSlots.ts';

const env = useBrowserAndServer();
afterEach(() => destroyAllClients());

/** Two days that both open with an "Opening Session": only day headings tell them apart. */
const slots: NewSlot[] = [0, 1].map((day) => ({ day, start: '09:00', end: '09:30', kind: 'opening', title: { en: 'Opening Session', 'zh-Hant': '開幕式' }, speakers: [], scribes: [] }));

describe.skipIf(!hasChromium)('versions: the read-only view, who saved, restoring', () => {
  it('shows language headings, both titles and day headings, names who saved, and a restore clears the stale diff', async () => {
    const { members } = await meetingWithMembers(env.server.url, []);
    const { meeting, writer, slotIds } = await meetingWithSlots(env.server, members, slots);
    writeParagraph(writer.doc, slotIds[1]!, 'en', 'Day two opened.');
    writeParagraph(writer.doc, slotIds[1]!, 'zh-Hant', '第二天開幕。');

    const chair = await pageAs(env.browser, env.server.url, members.chair!.api);
    await chair.page.goto(`${env.server.url}/m/${meeting.id}`);
    // Sections: general notes, then the two slots.
    await expect.poll(() => editorText(chair.page, 2, 'en'), { timeout: 10_000 }).toBe('Day two opened.');
    await chair.page.getByTestId('versions-toggle').click();
    await chair.page.getByTestId('version-label').fill('morning');
    await chair.page.getByTestId('version-save').click();
    const meta = chair.page.locator('[data-testid^="version-meta-"]').first();
    await expect.poll(() => meta.innerText().catch(() => ''), { timeout: 10_000 }).toMatch(/named · .* · saved by Chair$/);

    await slotEditor(chair.page, 2, 'en').click();
    await chair.page.keyboard.press('End');
    await chair.page.keyboard.type(' Later addition.');
    await expect.poll(() => chair.page.getByTestId('save-status').getAttribute('data-status')).toBe('saved');

    const id = (await meta.getAttribute('data-testid'))!.replace('version-meta-', '');
    await chair.page.getByTestId(`version-view-${id}`).click();
    const view = chair.page.getByTestId('version-view');
    await expect.poll(() => view.locator('.version-langs h4').allInnerTexts()).toEqual([expect.stringMatching(/Chinese|中文/), 'English']);
    const text = await view.innerText();
    expect(text.match(/Day 1 · /g)).toHaveLength(1);
    expect(text.match(/Day 2 · /g)).toHaveLength(1);
    expect(text.match(/開幕式 \/ Opening Session/g)).toHaveLength(2);
    expect(text.indexOf('Day 2 · ')).toBeLessThan(text.indexOf('Day two opened.'));
    expect(text).not.toContain('Later addition');
    await screenshot(chair.page, 'versions-view');

    await chair.page.getByTestId(`version-compare-${id}`).click();
    await expect.poll(() => chair.page.getByTestId('version-diff').innerText()).toContain('Later addition.');
    chair.page.once('dialog', (dialog) => void dialog.accept());
    await chair.page.getByTestId(`version-restore-${id}`).click();
    await expect.poll(() => chair.page.getByTestId('version-restored').innerText(), { timeout: 10_000 }).toContain('Restored "morning"');
    expect(await chair.page.getByTestId('version-diff').count()).toBe(0);
    expect(await chair.page.getByTestId('version-view').count()).toBe(0);
    await expect.poll(() => editorText(chair.page, 2, 'en'), { timeout: 10_000 }).toBe('Day two opened.');
    await chair.context.close();
  });
});
