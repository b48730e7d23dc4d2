import { describe, expect, it } from 'vitest';
import { meetingWithMembers, signup } from '../helpers/api.ts';
import { hasChromium, useBrowserAndServer } from '../helpers/browser.ts';
import { editorText, pageAs, slotEditor } from '../helpers/browserSession.ts';

const env = useBrowserAndServer();

/**
 * The meeting page opens its two documents from the meeting id while the access info is on its
 * way (one round trip less before the first slot shows). So a person who is not a member must
 * still be told so, and their sockets refused, not kept retrying.
 */
describe.skipIf(!hasChromium)('opening a meeting page', () => {
  it('a member gets the minutes; someone else is told why and both of their sockets are refused', async () => {
    const { meeting, members } = await meetingWithMembers(env.server.url, ['delegate']);
    // Sign-up is by invitation: the outsider is a member of another meeting only.
    const other = (await members.chair!.api.post('/api/meetings', { title: { en: 'Another meeting' } })).body as { id: string };
    await members.chair!.api.post(`/api/meetings/${other.id}/members`, { email: 'outsider@example.org', role: 'delegate' });
    const outsiderApi = await signup(env.server.url, 'outsider@example.org', 'Outsider');

    const member = await pageAs(env.browser, env.server.url, members.delegate!.api);
    await member.page.goto(`${env.server.url}/m/${meeting.id}`);
    await slotEditor(member.page, 0, 'en').click();
    await member.page.keyboard.type('Written by a member.');
    await expect.poll(() => editorText(member.page, 0, 'en'), { timeout: 10_000 }).toContain('Written by a member.');

    const outsider = await pageAs(env.browser, env.server.url, outsiderApi);
    const sockets: Array<{ url: string; closed: boolean }> = [];
    outsider.page.on('websocket', (socket) => {
      const entry = { url: socket.url(), closed: false };
      sockets.push(entry);
      socket.on('close', () => (entry.closed = true));
    });
    await outsider.page.goto(`${env.server.url}/m/${meeting.id}`);
    await expect.poll(() => outsider.page.getByRole('alert').isVisible(), { timeout: 10_000 }).toBe(true);
    // Both documents were asked for, and the server closed both.
    await expect.poll(() => sockets.filter((s) => s.closed).map((s) => s.url.split('?')[0]!.split('/').pop()).sort(), { timeout: 10_000 }).toEqual([meeting.docName, meeting.reviewDocName].sort());
    expect(await outsider.page.locator('.minutes-prose').count()).toBe(0);
    await member.context.close();
    await outsider.context.close();
  });
});
