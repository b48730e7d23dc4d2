import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createThread } from '../../shared/src/model/reviewDoc.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { appendParagraph, connectClient, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { useMeetingServer } from '../helpers/meetingServer.ts';

// Issue 14: in a side-by-side PDF with notes, the Chinese column's note ran into the English column
// and over its "Written by" line. The PDF is made by the real server from minutes written by two
// people and a long comment, then read back with poppler: every word's box (pdftotext -bbox) stays
// in its column and touches no other word, and the rendered page (pdftoppm) is blank between the
// columns.
const ctx = useMeetingServer(['delegate', 'reviewer']);
const dir = mkdtempSync(join(tmpdir(), 'quorum-pdf-columns-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Word {
  text: string;
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

function words(pdfPath: string): Word[] {
  const xml = execFileSync('pdftotext', ['-bbox', pdfPath, '-'], { encoding: 'utf8' });
  const out: Word[] = [];
  xml.split('<page ').slice(1).forEach((page, index) => {
    for (const m of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      out.push({ text: m[5]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"'), page: index + 1, xMin: +m[1]!, yMin: +m[2]!, xMax: +m[3]!, yMax: +m[4]! });
    }
  });
  return out;
}

/** A page rendered at 72 dpi (one pixel per point) as a binary PPM, decoded. */
function renderPage(pdfPath: string, page: number): { width: number; height: number; rgb: Buffer } {
  const prefix = join(dir, `page${page}`);
  execFileSync('pdftoppm', ['-r', '72', '-f', String(page), '-l', String(page), '-singlefile', pdfPath, prefix]);
  const ppm = readFileSync(`${prefix}.ppm`);
  const header = ppm.toString('latin1', 0, 50).match(/^P6\s+(\d+)\s+(\d+)\s+255\s/);
  if (!header) throw new Error('not a binary PPM');
  return { width: +header[1]!, height: +header[2]!, rgb: ppm.subarray(header[0].length) };
}

const overlaps = (a: Word, b: Word) => a.page === b.page && a.xMin < b.xMax - 0.5 && b.xMin < a.xMax - 0.5 && a.yMin < b.yMax - 0.5 && b.yMin < a.yMax - 0.5;
const hasHan = (text: string) => /\p{Script=Han}/u.test(text);

describe('side-by-side PDF with notes and authorship', () => {
  it('keeps every note and "Written by" line inside its own column', async () => {
    const { members, meeting, server } = ctx;
    const zh = minutesField('general', 'zh-Hant');
    const en = minutesField('general', 'en');
    const chair = connectClient(server.wsUrl, meeting.docName, { params: { token: members.chair!.token } });
    const delegate = connectClient(server.wsUrl, meeting.docName, { params: { token: members.delegate!.token } });
    await waitSynced(chair, delegate);
    appendParagraph(chair.doc, zh, '主席宣布開會，並歡迎各經濟體代表出席本次研討會。');
    appendParagraph(chair.doc, en, 'The Chair opened the meeting and welcomed the delegates of all economies to the workshop.');
    appendParagraph(delegate.doc, en, 'The delegate of Chinese Taipei presented the report on the review of anti-corruption measures.');
    const room = server.server.rooms.get(meeting.docName)!;
    await eventually(() => expect([room.doc.getXmlFragment(zh).length, room.doc.getXmlFragment(en).length]).toEqual([1, 2]));

    // A long comment on the Chinese paragraph: its note is several lines long in the Chinese column.
    const reviewer = connectClient(server.wsUrl, meeting.reviewDocName, { params: { token: members.reviewer!.token } });
    await waitSynced(reviewer);
    const zhText = (chair.doc.getXmlFragment(zh).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    createThread(reviewer.doc, {
      slotId: 'general',
      lang: 'zh-Hant',
      anchor: { start: Y.createRelativePositionFromTypeIndex(zhText, 0), end: Y.createRelativePositionFromTypeIndex(zhText, 6) },
      quote: '主席宣布開會',
      author: { id: members.reviewer!.userId, name: 'Reviewer' },
      text: '請確認主席的職稱與姓名是否正確，並補上各經濟體代表的完整名單以及其所屬機關名稱，以利後續紀錄之完整性與正確性。Please also check the English title.',
    });
    await eventually(() => expect(server.server.rooms.get(meeting.reviewDocName)!.doc.getMap('threads').size).toBe(1));

    const res = await fetch(`${server.url}/api/meetings/${meeting.id}/export?format=pdf&lang=all&layout=side-by-side&authorship=1&notes=1`, {
      headers: { authorization: `Bearer ${members.chair!.token}` },
    });
    expect(res.status).toBe(200);
    const pdfPath = join(dir, 'minutes.pdf');
    writeFileSync(pdfPath, Buffer.from(await res.arrayBuffer()));

    const all = words(pdfPath);
    // The minutes rows: from the first paragraph to the heading after the minutes.
    const first = all.find((w) => w.text.startsWith('主席宣布開會'))!;
    const after = all.find((w) => w.text.startsWith('決議及待辦事項'))!;
    expect(first).toBeDefined();
    expect(after).toBeDefined();
    const inRows = all.filter((w) => w.page === first.page && w.yMin >= first.yMin - 0.5 && w.yMax <= after.yMin + 0.5);
    const chinese = inRows.filter((w) => hasHan(w.text));
    const english = inRows.filter((w) => !hasHan(w.text) && !/^[[\]\d—:.,·（）()]+$/.test(w.text));
    // The note, the authorship lines and the minutes of both languages are all in these rows.
    const joined = (ws: Word[]) => ws.map((w) => w.text).join('');
    expect(joined(chinese)).toContain('以利後續紀錄之完整性與正確性');
    expect(joined(chinese)).toContain('撰寫者');
    expect(inRows.map((w) => w.text)).toEqual(expect.arrayContaining(['Written', 'Chair', 'Delegate', 'check', 'title.']));

    // The English column starts where its first paragraph does; the Chinese column ends before it.
    const englishLeft = all.find((w) => w.text === 'The' && w.yMin >= first.yMin - 0.5)!.xMin;
    expect(englishLeft).toBeGreaterThan(first.xMin + 100);
    const zhColumn = chinese.filter((w) => w.xMin < englishLeft);
    expect(zhColumn.length).toBe(chinese.length); // no Chinese word starts in the English column
    const zhRight = Math.max(...zhColumn.map((w) => w.xMax));
    expect(zhRight).toBeLessThan(englishLeft);
    // The English words of the note ("…Please also check the English title.") are in the Chinese column, before the gutter.
    const noteWords = inRows.filter((w) => ['also', 'check', 'title.'].includes(w.text));
    for (const w of noteWords) expect(w.xMax, w.text).toBeLessThan(englishLeft);
    // Every other word starts in one column and ends before the other begins.
    for (const w of inRows) expect(w.xMax <= zhRight + 0.5 || w.xMin >= englishLeft - 0.5, `${w.text} at ${w.xMin}-${w.xMax}`).toBe(true);
    // No two words anywhere in the document overlap (a note over a "Written by" line would).
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) expect(overlaps(all[i]!, all[j]!), `${all[i]!.text} / ${all[j]!.text}`).toBe(false);

    // Rendered, the gutter between the columns is white over all the minutes rows.
    const page = renderPage(pdfPath, first.page);
    let inked = 0;
    for (let y = Math.ceil(first.yMin); y < Math.floor(after.yMin); y++) {
      for (let x = Math.ceil(zhRight) + 1; x < Math.floor(englishLeft) - 1; x++) {
        const at = (y * page.width + x) * 3;
        if (page.rgb[at]! < 200 || page.rgb[at + 1]! < 200 || page.rgb[at + 2]! < 200) inked++;
      }
    }
    expect(Math.floor(englishLeft) - 1 - (Math.ceil(zhRight) + 1)).toBeGreaterThan(5);
    expect(inked).toBe(0);
  });
});
