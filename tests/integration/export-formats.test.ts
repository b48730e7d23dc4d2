import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureMeeting } from '../helpers/fixtureMeeting.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

const ADMIN = 'admin-token-for-tests-0123456789';
let server: TestServer;
let fixture: Awaited<ReturnType<typeof createFixtureMeeting>>;
const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

beforeAll(async () => {
  server = await startTestServer({ serveClient: false, access: 'enforced', env: { ADMIN_TOKEN: ADMIN } });
  fixture = await createFixtureMeeting(server, ADMIN);
});
afterAll(stopAllTestServers);

const exportOf = async (query: string) => {
  const res = await fetch(`${server.url}/api/meetings/${fixture.meeting.id}/export?${query}`, { headers: { authorization: `Bearer ${ADMIN}` } });
  return { status: res.status, type: res.headers.get('content-type'), csp: res.headers.get('content-security-policy'), body: Buffer.from(await res.arrayBuffer()) };
};

describe('exports of a bilingual meeting', () => {
  it('HTML: header, agenda, both languages side by side, attribution, decisions, sanitised', async () => {
    const html = await exportOf('format=html&lang=all');
    expect(html.status).toBe(200);
    expect(html.csp).toContain("default-src 'none'");
    const text = html.body.toString();
    for (const expected of ['科技透明工作坊：以數位瓦解貪腐', 'Workshop on Technology and Transparency', 'Asia/Taipei', '專題一：工作坊前導問卷呈現', 'Item 1: Presentation of Pre-Workshop Research Work', '主席致開幕詞', 'The Chair welcomed', '泰國 / Thailand', '決議 / Decision', 'The agenda was adopted.', 'circulate the slides']) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('<img src=x');
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(text).not.toMatch(/<script/i);
  });

  it('numbers slots and headings in decimal or Chinese official style', async () => {
    const decimal = (await exportOf('format=html&lang=en&numbering=decimal')).body.toString();
    expect(decimal).toMatch(/<span class="num">1\.<\/span> Opening Session/);
    expect(decimal).toMatch(/<span class="num">2\.1<\/span>/);
    const chinese = (await exportOf('format=html&lang=zh-Hant&numbering=chinese')).body.toString();
    expect(chinese).toMatch(/<span class="num">壹、<\/span> 開幕式/);
    expect(chinese).toMatch(/<span class="num">貳、<\/span> 專題一/);
    expect(chinese).toMatch(/<span class="num">一、<\/span>/);
  });

  it('Markdown in one language, and in sequence', async () => {
    const en = (await exportOf('format=md&lang=en')).body.toString();
    expect(en).toContain('# Workshop on Technology and Transparency');
    expect(en).toContain('**Chinese Taipei:** Chinese Taipei presented the main findings');
    expect(en).not.toContain('主席');
    const sequence = (await exportOf('format=md&lang=all&layout=sequence')).body.toString();
    expect(sequence.indexOf('主席致開幕詞')).toBeGreaterThan(0);
    expect(sequence.indexOf('The Chair welcomed')).toBeGreaterThan(sequence.indexOf('主席致開幕詞'));
  });

  it('DOCX opens and holds the Chinese and English minutes and the agenda', async () => {
    const docx = await exportOf('format=docx&lang=all');
    expect(docx.status).toBe(200);
    expect(docx.body.subarray(0, 2).toString()).toBe('PK');
    const { value } = await mammoth.extractRawText({ buffer: docx.body });
    for (const expected of ['科技透明工作坊：以數位瓦解貪腐', '開幕式', 'Opening Session', '主席致開幕詞，歡迎各經濟體代表。', 'The agenda was adopted.', '中華臺北說明前導問卷的主要發現。']) {
      expect(value).toContain(expected);
    }
  });

  it.skipIf(!hasPoppler && process.env.CI !== 'true')('PDF has real, extractable Chinese and English text, embedded fonts and PDF/A metadata', async () => {
    const pdf = await exportOf('format=pdf&lang=all&numbering=chinese');
    expect(pdf.status).toBe(200);
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = path.resolve('test-results');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'export-fixture.pdf');
    fs.writeFileSync(file, pdf.body);
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    for (const expected of ['科技透明工作坊：以數位瓦解貪腐', '開幕式', 'Opening Session', '主席致開幕詞', 'The Chair welcomed', '專題一：工作坊前導問卷呈現', '實際 / Actual: 09:02–09:12']) {
      expect(text.replace(/\s+/g, ' ')).toContain(expected);
    }
    const fonts = execFileSync('pdffonts', [file]).toString();
    expect(fonts).toContain('NotoSansTC');
    // Every font embedded ("emb" column yes), no standard 14 fonts.
    for (const line of fonts.split('\n').slice(2).filter(Boolean)) expect(line).toMatch(/\byes\b/);
    const info = execFileSync('pdfinfo', ['-meta', file]).toString();
    expect(info).toContain('pdfaid:part');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', file, path.join(dir, 'export-fixture')]);
  });

  it('refuses bad options and unknown languages with 400', async () => {
    expect((await exportOf('format=odt')).status).toBe(400);
    expect((await exportOf('format=pdf&lang=fr')).status).toBe(400);
    expect((await exportOf('format=pdf&numbering=roman')).status).toBe(400);
  });
});
