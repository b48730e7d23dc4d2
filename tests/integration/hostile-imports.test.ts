import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slotText } from '../../shared/src/model/minutesText.ts';
import { meetingWithMembers } from '../helpers/api.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';
import { docxWithBody, wordParagraph } from '../helpers/zipFiles.ts';

/**
 * Issue 13, findings 1, 2 (import half) and 18: hostile imports are refused with a 4xx that names
 * the limit, before anything is stored, and the server lives on. Default limits throughout.
 */
let server: TestServer;
let setup: Awaited<ReturnType<typeof meetingWithMembers>>;
/** Built before the server starts: compressing hundreds of MB holds this process (and so the in-process server) for seconds. */
let bombs: { unzips64MB: Buffer; paragraph200MB: Buffer; liar: Buffer };

beforeAll(async () => {
  bombs = {
    unzips64MB: docxWithBody(wordParagraph(Buffer.alloc(64 * 1024 * 1024, 'a'))),
    paragraph200MB: docxWithBody(wordParagraph(Buffer.alloc(200 * 1024 * 1024, '字 '))),
    liar: docxWithBody(wordParagraph(Buffer.alloc(64 * 1024 * 1024, 'a')), { declaredDocumentSize: 4_000 }),
  };
  server = await startTestServer({ serveClient: false, access: 'enforced', env: { LOGIN_ATTEMPTS_PER_MINUTE: '1000' } });
  setup = await meetingWithMembers(server.url, ['delegate']);
}, 60_000);

afterAll(() => stopAllTestServers());

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

async function importInto(lang: string, type: string, body: Buffer | string) {
  const res = await fetch(`${server.url}/api/meetings/${setup.meeting.id}/minutes/general/${lang}/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${setup.members.delegate!.token}`, 'content-type': type },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return { status: res.status, body: (await res.json()) as { error: string; code: string; details?: { limit: string; max: number; found?: number }; importedBlocks?: number } };
}

/** The refused import left the minutes as they were, and the server answers. */
async function expectNothingStored(lang: string) {
  const text = await server.server.rooms.withRoom(setup.meeting.docName, (room) => slotText(room.doc, 'general', lang));
  expect(text).toBe('');
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
}

describe('imports bounded in what they produce (DOCX)', () => {
  it('refuses a 196 KB DOCX that unzips to 64 MB from the zip directory, before unzipping it', async () => {
    expect(bombs.unzips64MB.length).toBeLessThan(200 * 1024);
    const res = await importInto('en', DOCX, bombs.unzips64MB);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'import_too_large', details: { limit: 'IMPORT_MAX_UNZIPPED_MB', max: 32 * 1024 * 1024 } });
    expect(res.body.error).toMatch(/unzips to 64\.\d MiB; at most 32\.0 MiB/);
    await expectNothingStored('en');
  });

  it('refuses a 200 KB DOCX that becomes a 200 MB paragraph (answered 201 before)', async () => {
    expect(bombs.paragraph200MB.length).toBeLessThan(210 * 1024);
    const res = await importInto('zh-Hant', DOCX, bombs.paragraph200MB);
    expect(res.status).toBe(413);
    expect(res.body.details?.limit).toBe('IMPORT_MAX_UNZIPPED_MB');
    await expectNothingStored('zh-Hant');
  });

  it('catches a zip that declares less than it holds while unzipping', async () => {
    const res = await importInto('en', DOCX, bombs.liar);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'import_too_large', details: { limit: 'IMPORT_MAX_UNZIPPED_MB' } });
    expect(res.body.error).toMatch(/more than it declares/);
    await expectNothingStored('en');
  });

  it('refuses text beyond the character limit that fits the unzipped limit', async () => {
    const long = docxWithBody(Buffer.concat(Array.from({ length: 12 }, () => wordParagraph(Buffer.alloc(100_000, 'b')))));
    const res = await importInto('en', DOCX, long);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'import_too_large', details: { limit: 'IMPORT_MAX_CHARACTERS', max: 1_000_000 } });
    await expectNothingStored('en');
  });

  it('refuses 10,000 nested tables with 422 (a stack overflow answered 500 before)', async () => {
    const depth = 10_000;
    const nested = docxWithBody(`${'<w:tbl><w:tr><w:tc>'.repeat(depth)}<w:p/>${'</w:tc></w:tr></w:tbl>'.repeat(depth)}`);
    const res = await importInto('en', DOCX, nested);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'import_too_deep', details: { limit: 'IMPORT_MAX_NESTING', max: 20 } });
    await expectNothingStored('en');
  });
});

describe('imports bounded in what they produce (Markdown, HTML)', () => {
  it('refuses 9 MB of Markdown with 3,000 nested list levels at once (it took the 4 GB heap before)', async () => {
    const text = Array.from({ length: 3_000 }, (_, level) => `${'  '.repeat(level)}- item ${level}`).join('\n');
    expect(text.length).toBeGreaterThan(9_000_000);
    const res = await importInto('en', 'text/markdown', text);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'import_too_deep', details: { limit: 'IMPORT_MAX_NESTING' } });
    await expectNothingStored('en');
  });

  it('refuses 10^5 nested quotes and lists with 422, not 500', async () => {
    const depth = 100_000;
    for (const [type, body] of [
      ['text/markdown', `${'>'.repeat(depth)} deep`],
      ['text/markdown', `${'- '.repeat(depth)}deep`],
      ['text/html', `${'<blockquote>'.repeat(depth)}deep${'</blockquote>'.repeat(depth)}`],
      ['text/html', `${'<ul><li>'.repeat(depth)}deep`],
    ] as const) {
      const res = await importInto('en', type, body);
      expect(res.status, `${type}: ${body.slice(0, 20)}`).toBe(422);
      expect(res.body.code).toBe('import_too_deep');
    }
    await expectNothingStored('en');
  });

  it('refuses nesting just over the limit that only the parsed document shows', async () => {
    // Lists indented by two columns: the pre-scan counts them at half depth; the parsed document has 30.
    const text = Array.from({ length: 30 }, (_, level) => `${'  '.repeat(level)}- level ${level + 1}`).join('\n');
    const res = await importInto('en', 'text/markdown', text);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'import_too_deep', details: { limit: 'IMPORT_MAX_NESTING', max: 20, found: 21 } });
    await expectNothingStored('en');
  });

  it('refuses more paragraphs than one import may add', async () => {
    const res = await importInto('en', 'text/markdown', Array.from({ length: 12_000 }, (_, i) => `Paragraph ${i}.`).join('\n\n'));
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'import_too_large', details: { limit: 'IMPORT_MAX_BLOCKS', max: 10_000 } });
    await expectNothingStored('en');
  });

  it('still imports what is within the limits: nested lists, a table, a long DOCX', async () => {
    const list = Array.from({ length: 10 }, (_, level) => `${'  '.repeat(level)}- level ${level + 1}`).join('\n');
    const markdown = await importInto('en', 'text/markdown', `${list}\n\n| a | b |\n| - | - |\n| 1 | 2 |\n`);
    expect(markdown.status).toBe(201);
    const docx = await importInto('zh-Hant', DOCX, docxWithBody(Buffer.concat(Array.from({ length: 2_000 }, (_, i) => wordParagraph(`第 ${i} 段`)))));
    expect(docx.status).toBe(201);
    expect(docx.body.importedBlocks).toBe(2_000);
    const texts = await server.server.rooms.withRoom(setup.meeting.docName, (room) => [slotText(room.doc, 'general', 'en'), slotText(room.doc, 'general', 'zh-Hant')]);
    expect(texts[0]).toContain('level 10');
    expect(texts[1]).toContain('第 1999 段');
  });
});
