import { describe, expect, it } from 'vitest';
import { meetingWithMembers } from '../helpers/api.ts';
import { hasChromium, useBrowserAndServer } from '../helpers/browser.ts';
import { pageAs, slotEditor } from '../helpers/browserSession.ts';
import { pngImage } from '../helpers/pngImage.ts';

const env = useBrowserAndServer();

/**
 * Images inside the minutes (issue 15), as a delegate adds one: the toolbar's file chooser
 * uploads it, the image shows in the slot for the writer and for another person, and the export
 * carries it. A file the server does not take is refused with a message, and nothing is inserted.
 */
let accounts: ReturnType<typeof meetingWithMembers> | null = null;
/** One chair, delegate and reviewer per server (sign-up is by invitation after the first account). */
const people = () => (accounts ??= meetingWithMembers(env.server.url, ['delegate', 'reviewer']));

describe.skipIf(!hasChromium)('images in the minutes', () => {
  it('inserts an image by the file chooser; another page sees it; the export contains it', async () => {
    const { meeting, members } = await people();
    const a = await pageAs(env.browser, env.server.url, members.delegate!.api);
    const b = await pageAs(env.browser, env.server.url, members.reviewer!.api);
    await Promise.all([a.page.goto(`${env.server.url}/m/${meeting.id}`), b.page.goto(`${env.server.url}/m/${meeting.id}`)]);
    const editor = slotEditor(a.page, 0, 'en');
    await editor.click();
    await a.page.keyboard.type('The chart of the survey:');
    await a.page.keyboard.press('Enter');

    // Refused by type: a clear message, and nothing in the document.
    const refused = a.page.waitForEvent('filechooser');
    await a.page.getByRole('button', { name: /^Image/ }).click();
    await (await refused).setFiles({ name: 'anim.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1') });
    await expect.poll(() => a.page.getByRole('alert').filter({ hasText: 'anim.gif' }).innerText()).toMatch(/Only PNG and JPEG images can be added/);
    expect(await editor.locator('img').count()).toBe(0);
    await a.page.getByRole('button', { name: 'Dismiss' }).click();

    const chooser = a.page.waitForEvent('filechooser');
    await editor.click();
    await a.page.getByRole('button', { name: /^Image/ }).click();
    await (await chooser).setFiles({ name: 'survey-chart.png', mimeType: 'image/png', buffer: pngImage(60, 40, { seed: 11 }) });
    const image = editor.locator('img.minutes-image');
    await expect.poll(() => image.getAttribute('src'), { timeout: 15_000 }).toMatch(/^\/api\/images\/[A-Za-z0-9_-]{22}$/);
    await expect.poll(() => image.getAttribute('alt')).toBe('survey-chart');
    // Loaded from the server (the reader's access is checked there), at its real size.
    await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 10_000 }).toBe(60);
    await expect.poll(() => a.page.getByTestId('save-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('saved');

    const seen = slotEditor(b.page, 0, 'en').locator('img.minutes-image');
    await expect.poll(() => seen.getAttribute('src'), { timeout: 15_000 }).toBe(await image.getAttribute('src'));
    await expect.poll(() => seen.evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 10_000 }).toBe(60);

    // Its description, set from the toolbar once the image is selected, reaches the other page.
    await image.click();
    a.page.once('dialog', (dialog) => void dialog.accept('Survey results by economy'));
    await a.page.getByRole('button', { name: 'Describe image' }).click();
    await expect.poll(() => seen.getAttribute('alt'), { timeout: 10_000 }).toBe('Survey results by economy');

    const src = (await image.getAttribute('src'))!;
    const stored = Buffer.from(await (await fetch(env.server.url + src, { headers: { cookie: members.reviewer!.api.cookie! } })).arrayBuffer());
    const html = await members.reviewer!.api.get(`/api/meetings/${meeting.id}/export?format=html`);
    expect(html.status).toBe(200);
    expect(String(html.body)).toContain(`data:image/png;base64,${stored.toString('base64')}`);
    expect(String(html.body)).toContain('The chart of the survey:');
    expect(String(html.body)).toContain('<figcaption>Survey results by economy</figcaption>');
    await a.context.close();
    await b.context.close();
  });

  it('uploads a pasted image and inserts it where the caret is', async () => {
    const { members } = await people();
    const created = await members.chair!.api.post('/api/meetings', { title: { en: 'Paste test' } });
    const meeting = created.body as { id: string };
    await members.chair!.api.post(`/api/meetings/${meeting.id}/members`, { email: 'delegate@example.org', role: 'delegate' });
    const a = await pageAs(env.browser, env.server.url, members.delegate!.api);
    await a.page.goto(`${env.server.url}/m/${meeting.id}`);
    const editor = slotEditor(a.page, 0, 'en');
    await editor.click();
    await a.page.keyboard.type('Pasted below');
    const png = [...pngImage(30, 20, { seed: 12 })];
    // What a browser hands the page when an image is pasted from the clipboard: a File in clipboardData.
    await editor.evaluate((el, bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'clipboard.png', { type: 'image/png' }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, png);
    const image = editor.locator('img.minutes-image');
    await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 15_000 }).toBe(30);
    expect(await editor.locator('img').count()).toBe(1); // the browser's own data: URL image was not inserted
    await expect.poll(() => a.page.getByTestId('save-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('saved');
    await a.context.close();
  });
});
