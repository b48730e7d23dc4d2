import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { MessageType, SyncStep } from '../../shared/src/protocol/messageType.ts';
import { summaryField } from '../../shared/src/report/reportFields.ts';
import { createThread, readThreads } from '../../shared/src/model/reviewDoc.ts';
import { storedUpdates } from '../../server/src/store/docStore.ts';
import { ApiClient, signup } from '../helpers/api.ts';
import { appendParagraph, connectClient, destroyAllClients, fragmentText, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { paragraphUpdate, RawSocket, syncMessage } from '../helpers/rawSocket.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

/**
 * Reports as objects (issue 15): who may create one, what a body may hold, settings, members and
 * roles, and the report's live document with a meeting document's rules: authors write, a
 * reviewer cannot, and nothing outside the report's document schema is stored.
 */
let server: TestServer;
const accounts: Record<string, { api: ApiClient; token: string; userId: string }> = {};
let meetingA: string;
let meetingB: string;

async function account(email: string, name: string) {
  const api = await signup(server.url, email, name);
  const token = (await api.post('/api/tokens', { name: 'ws' })).body.token as string;
  const userId = (await api.get('/api/me')).body.user.id as string;
  return { api, token, userId };
}

const validBody = () => ({ title: { 'zh-Hant': '出國報告', en: 'Trip report' }, meetingIds: [meetingA], language: 'bilingual', timezone: 'Asia/Taipei' });

beforeAll(async () => {
  server = await startTestServer({ serveClient: false, access: 'enforced', env: { LOGIN_ATTEMPTS_PER_MINUTE: '1000', ALLOW_SIGNUP: 'true' } });
  accounts.admin = await account('admin@example.org', 'Admin'); // the first account is the administrator
  for (const [key, title] of [['A', 'Workshop'], ['B', 'Plenary']] as const) {
    const created = await accounts.admin.api.post('/api/meetings', { title: { en: title } });
    expect(created.status).toBe(201);
    if (key === 'A') meetingA = created.body.id;
    else meetingB = created.body.id;
  }
  // chair: chairs A only; delegate: a delegate of A; the others have no meeting role.
  await accounts.admin.api.post(`/api/meetings/${meetingA}/members`, { email: 'chair@example.org', role: 'chair' });
  await accounts.admin.api.post(`/api/meetings/${meetingA}/members`, { email: 'delegate@example.org', role: 'delegate' });
  accounts.chair = await account('chair@example.org', 'Chair');
  accounts.delegate = await account('delegate@example.org', 'Delegate');
  accounts.author = await account('author@example.org', 'Author');
  accounts.reviewer = await account('reviewer@example.org', 'Reviewer');
  accounts.stranger = await account('stranger@example.org', 'Stranger');
});
afterAll(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

describe('creating a report', () => {
  it('a chair of every meeting creates one and becomes its owner', async () => {
    const res = await accounts.chair!.api.post('/api/reports', validBody());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ role: 'owner', language: 'bilingual', timezone: 'Asia/Taipei', meetingIds: [meetingA], status: 'draft', title: { en: 'Trip report' } });
    expect(res.body.docName).toBe(`report.${res.body.id}`);
    expect(res.body.reviewDocName).toBe(`report.${res.body.id}.review`);
    const members = await accounts.chair!.api.get(`/api/reports/${res.body.id}/members`);
    expect(members.body.members).toEqual([expect.objectContaining({ userId: accounts.chair!.userId, role: 'owner' })]);
  });

  it('a chair of only some of the meetings, a delegate and a stranger may not; nor may anyone name an unknown meeting', async () => {
    const notAllChaired = await accounts.chair!.api.post('/api/reports', { ...validBody(), meetingIds: [meetingA, meetingB] });
    expect(notAllChaired.status).toBe(403);
    expect(notAllChaired.body).toMatchObject({ code: 'forbidden', details: { meetingIds: [meetingB] } });
    expect((await accounts.delegate!.api.post('/api/reports', validBody())).status).toBe(403);
    expect((await accounts.stranger!.api.post('/api/reports', validBody())).status).toBe(403);
    const unknown = await accounts.admin!.api.post('/api/reports', { ...validBody(), meetingIds: ['no-such-meeting'] });
    expect(unknown.status).toBe(403);
    // Nothing was created by the refused requests.
    expect((await accounts.admin!.api.get('/api/reports')).body.reports).toHaveLength(1);
  });

  it('an administrator may create one over any meetings', async () => {
    const res = await accounts.admin!.api.post('/api/reports', { ...validBody(), meetingIds: [meetingB, meetingA] });
    expect(res.status).toBe(201);
    expect(res.body.meetingIds).toEqual([meetingB, meetingA]);
  });

  it('hostile bodies are refused with the path of each problem', async () => {
    const cases: Array<[string, unknown]> = [
      ['title.en', { ...validBody(), title: { en: 'x'.repeat(10_000) } }],
      ['title', { ...validBody(), title: {} }],
      ['title', { ...validBody(), title: { 'not a tag!': 'x' } }],
      ['meetingIds', { ...validBody(), meetingIds: [] }],
      ['meetingIds', { ...validBody(), meetingIds: Array.from({ length: 21 }, (_, i) => `m${i}`) }],
      ['meetingIds', { ...validBody(), meetingIds: [meetingA, meetingA] }],
      ['meetingIds.0', { ...validBody(), meetingIds: ['../meeting'] }],
      ['language', { ...validBody(), language: 'fr' }],
      ['timezone', { ...validBody(), timezone: 'Mars/Olympus' }],
      ['', { ...validBody(), owner: 'someone-else' }],
      ['cover.authors', { ...validBody(), cover: { authors: Array.from({ length: 21 }, () => ({ name: { en: 'x' } })) } }],
      ['cover.reportDate', { ...validBody(), cover: { reportDate: '2022-13-45' } }],
    ];
    for (const [path, body] of cases) {
      const res = await accounts.chair!.api.post('/api/reports', body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.code).toBe('bad_request');
      const paths: string[] = res.body.details.map((d: { path: string }) => d.path);
      expect(paths.some((p) => p === path || p.startsWith(`${path}.`)), `${path} in ${paths.join(', ')}`).toBe(true);
    }
  });
});

describe('a report’s settings, members and roles', () => {
  let reportId: string;
  let docName: string;
  let reviewDocName: string;

  beforeAll(async () => {
    const res = await accounts.chair!.api.post('/api/reports', validBody());
    ({ id: reportId, docName, reviewDocName } = res.body);
    expect((await accounts.chair!.api.post(`/api/reports/${reportId}/members`, { email: 'author@example.org', role: 'author' })).status).toBe(201);
    expect((await accounts.chair!.api.post(`/api/reports/${reportId}/members`, { email: 'reviewer@example.org', role: 'reviewer' })).status).toBe(201);
  });

  it('lists reports by membership; reading needs a role, unknown ids are 404', async () => {
    const mine = (await accounts.reviewer!.api.get('/api/reports')).body.reports;
    expect(mine.map((r: { id: string }) => r.id)).toEqual([reportId]);
    expect(mine[0].role).toBe('reviewer');
    expect((await accounts.stranger!.api.get('/api/reports')).body.reports).toEqual([]);
    expect((await accounts.stranger!.api.get(`/api/reports/${reportId}`)).status).toBe(403);
    expect((await accounts.author!.api.get('/api/reports/nosuchreport')).status).toBe(404);
    expect((await accounts.author!.api.get('/api/reports/..%2Fx')).status).toBe(404);
    const read = await accounts.reviewer!.api.get(`/api/reports/${reportId}`);
    expect(read.body).toMatchObject({ id: reportId, role: 'reviewer' });
    // Addresses are shown to those who manage members only.
    const seenByReviewer = (await accounts.reviewer!.api.get(`/api/reports/${reportId}/members`)).body.members;
    expect(seenByReviewer.every((m: { email: string | null }) => m.email === null)).toBe(true);
  });

  it('authors change the settings and cover; reviewers may not; added meetings must be readable', async () => {
    const cover = {
      agency: { 'zh-Hant': '法務部廉政署', en: 'Agency Against Corruption' },
      authors: [{ name: { 'zh-Hant': '王小明' }, title: { 'zh-Hant': '科員' } }],
      videoconference: true,
      periodStart: '2022-02-14',
      periodEnd: '2022-02-17',
      reportDate: '2022-03-10',
    };
    const put = await accounts.author!.api.request('PUT', `/api/reports/${reportId}`, { cover, language: 'zh-Hant' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ language: 'zh-Hant', role: 'author', cover: { ...cover, destination: {} } });
    expect((await accounts.reviewer!.api.request('PUT', `/api/reports/${reportId}`, { language: 'en' })).status).toBe(403);
    // The author has no role in meeting B: it cannot be added by them, but the administrator can.
    const addB = await accounts.author!.api.request('PUT', `/api/reports/${reportId}`, { meetingIds: [meetingA, meetingB] });
    expect(addB.status).toBe(403);
    expect(addB.body.details).toEqual({ meetingIds: [meetingB] });
    expect((await accounts.admin!.api.request('PUT', `/api/reports/${reportId}`, { meetingIds: [meetingB, meetingA] })).body.meetingIds).toEqual([meetingB, meetingA]);
    // ...and reordering meetings already in the report needs no role in them.
    expect((await accounts.author!.api.request('PUT', `/api/reports/${reportId}`, { meetingIds: [meetingA, meetingB] })).body.meetingIds).toEqual([meetingA, meetingB]);
    expect((await accounts.author!.api.request('PUT', `/api/reports/${reportId}`, { cover: { periodStart: '2022-02-18', periodEnd: '2022-02-17' } })).status).toBe(400);
    expect((await accounts.author!.api.request('PUT', `/api/reports/${reportId}`, {})).status).toBe(400);
  });

  it('only the owner manages members, and a report keeps an owner', async () => {
    expect((await accounts.author!.api.post(`/api/reports/${reportId}/members`, { email: 'stranger@example.org', role: 'author' })).status).toBe(403);
    expect((await accounts.chair!.api.post(`/api/reports/${reportId}/members`, { email: 'nobody@example.org', role: 'author' })).status).toBe(404);
    expect((await accounts.chair!.api.post(`/api/reports/${reportId}/members`, { email: 'chair@example.org', role: 'author' })).status).toBe(400);
    expect((await accounts.chair!.api.delete(`/api/reports/${reportId}/members/${accounts.chair!.userId}`)).status).toBe(400);
    expect((await accounts.chair!.api.post(`/api/reports/${reportId}/members`, { email: 'stranger@example.org', role: 'owner' })).status).toBe(201);
    expect((await accounts.stranger!.api.get(`/api/reports/${reportId}`)).body.role).toBe('owner');
    expect((await accounts.chair!.api.delete(`/api/reports/${reportId}/members/${accounts.stranger!.userId}`)).status).toBe(204);
    expect((await accounts.stranger!.api.get(`/api/reports/${reportId}`)).status).toBe(403);
  });

  it('the live document: an author writes the summary; a reviewer’s write is denied, not applied, not broadcast, not stored', async () => {
    const author = connectClient(server.wsUrl, docName, { params: { token: accounts.author!.token } });
    await waitSynced(author);
    appendParagraph(author.doc, summaryField('zh-Hant'), '本報告摘要');
    await eventually(async () => {
      const stored = new Y.Doc();
      for (const u of storedUpdates(await server.server.store.load(docName))) Y.applyUpdate(stored, u);
      expect(fragmentText(stored, summaryField('zh-Hant'))).toContain('本報告摘要');
    });

    const raw = await RawSocket.open(`${server.wsUrl}/${docName}?token=${accounts.reviewer!.token}`);
    const update = paragraphUpdate(storedUpdates(await server.server.store.load(docName)), summaryField('zh-Hant'), 'reviewer rewrites the summary');
    raw.send(syncMessage(SyncStep.Update, update));
    // Barrier: the server answers the write with permission-denied before we look for its effects.
    const denial = await raw.waitFor(MessageType.Auth);
    expect(denial[1]).toBe(0);
    expect(Buffer.from(denial).toString()).toContain('role-reviewer');
    // Positive control: the author's later edit reaches a fresh reader; the reviewer's never does.
    appendParagraph(author.doc, summaryField('en'), 'author after the reviewer');
    const reader = connectClient(server.wsUrl, docName, { params: { token: accounts.chair!.token } });
    await waitSynced(reader);
    await eventually(() => expect(fragmentText(reader.doc, summaryField('en'))).toContain('author after the reviewer'));
    expect(fragmentText(reader.doc, summaryField('zh-Hant'))).not.toContain('reviewer rewrites');
    expect(fragmentText(author.doc, summaryField('zh-Hant'))).not.toContain('reviewer rewrites');
    const stored = new Y.Doc();
    for (const u of storedUpdates(await server.server.store.load(docName))) Y.applyUpdate(stored, u);
    expect(fragmentText(stored, summaryField('zh-Hant'))).not.toContain('reviewer rewrites');
    raw.close();
    reader.destroy();
    author.destroy();
  });

  it('the reviewer comments in the report’s review doc; strangers cannot open either document', async () => {
    const reviewer = connectClient(server.wsUrl, reviewDocName, { params: { token: accounts.reviewer!.token } });
    const owner = connectClient(server.wsUrl, reviewDocName, { params: { token: accounts.chair!.token } });
    await waitSynced(reviewer, owner);
    // A thread on the summary's text: the anchor points into the report document (`summary/en`).
    const anchorDoc = new Y.Doc();
    const anchored = new Y.XmlText('x');
    anchorDoc.getXmlFragment(summaryField('en')).insert(0, [anchored]);
    const anchor = { start: Y.createRelativePositionFromTypeIndex(anchored, 0), end: Y.createRelativePositionFromTypeIndex(anchored, 1) };
    createThread(reviewer.doc, { slotId: 'summary', lang: 'en', anchor, quote: 'x', author: { id: accounts.reviewer!.userId, name: 'Reviewer' }, text: 'reads well' });
    await eventually(() => expect(readThreads(owner.doc)[0]?.comments[0]?.text).toBe('reads well'));
    const refused = await RawSocket.open(`${server.wsUrl}/${docName}?token=${accounts.stranger!.token}`).then(
      () => 'opened',
      (error: Error) => error.message,
    );
    expect(refused).toMatch(/403/);
    reviewer.destroy();
    owner.destroy();
  });

  it('values outside the report document schema are closed and not stored', async () => {
    const author = connectClient(server.wsUrl, docName, { params: { token: accounts.author!.token } });
    const codes: number[] = [];
    author.provider.on('connection-close', (e: CloseEvent | null) => e && codes.push(e.code));
    await waitSynced(author);
    author.doc.getMap('agenda').set('rogue', new Y.Map()); // a meeting field, not a report's
    await eventually(() => expect(codes).toContain(CloseCode.InvalidPayload));
    const stored = new Y.Doc();
    for (const u of storedUpdates(await server.server.store.load(docName))) Y.applyUpdate(stored, u);
    expect(stored.share.has('agenda')).toBe(false);
    author.destroy();
  });
});
