import { describe, expect, it } from 'vitest';
import { replaceAgenda } from '../../shared/src/model/agendaDoc.ts';
import { meetingWithMembers } from '../helpers/api.ts';
import { expectNoSeriousA11yViolations } from '../helpers/a11y.ts';
import { hasChromium, screenshot, useBrowserAndServer } from '../helpers/browser.ts';
import { pageAs } from '../helpers/browserSession.ts';
import { connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';

const env = useBrowserAndServer();

// Issue 14: waiving thirteen blockers took thirteen dialogs. In the finalisation panel the chair
// ticks blockers (or all of a kind), gives one reason and waives them in one go; each is still
// recorded on its own.
describe.skipIf(!hasChromium)('bulk waive in Chromium', () => {
  it('selects all of a kind, leaves one out, waives the rest with one reason, then the last one; finalised, no chip says Draft', async () => {
    const { meeting, members } = await meetingWithMembers(env.server.url, []);
    const chairApi = members.chair!.api;
    // Eight sessions with nothing written: sixteen "languages missing" blockers.
    const client = connectClient(env.server.wsUrl, meeting.docName, { params: { token: members.chair!.token } });
    await waitSynced(client);
    const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;
    replaceAgenda(client.doc, Array.from({ length: 8 }, (_, i) => ({ day: 0, start: hour(9 + i), end: hour(10 + i), kind: 'session' as const, title: { en: `Session ${i + 1}`, 'zh-Hant': `第${i + 1}場` }, speakers: [], scribes: [] })));
    await eventually(async () => expect((await chairApi.get(`/api/meetings/${meeting.id}/blockers`)).body.blockers).toHaveLength(16));
    const ids = ((await chairApi.get(`/api/meetings/${meeting.id}/blockers`)).body.blockers as Array<{ id: string }>).map((b) => b.id);
    destroyAllClients();

    const chair = await pageAs(env.browser, env.server.url, chairApi);
    await chair.page.goto(`${env.server.url}/m/${meeting.id}`);
    await chair.page.getByTestId('finalisation-toggle').click();
    const panel = chair.page.getByTestId('finalisation-panel');
    await expect.poll(() => panel.locator('[data-testid^="blocker-missing:"]').count(), { timeout: 10_000 }).toBe(16);
    expect(await panel.getByTestId('bulk-waive-form').count()).toBe(0);

    // All of this kind, then one left out.
    await panel.getByTestId('select-kind-missing').check();
    await expect.poll(() => panel.getByTestId('bulk-waive').innerText()).toBe('Waive 16 blockers with this reason');
    const keep = ids[5]!;
    await panel.getByTestId(`select-${keep}`).uncheck();
    await expect.poll(() => panel.getByTestId('bulk-waive').innerText()).toBe('Waive 15 blockers with this reason');
    expect(await panel.getByTestId('select-kind-missing').evaluate((el) => (el as HTMLInputElement).indeterminate)).toBe(true);
    expect(await panel.getByTestId('bulk-waive').isDisabled()).toBe(true); // no reason yet
    await panel.getByTestId('bulk-waive-reason').fill('Sessions cancelled by the host economy');
    await expectNoSeriousA11yViolations(chair.page, 'the finalisation panel with blockers selected for a bulk waiver');
    await screenshot(chair.page, 'bulk-waive-selected');
    await panel.getByTestId('bulk-waive').click();

    await expect.poll(() => panel.locator('[data-testid^="blocker-missing:"][data-waived="true"]').count(), { timeout: 10_000 }).toBe(15);
    expect(await panel.getByTestId(`blocker-${keep}`).getAttribute('data-waived')).toBe('false');
    expect(await panel.getByTestId(`blocker-${ids[0]}`).innerText()).toContain('Sessions cancelled by the host economy');
    expect(await panel.getByTestId('bulk-waive-form').count()).toBe(0); // the selection is spent
    expect(await panel.getByTestId('finalise').isDisabled()).toBe(true);

    // The last one on its own through the same form.
    await panel.getByTestId(`select-${keep}`).check();
    await expect.poll(() => panel.getByTestId('bulk-waive').innerText()).toBe('Waive 1 blocker with this reason');
    await panel.getByTestId('bulk-waive-reason').fill('Session 3 in Chinese was not interpreted');
    await panel.getByTestId('bulk-waive').click();
    await expect.poll(() => panel.getByTestId(`blocker-${keep}`).getAttribute('data-waived'), { timeout: 10_000 }).toBe('true');
    await expect.poll(() => panel.getByTestId('finalise').isDisabled()).toBe(false);
    await screenshot(chair.page, 'bulk-waive-done');

    // Finalised, the empty slots' chips say so instead of "Draft".
    await panel.getByTestId('finalise').click();
    await expect.poll(() => panel.getByTestId('final-done').count(), { timeout: 10_000 }).toBe(1);
    const chip = chair.page.getByTestId('approval-state-general-en');
    await expect.poll(() => chip.getAttribute('data-state'), { timeout: 10_000 }).toBe('finalEmpty');
    expect(await chip.innerText()).toBe('Final: nothing recorded');
    await expect.poll(() => chair.page.locator('[data-testid^="approval-state-"][data-state="finalEmpty"]').count()).toBeGreaterThan(2);
    expect(await chair.page.locator('[data-testid^="approval-state-"]:not([data-state="finalEmpty"])').count()).toBe(0);
    await screenshot(chair.page, 'bulk-waive-finalised');

    // The server recorded one waiver and one audit entry per blocker.
    const stored = (await chairApi.get(`/api/meetings/${meeting.id}/blockers`)).body as { blockers: Array<{ id: string; waiver: { reason: string } | null }>; unwaived: number };
    expect(stored.unwaived).toBe(0);
    for (const b of stored.blockers) expect(b.waiver?.reason, b.id).toBe(b.id === keep ? 'Session 3 in Chinese was not interpreted' : 'Sessions cancelled by the host economy');
    const audit = (await chairApi.get(`/api/meetings/${meeting.id}/audit`)).body.entries as Array<{ action: string; details: { blockerId: string } }>;
    expect(audit.filter((e) => e.action === 'meeting.waive').map((e) => e.details.blockerId).sort()).toEqual([...ids].sort());
  });
});
