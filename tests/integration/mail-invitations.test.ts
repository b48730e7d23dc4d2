import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signup } from '../helpers/api.ts';
import { startSmtpSink, mailEnv, type SmtpSink } from '../helpers/smtpSink.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

const TITLE = { en: '34th ACTWG', 'zh-Hant': '第34屆反貪腐工作小組會議' };

describe('invitations by e-mail, through a real SMTP server', () => {
  let sink: SmtpSink;
  let server: TestServer;
  let chair: ApiClient;
  let meetingId: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startTestServer({ serveClient: false, access: 'enforced', env: mailEnv(sink.url, { ALLOW_SIGNUP: 'true' }) });
    // A name with markup: it must reach the HTML part escaped.
    chair = await signup(server.url, 'chair@example.org', 'Chair <b>Lin</b>');
    await chair.patch('/api/me', { locale: 'en' });
    meetingId = (await chair.post('/api/meetings', { title: TITLE })).body.id;
  });
  afterAll(async () => {
    await stopAllTestServers();
    await sink.close();
  });

  it('an address without an account gets one invitation in both languages, with both parts and the link', async () => {
    const res = await chair.post(`/api/meetings/${meetingId}/members`, { email: 'Newcomer@Example.org', role: 'delegate' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ email: 'newcomer@example.org', role: 'delegate', status: 'added', delivery: 'email', link: `${server.url}/m/${meetingId}` });

    const [mail] = await sink.waitFor('newcomer@example.org');
    expect(mail!.contentTypes).toEqual(['multipart/alternative', 'text/plain', 'text/html']);
    expect(mail!.from).toContain('quorum@example.org');
    expect(mail!.to).toBe('newcomer@example.org');
    expect(mail!.contentLanguage).toBe('zh-Hant, en');
    expect(mail!.subject).toBe(`Chair <b>Lin</b> 邀請您參加「${TITLE['zh-Hant']}」 / Chair <b>Lin</b> added you to “${TITLE.en}”`);
    // Chinese first, then English; the role in each language; the same link in both parts.
    const link = `${server.url}/m/${meetingId}`;
    expect(mail!.text.indexOf('角色為代表')).toBeGreaterThanOrEqual(0);
    expect(mail!.text.indexOf('角色為代表')).toBeLessThan(mail!.text.indexOf('as delegate'));
    expect(mail!.text).toContain(`開啟會議: ${link}`);
    expect(mail!.text).toContain(`Open the meeting: ${link}`);
    expect(mail!.text).toContain('Create account');
    expect(mail!.html).toContain(`href="${link}"`);
    expect(mail!.html).toContain('lang="zh-Hant"');
    expect(mail!.html).toContain('Chair &lt;b&gt;Lin&lt;/b&gt;');
    expect(mail!.html).not.toContain('<b>Lin</b>');
  });

  it('an account gets it in its own interface language; the chair’s answer is the same as for an unknown address', async () => {
    const lee = await signup(server.url, 'lee@example.org', 'Lee');
    await lee.patch('/api/me', { locale: 'zh-Hant' });
    const ann = await signup(server.url, 'ann@example.org', 'Ann');
    await ann.patch('/api/me', { locale: 'en' });

    const toLee = await chair.post(`/api/meetings/${meetingId}/members`, { email: 'lee@example.org', role: 'delegate' });
    const toAnn = await chair.post(`/api/meetings/${meetingId}/members`, { email: 'ann@example.org', role: 'reviewer' });
    const toNobody = await chair.post(`/api/meetings/${meetingId}/members`, { email: 'nobody@example.org', role: 'delegate' });
    // No account oracle: status and body differ only by the address.
    expect(toLee.status).toBe(toNobody.status);
    expect({ ...toLee.body, email: '' }).toEqual({ ...toNobody.body, email: '' });

    const [zh] = await sink.waitFor('lee@example.org');
    expect(zh!.contentLanguage).toBe('zh-Hant');
    expect(zh!.subject).toBe(`Chair <b>Lin</b> 邀請您參加「${TITLE['zh-Hant']}」`);
    expect(zh!.text).toContain('角色為代表');
    expect(zh!.text).not.toContain('Open the meeting');
    expect(zh!.html).toContain('<html lang="zh-Hant">');

    const [en] = await sink.waitFor('ann@example.org');
    expect(en!.contentLanguage).toBe('en');
    expect(en!.subject).toBe(`Chair <b>Lin</b> added you to “${TITLE.en}”`);
    expect(en!.text).toContain('as reviewer');
    expect(en!.text).not.toContain('開啟會議');
    await sink.waitFor('nobody@example.org');
  });

  it('adding the same address again within the hour sends no second invitation', async () => {
    const again = await chair.post(`/api/meetings/${meetingId}/members`, { email: 'lee@example.org', role: 'observer' });
    expect(again.status).toBe(202);
    // Barrier: a later invitation has been sent, so the repeated one would have been sent before it.
    await chair.post(`/api/meetings/${meetingId}/members`, { email: 'later@example.org', role: 'observer' });
    await sink.waitFor('later@example.org');
    expect(sink.to('lee@example.org')).toHaveLength(1);
    const rows = await server.server.sql.db.selectFrom('mail_outbox').select('id').where('to_address', '=', 'lee@example.org').execute();
    expect(rows).toHaveLength(1);
  });
});

describe('without SMTP_URL', () => {
  afterAll(() => stopAllTestServers());

  it('nothing is sent, and the answers say to share the link instead', async () => {
    const server = await startTestServer({ serveClient: false, access: 'enforced' });
    const chair = await signup(server.url, 'chair@example.org', 'Chair');
    const meetingId = (await chair.post('/api/meetings', { title: TITLE })).body.id as string;
    const added = await chair.post(`/api/meetings/${meetingId}/members`, { email: 'someone@example.org', role: 'delegate' });
    expect(added.status).toBe(202);
    expect(added.body).toMatchObject({ delivery: 'link', link: `${server.url}/m/${meetingId}` });
    expect((await chair.get(`/api/meetings/${meetingId}/members`)).body.mailConfigured).toBe(false);
    expect((await chair.get('/api/me/notifications')).body).toMatchObject({ mailConfigured: false, digest: null, hasEmail: true });
    const outbox = await server.server.sql.db.selectFrom('mail_outbox').select('id').execute();
    expect(outbox).toEqual([]);
  });
});
