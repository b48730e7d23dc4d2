import { describe, expect, it } from 'vitest';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { meetingWithMembers } from '../helpers/api.ts';
import { expectNoSeriousA11yViolations } from '../helpers/a11y.ts';
import { hasChromium, screenshot, useBrowserAndServer } from '../helpers/browser.ts';
import { pageAs, slotEditor } from '../helpers/browserSession.ts';
import { appendParagraph, connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';

const env = useBrowserAndServer();

describe.skipIf(!hasChromium)('approval and finalisation in Chromium', () => {
  it('delegate marks ready, the chair sees it live, approves, waives what remains with a reason and finalises; the delegate turns read-only', async () => {
    const { meeting, members } = await meetingWithMembers(env.server.url, ['delegate']);
    const writer = connectClient(env.server.wsUrl, meeting.docName, { params: { token: members.delegate!.token } });
    await waitSynced(writer);
    appendParagraph(writer.doc, minutesField('general', 'en'), 'The chair opened the meeting and welcomed the delegations.');
    appendParagraph(writer.doc, minutesField('general', 'zh-Hant'), '主席宣布開會並歡迎各代表團。');
    await new Promise((r) => setTimeout(r, 300));
    destroyAllClients();

    // The delegate uses the Chinese interface: the approval controls are in both catalogues.
    const delegate = await pageAs(env.browser, env.server.url, members.delegate!.api, { locale: 'zh-TW' });
    const chair = await pageAs(env.browser, env.server.url, members.chair!.api);
    await Promise.all([delegate, chair].map((c) => c.page.goto(`${env.server.url}/m/${meeting.id}`)));
    const state = (page: typeof chair.page, lang: string) => page.getByTestId(`approval-state-general-${lang}`).getAttribute('data-state');

    // The delegate marks the English minutes ready; the chair's page shows it without reloading.
    await expect.poll(() => state(delegate.page, 'en'), { timeout: 10_000 }).toBe('draft');
    expect(await delegate.page.getByTestId('approval-approve-general-en').count()).toBe(0); // delegates do not approve
    await delegate.page.getByTestId('approval-ready-general-en').click();
    await expect.poll(() => state(chair.page, 'en'), { timeout: 10_000 }).toBe('ready');

    // The chair approves English; the delegate sees it live.
    await chair.page.getByTestId('approval-approve-general-en').click();
    await expect.poll(() => state(delegate.page, 'en'), { timeout: 10_000 }).toBe('approved');

    // The finalisation panel lists what remains: the Chinese minutes are not approved.
    await chair.page.getByTestId('finalisation-toggle').click();
    const panel = chair.page.getByTestId('finalisation-panel');
    await expect.poll(() => panel.getByTestId('blockers-unapproved').innerText()).toContain('(Traditional Chinese)');
    expect(await panel.getByTestId('blocker-unapproved:general/en').count()).toBe(0);
    expect(await panel.getByTestId('finalise').isDisabled()).toBe(true);
    expect(await panel.getByTestId('finalise-why').innerText()).toContain('1 blocker remains');
    await screenshot(chair.page, 'approval-blockers');
    await expectNoSeriousA11yViolations(delegate.page, 'the delegate’s approval controls');

    // Waive it with a reason; the finalise button comes alive.
    const blocker = 'unapproved:general/zh-Hant';
    await panel.getByTestId(`waive-${blocker}`).click();
    await panel.getByTestId(`waive-reason-${blocker}`).fill('The secretariat approves the Chinese text by e-mail');
    await expectNoSeriousA11yViolations(chair.page, 'the finalisation panel with a waiver form open');
    await panel.getByTestId(`waive-confirm-${blocker}`).click();
    await expect.poll(() => panel.getByTestId(`blocker-${blocker}`).getAttribute('data-waived'), { timeout: 10_000 }).toBe('true');
    expect(await panel.getByTestId(`blocker-${blocker}`).innerText()).toContain('The secretariat approves the Chinese text by e-mail');
    await expect.poll(() => panel.getByTestId('finalise').isDisabled()).toBe(false);
    await screenshot(chair.page, 'approval-waived');

    // Pages record the in-sync baseline of a language pair 1.5 s after both sides have text
    // (LanguageState); let that land first, as it would in any meeting that is not finalised
    // seconds after it was opened.
    const watcher = connectClient(env.server.wsUrl, meeting.docName, { params: { token: members.chair!.token } });
    await waitSynced(watcher);
    await expect.poll(() => watcher.doc.getMap('translations').has('general'), { timeout: 10_000 }).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    destroyAllClients();
    await panel.getByTestId('finalise').click();
    // Finalised: the delegate's page turns read-only on its own (the server closes its socket).
    await expect.poll(() => delegate.page.getByTestId('readonly-banner').count(), { timeout: 10_000 }).toBe(1);
    expect(await delegate.page.getByTestId('readonly-banner').innerText()).toContain('定稿');
    await expect.poll(() => slotEditor(delegate.page, 0, 'en').getAttribute('aria-readonly')).toBe('true');
    expect(await delegate.page.getByTestId('approval-ready-general-zh-Hant').count()).toBe(0);
    await expect.poll(() => chair.page.getByTestId('final-done').count(), { timeout: 10_000 }).toBe(1);
    await screenshot(delegate.page, 'approval-finalised-delegate');
    // Nothing the pages wrote by themselves was refused after finalising.
    expect(await delegate.page.getByTestId('save-status').getAttribute('data-status')).not.toBe('refused');

    // Reopen with a reason: the delegate may write again; the approval of English stayed.
    await chair.page.getByLabel('Reason for reopening').fill('Correct a delegation name');
    await chair.page.getByRole('button', { name: 'Reopen' }).click();
    await expect.poll(() => delegate.page.getByTestId('readonly-banner').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => slotEditor(delegate.page, 0, 'en').getAttribute('aria-readonly')).toBe(null);
    expect(await state(delegate.page, 'en')).toBe('approved');
    expect(await delegate.page.getByTestId('approval-ready-general-zh-Hant').innerText()).toBe('標示為待審閱');

    const audit = (await members.chair!.api.get(`/api/meetings/${meeting.id}/audit`)).body.entries as Array<{ action: string }>;
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['meeting.waive', 'meeting.finalise', 'meeting.reopen']));
    for (const c of [delegate, chair]) await c.context.close();
  });
});
