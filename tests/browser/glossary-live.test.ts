import { describe, expect, it } from 'vitest';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { meetingWithMembers } from '../helpers/api.ts';
import { hasChromium, screenshot, useBrowserAndServer } from '../helpers/browser.ts';
import { editorText, pageAs, slotEditor } from '../helpers/browserSession.ts';
import { appendParagraph, connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';

const env = useBrowserAndServer();
const ZH = '代表報告了各經濟體反貪腐工作的進展。';
const EN = 'Representatives reported on the progress of anti-corruption work.';

describe.skipIf(!hasChromium)('glossary: live for everyone in the meeting', () => {
  it('a term the chair adds is highlighted for a delegate without a reload, and its counterpart goes to the matching place', async () => {
    const { meeting, members } = await meetingWithMembers(env.server.url, ['delegate']);
    const writer = connectClient(env.server.wsUrl, meeting.docName, { params: { token: members.delegate!.token } });
    await waitSynced(writer);
    appendParagraph(writer.doc, minutesField('general', 'zh-Hant'), ZH);
    appendParagraph(writer.doc, minutesField('general', 'en'), EN);
    destroyAllClients();

    const chair = await pageAs(env.browser, env.server.url, members.chair!.api);
    const delegate = await pageAs(env.browser, env.server.url, members.delegate!.api);
    await Promise.all([chair.page.goto(`${env.server.url}/m/${meeting.id}`), delegate.page.goto(`${env.server.url}/m/${meeting.id}`)]);
    await expect.poll(() => editorText(delegate.page, 0, 'zh-Hant'), { timeout: 10_000 }).toBe(ZH);
    expect(await delegate.page.locator('.glossary-term').count()).toBe(0);
    // Survives only as long as the page is not loaded again.
    await delegate.page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    // A meeting outside any series has a glossary of its own, and says so.
    await chair.page.getByTestId('glossary-toggle').click();
    await expect.poll(() => chair.page.locator('#glossary-title').innerText()).toBe('Glossary of this meeting');
    await chair.page.getByLabel(/^Term \((?!English)/).fill('經濟體');
    await chair.page.getByLabel('Term (English)').fill('economies');
    await chair.page.getByRole('button', { name: 'Add term' }).click();
    await expect.poll(() => chair.page.locator('.glossary table').innerText()).toContain('經濟體');

    // The delegate's page highlights the term, with its counterpart as the hint, and names the gap.
    const highlight = delegate.page.locator('[data-testid="editor-zh-Hant"] .glossary-term');
    await expect.poll(() => highlight.first().innerText().catch(() => ''), { timeout: 10_000 }).toBe('經濟體');
    expect(await highlight.first().getAttribute('title')).toBe('economies');
    await expect.poll(() => delegate.page.getByTestId('glossary-gaps-general').innerText()).toContain('economies');
    expect(await delegate.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await screenshot(delegate.page, 'glossary-live-delegate');

    // "Insert" puts the counterpart where the term sits in the Chinese (a third into the sentence),
    // between words, not at the end of the paragraph.
    await delegate.page.getByRole('button', { name: 'Insert "economies"' }).click();
    await expect.poll(() => editorText(delegate.page, 0, 'en'), { timeout: 10_000 }).toBe('Representatives reported economies on the progress of anti-corruption work.');
    await expect.poll(() => editorText(chair.page, 0, 'en'), { timeout: 10_000 }).toBe('Representatives reported economies on the progress of anti-corruption work.');
    await expect.poll(() => delegate.page.getByTestId('glossary-gaps-general').count()).toBe(0);

    // With the caret in the Chinese editor, a Chinese counterpart goes to the caret instead.
    await slotEditor(delegate.page, 0, 'zh-Hant').click();
    await delegate.page.keyboard.press('End');
    await delegate.page.keyboard.press('ArrowLeft');
    await chair.page.getByLabel(/^Term \((?!English)/).fill('進度');
    await chair.page.getByLabel('Term (English)').fill('progress');
    await chair.page.getByRole('button', { name: 'Add term' }).click();
    const insert = delegate.page.getByRole('button', { name: 'Insert "進度"' });
    await expect.poll(() => insert.count(), { timeout: 10_000 }).toBe(1);
    await insert.click();
    await expect.poll(() => editorText(delegate.page, 0, 'zh-Hant')).toBe('代表報告了各經濟體反貪腐工作的進展進度。');
    for (const c of [chair, delegate]) await c.context.close();
  });
});
