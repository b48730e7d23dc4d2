import { describe, expect, it } from 'vitest';
import { replaceAgenda, readAgenda } from '../../shared/src/model/agendaDoc.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { finaliseWaivingBlockers, meetingWithMembers } from '../helpers/api.ts';
import { expectNoSeriousA11yViolations } from '../helpers/a11y.ts';
import { hasChromium, screenshot, useBrowserAndServer } from '../helpers/browser.ts';
import { pageAs } from '../helpers/browserSession.ts';
import { appendParagraph, connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';

const env = useBrowserAndServer();

// Issue 14: archive hits said only "Open this slot (English)", and the page was empty until a
// search. Now it opens on the recent records, and a hit names its meeting, date, slot and language
// with the words found highlighted.
describe.skipIf(!hasChromium)('the archive page in Chromium', () => {
  it('lists recent records before any search, and names the slot of every hit', async () => {
    const { meeting, members } = await meetingWithMembers(env.server.url, []);
    const chairApi = members.chair!.api;
    const client = connectClient(env.server.wsUrl, meeting.docName, { params: { token: members.chair!.token } });
    await waitSynced(client);
    replaceAgenda(client.doc, [{ day: 0, start: '09:00', end: '10:00', kind: 'session', title: { en: 'Item 2: Asset Recovery', 'zh-Hant': '專題二：資產追回' }, speakers: [], scribes: [] }]);
    const slotId = readAgenda(client.doc)[0]!.id;
    appendParagraph(client.doc, minutesField(slotId, 'en'), 'Delegates shared cases of cross-border asset recovery and mutual legal assistance.');
    appendParagraph(client.doc, minutesField(slotId, 'zh-Hant'), '各代表分享跨境資產追回與司法互助案例。');
    await eventually(async () => expect(String((await chairApi.request('GET', `/api/meetings/${meeting.id}/export?format=md`)).body)).toContain('mutual legal assistance'));
    destroyAllClients();
    expect((await finaliseWaivingBlockers(chairApi, meeting.id)).status).toBe(200);

    const chair = await pageAs(env.browser, env.server.url, chairApi);
    await chair.page.goto(`${env.server.url}/archive`);
    // Before any search: the recent records.
    await expect.poll(() => chair.page.locator('.archive-recent-title').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => chair.page.getByTestId('archive-result').count(), { timeout: 10_000 }).toBe(1);
    expect(await chair.page.getByTestId('archive-result').innerText()).toContain('Test meeting');

    await chair.page.getByTestId('archive-q').fill('legal assistance');
    await chair.page.getByTestId('archive-search').click();
    await expect.poll(() => chair.page.getByTestId('archive-match').count(), { timeout: 10_000 }).toBe(1);
    expect(await chair.page.locator('.archive-recent-title').count()).toBe(0);
    const hit = chair.page.getByTestId('archive-result');
    expect(await hit.locator('h2').innerText()).toBe('Test meeting');
    expect(await chair.page.getByTestId('archive-match').innerText()).toBe('Item 2: Asset Recovery (English)');
    expect(await hit.locator('mark').innerText()).toBe('legal assistance');

    await chair.page.getByTestId('archive-q').fill('資產追回');
    await chair.page.getByTestId('archive-search').click();
    await expect.poll(() => chair.page.getByTestId('archive-match').allInnerTexts(), { timeout: 10_000 }).toContain('專題二：資產追回 (Traditional Chinese)');
    await expectNoSeriousA11yViolations(chair.page, 'archive search with named slots');
    await screenshot(chair.page, 'archive-named-slots');
    await chair.page.getByTestId('archive-match').first().click();
    await expect.poll(() => chair.page.url()).toContain(`/m/${meeting.id}#slot-${slotId}`);
    await chair.context.close();
  });
});
