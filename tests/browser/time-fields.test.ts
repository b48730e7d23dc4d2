import { describe, expect, it } from 'vitest';
import { readAgenda } from '../../shared/src/model/agendaDoc.ts';
import { toMinutes } from '../../shared/src/model/time.ts';
import { meetingWithMembers } from '../helpers/api.ts';
import { hasChromium, screenshot, useBrowserAndServer } from '../helpers/browser.ts';
import { pageAs } from '../helpers/browserSession.ts';
import { eventually } from '../helpers/eventually.ts';
import { meetingWithSlots, sessionSlots } from '../helpers/meetingWithSlots.ts';

/** Issue 14: the agenda's time pickers use the meeting's 24-hour convention, even in an English browser. */
const env = useBrowserAndServer();

describe.skipIf(!hasChromium)('agenda time fields', () => {
  it('show and take 24-hour times (no AM/PM) in an en-US browser, stored as HH:MM', async () => {
    const { members } = await meetingWithMembers(env.server.url, []);
    const { meeting, writer } = await meetingWithSlots(env.server, members, sessionSlots(2));
    const { context, page } = await pageAs(env.browser, env.server.url, members.chair!.api, { locale: 'en-US' });
    await page.goto(`${env.server.url}/m/${meeting.id}`);
    await page.getByTestId('agenda-toggle').click();
    const start = page.getByTestId('agenda-start-1');
    await expect.poll(() => start.inputValue(), { timeout: 10_000 }).toBe('09:20');
    expect(await start.getAttribute('type')).toBe('text');
    await start.fill('1430');
    await start.press('Tab');
    await expect.poll(() => start.inputValue()).toBe('14:30');
    await eventually(() => expect(readAgenda(writer.doc)[1]!.start).toBe('14:30'), 10_000);
    // Typed the 12-hour way: read and shown as 24-hour.
    await start.fill('2:45 PM');
    await start.press('Tab');
    await expect.poll(() => start.inputValue()).toBe('14:45');
    await eventually(() => expect(readAgenda(writer.doc)[1]!.start).toBe('14:45'), 10_000);
    // Not a time: refused, the field shows the stored value again.
    await start.fill('noon');
    await start.press('Tab');
    await expect.poll(() => start.inputValue()).toBe('14:45');
    expect(readAgenda(writer.doc)[1]!.start).toBe('14:45');
    // A new start keeps the slot's length; an end before the start is kept as typed and said at the row.
    const end = page.getByTestId('agenda-end-1');
    const length = (slot: { start: string; end: string }) => toMinutes(slot.end) - toMinutes(slot.start);
    const before = length(readAgenda(writer.doc)[1]!);
    await start.fill('15:00');
    await start.press('Tab');
    await eventually(() => expect(length(readAgenda(writer.doc)[1]!)).toBe(before), 10_000);
    expect(await page.getByTestId('agenda-warning-1').count()).toBe(0);
    await end.fill('14:00');
    await end.press('Tab');
    await eventually(() => expect(readAgenda(writer.doc)[1]!.end).toBe('14:00'), 10_000);
    await expect.poll(() => page.getByTestId('agenda-warning-1').innerText()).toContain('14:00');
    expect(await end.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'agenda-time-fields-24h');
    await context.close();
  });
});
