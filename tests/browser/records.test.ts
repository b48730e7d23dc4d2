import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { finaliseWaivingBlockers, meetingWithMembers } from '../helpers/api.ts';
import { expectNoSeriousA11yViolations } from '../helpers/a11y.ts';
import { hasChromium, screenshot, useBrowserAndServer } from '../helpers/browser.ts';
import { editorText, pageAs, slotEditor } from '../helpers/browserSession.ts';

const env = useBrowserAndServer();

// The record's end of life in a real browser: offline edits refused after finalisation (and kept
// downloadable), the archive panel with the manifest hash and verification, archive search that
// opens the slot, the print view, and the audit log.
describe.skipIf(!hasChromium)('the official record in Chromium', () => {
  it('refuses offline edits made after finalisation, keeps them downloadable, and shows, verifies, searches and prints the record', async () => {
    const { meeting, members } = await meetingWithMembers(env.server.url, ['delegate']);
    const chair = await pageAs(env.browser, env.server.url, members.chair!.api);
    const delegate = await pageAs(env.browser, env.server.url, members.delegate!.api);
    await delegate.page.goto(`${env.server.url}/m/${meeting.id}`);
    await slotEditor(delegate.page, 0, 'en').click();
    await delegate.page.keyboard.type('The plenary adopted the budget of the transparency workshop.');
    await expect.poll(() => delegate.page.getByTestId('save-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('saved');

    // Offline, the delegate keeps writing; meanwhile the chair finalises.
    await delegate.context.setOffline(true);
    await expect.poll(() => delegate.page.getByTestId('save-status').getAttribute('data-status'), { timeout: 40_000 }).toBe('offline');
    await delegate.page.keyboard.type(' Late sentence typed offline.');
    expect((await finaliseWaivingBlockers(members.chair!.api, meeting.id)).status).toBe(200);
    await delegate.context.setOffline(false);
    await expect.poll(() => delegate.page.getByTestId('save-status').getAttribute('data-status'), { timeout: 40_000 }).toBe('refused');
    const banner = delegate.page.getByTestId('unsaved-refused');
    await expect.poll(() => banner.innerText()).toMatch(/finalised/);
    expect(await editorText(delegate.page, 0, 'en')).toContain('Late sentence typed offline.');
    await screenshot(delegate.page, 'refused-offline-edits');
    const [download] = await Promise.all([delegate.page.waitForEvent('download'), delegate.page.getByTestId('download-unsaved').click()]);
    const saved = fs.readFileSync((await download.path())!, 'utf8');
    expect(saved).toContain('Late sentence typed offline.');
    expect(saved).toContain('quorum-unsaved-yjs-update');

    // The chair's page: the archive record with its manifest hash, verified in place.
    await chair.page.goto(`${env.server.url}/m/${meeting.id}`);
    await chair.page.getByTestId('archive-toggle').click();
    const hash = chair.page.getByTestId('manifest-sha256');
    await expect.poll(() => hash.innerText(), { timeout: 10_000 }).toMatch(/^[0-9a-f]{64}$/);
    await chair.page.getByTestId('verify-archive').click();
    await expect.poll(() => chair.page.getByTestId('verify-result').innerText(), { timeout: 10_000 }).toMatch(/Verified/);
    // With the fingerprint of the key it was checked against: the one the server publishes.
    const published = (await (await fetch(`${env.server.url}/.well-known/quorum-archive-key`)).json()) as { fingerprint: string };
    expect(await chair.page.getByTestId('key-fingerprint').innerText()).toBe(published.fingerprint);
    await expectNoSeriousA11yViolations(chair.page, 'archive panel');
    await chair.page.getByTestId('audit-toggle').click();
    await expect.poll(() => chair.page.getByTestId('audit-panel').locator('tr[data-action="meeting.finalise"]').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => chair.page.getByTestId('audit-panel').locator('tr[data-action="meeting.waive"]').count()).toBeGreaterThan(0);
    await screenshot(chair.page, 'archive-and-audit');

    // Archive search: the phrase is found; the result opens the meeting at its slot.
    await chair.page.getByTestId('nav-archive').click();
    await chair.page.getByTestId('archive-q').fill('transparency workshop');
    await chair.page.getByTestId('archive-search').click();
    await expect.poll(() => chair.page.getByTestId('archive-result').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => chair.page.locator('.archive-results mark').first().innerText()).toBe('transparency workshop');
    await expectNoSeriousA11yViolations(chair.page, 'archive search');
    await screenshot(chair.page, 'archive-search');
    await chair.page.getByTestId('archive-match').first().click();
    await expect.poll(() => chair.page.url()).toMatch(new RegExp(`/m/${meeting.id}#slot-`));
    await expect.poll(() => editorText(chair.page, 0, 'en'), { timeout: 10_000 }).toContain('adopted the budget');

    // Print view: the HTML export itself, with the chosen options.
    await chair.page.goto(`${env.server.url}/m/${meeting.id}/export`);
    await chair.page.getByTestId('export-numbering').selectOption('chinese');
    await chair.page.getByTestId('export-authorship').check();
    const preview = chair.page.frameLocator('[data-testid="print-preview"]');
    await expect.poll(() => preview.locator('body').innerText(), { timeout: 10_000 }).toContain('adopted the budget');
    await expect.poll(() => preview.locator('body').innerText(), { timeout: 10_000 }).toMatch(/Written by: Delegate|撰寫者：Delegate/);
    expect(await chair.page.getByTestId('download-pdf').getAttribute('href')).toContain('numbering=chinese');
    await expectNoSeriousA11yViolations(chair.page, 'export and print');
    await screenshot(chair.page, 'print-view');
    await chair.context.close();
    await delegate.context.close();
  });
});
