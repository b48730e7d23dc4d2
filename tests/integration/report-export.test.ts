import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { reportModelSchema, type ReportModel } from '../../shared/src/report/reportModel.ts';
import { parseConfig } from '../../server/src/config.ts';
import { HttpError } from '../../server/src/http/errors.ts';
import { createLogger } from '../../server/src/log.ts';
import { checkPdfA } from '../../server/src/export/pdfaCheck.ts';
import { renderReport, reportExportHeaders } from '../../server/src/export/report/reportExport.ts';
import { WorkerPool } from '../../server/src/workers/workerPool.ts';
import { pngImage } from '../helpers/pngImage.ts';

/**
 * Report exports (issue 15) from the fixture model of the fixture week, rendered by the real export
 * worker pool (piscina threads with the server's default heap cap and timeout), then read back:
 * the DOCX's XML with JSZip, the PDF with pdftotext (and pdftoppm pages for a person to look at,
 * in test-results/report-export/), the HTML print view with happy-dom.
 */
const fixture = reportModelSchema.parse(JSON.parse(fs.readFileSync(path.resolve('tests/fixtures/report-model.json'), 'utf8')));
const limits = parseConfig({}).workers;
const pool = new WorkerPool(limits, createLogger('silent'));
afterAll(() => pool.close());

const outDir = path.resolve('test-results/report-export');
fs.mkdirSync(outDir, { recursive: true });

function withLanguage(model: ReportModel, language: ReportModel['language']): ReportModel {
  return { ...model, language, languages: language === 'bilingual' ? ['zh-Hant', 'en'] : [language] };
}

/** Asserts that `items` has, in this order (others may come between), one item matching each predicate. */
function expectInOrder<T>(items: T[], steps: Array<[string, (item: T) => boolean]>): number[] {
  const found: number[] = [];
  let from = 0;
  for (const [name, matches] of steps) {
    const at = items.findIndex((item, i) => i >= from && matches(item));
    expect(at, `${name} (looked from item ${from})`).toBeGreaterThanOrEqual(0);
    found.push(at);
    from = at + 1;
  }
  return found;
}

// ---- DOCX ---------------------------------------------------------------------------------------

interface DocxItem {
  kind: 'p' | 'table' | 'end-table' | 'toc';
  style: string;
  text: string;
  /** Table rows (for `table`): each row's cell texts. */
  rows?: string[][];
  header?: boolean;
}

const unescapeXml = (s: string) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const textOf = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescapeXml(m[1]!)).join('');

/** The body's paragraphs and top-level tables in document order (a table is one item with its rows). */
function docxItems(xml: string): DocxItem[] {
  const body = xml.slice(xml.indexOf('<w:body>'), xml.lastIndexOf('</w:body>'));
  const items: DocxItem[] = [];
  let at = 0;
  while (at < body.length) {
    const next = body.slice(at).search(/<w:p[ >]|<w:tbl>|<w:sdt>/);
    if (next < 0) break;
    const start = at + next;
    if (body.startsWith('<w:tbl>', start)) {
      // Find the matching </w:tbl> (tables can hold tables).
      let depth = 0;
      let i = start;
      const re = /<w:tbl>|<\/w:tbl>/g;
      re.lastIndex = start;
      for (let m = re.exec(body); m; m = re.exec(body)) {
        depth += m[0] === '<w:tbl>' ? 1 : -1;
        if (depth === 0) {
          i = m.index + m[0].length;
          break;
        }
      }
      const table = body.slice(start, i);
      const rows = [...table.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((row) => [...row[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((cell) => textOf(cell[1]!)));
      items.push({ kind: 'table', style: '', text: textOf(table), rows, header: /<w:tblHeader\/>/.test(table) });
      at = i;
    } else if (body.startsWith('<w:sdt>', start)) {
      const end = body.indexOf('</w:sdt>', start) + '</w:sdt>'.length;
      items.push({ kind: 'toc', style: '', text: body.slice(start, end) });
      at = end;
    } else {
      const end = body.indexOf('</w:p>', start) + '</w:p>'.length;
      const p = body.slice(start, end);
      items.push({ kind: 'p', style: /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1] ?? '', text: textOf(p) });
      at = end;
    }
  }
  return items;
}

const heading = (level: number, prefix: string) => (item: DocxItem) => item.kind === 'p' && item.style === `Heading${level}` && item.text.startsWith(prefix);
const paragraph = (text: string) => (item: DocxItem) => item.kind === 'p' && item.text.includes(text);
const agendaTable = (firstTime: string) => (item: DocxItem) =>
  item.kind === 'table' && !!item.header && item.rows![0]!.join('|').includes('時間') && item.rows![0]!.join('|').includes('議程') && item.rows![1]![0] === firstTime;

describe('report DOCX', () => {
  it('has, in order: cover, 摘要, 目次 (a TOC field with its entries), 壹、貳、參、 with agenda tables and 一、目的 / 二、會議重點 / (一)…, 肆、, 伍、 with photos, the annex', async () => {
    const docx = await renderReport(pool, fixture, 'docx');
    fs.writeFileSync(path.join(outDir, 'fixture-bilingual.docx'), docx);
    const zip = await JSZip.loadAsync(docx);
    const xml = await zip.file('word/document.xml')!.async('string');
    const items = docxItems(xml);

    const found = expectInOrder(items, [
      ['report type', paragraph('出國報告')],
      ['category', paragraph('出國類別：開會')],
      ['title', paragraph('參加 2022 年亞太經濟合作反貪腐及透明化工作小組會議報告')],
      ['agency', paragraph('服務機關：法務部廉政署')],
      ['authors with titles', paragraph('姓名職稱：王小明 科長、林美華 專員')],
      ['videoconference', paragraph('派赴國家/地點：視訊會議')],
      ['period', paragraph('2022 年 2 月 14 日至 2 月 17 日')],
      ['report date', paragraph('報告日期：2022 年 3 月 10 日')],
      ['摘要', heading(1, '摘要')],
      ['summary text, beside its English', (item) => item.kind === 'table' && item.text.includes('本報告彙整 2022 年 2 月 14 日至 17 日三場會議之重點。') && item.text.includes('This report summarises')],
      ['目次', paragraph('目次')],
      ['TOC field', (item) => item.kind === 'toc'],
      ['壹、', heading(1, '壹、2022 年 2 月 14 日至 2 月 15 日「科技透明工作坊：以數位瓦解貪腐」會議紀要')],
      ['time-zone note', paragraph('本章時間均為台灣時間（GMT+8）')],
      ['day 1 agenda table', agendaTable('10:00-10:10')],
      ['day 2 agenda table', agendaTable('10:00-10:10')],
      ['一、目的', heading(2, '一、目的')],
      ['二、會議重點', heading(2, '二、會議重點')],
      ['(一)', heading(3, '(一)開幕式')],
      ['(二)', heading(3, '(二)專題一')],
      ['edited summary, source changed', paragraph('來源紀錄已於編修後變更')],
      ['貳、', heading(1, '貳、')],
      ['plenary agenda table', (item) => item.kind === 'table' && !!item.header],
      ['貳 一、目的', heading(2, '一、目的')],
      ['參、', heading(1, '參、')],
      ['draft chapter', paragraph('草稿：本章取自尚未定稿之會議紀錄')],
      ['肆、心得與建議', heading(1, '肆、心得與建議')],
      ['肆 一、 (in the side-by-side text)', (item) => item.kind === 'table' && item.text.includes('一、持續參與國際反貪腐合作') && item.text.includes('1. Keep taking part in international cooperation')],
      ['伍、相關照片', heading(1, '伍、相關照片')],
      ['photo 1 caption', paragraph('照片 1：工作坊大合照')],
      ['photo 2 caption', paragraph('照片 2：我國代表發言')],
      ['annex', heading(1, '附錄一會議議程')],
    ]);
    // The cover comes before 摘要 in its own section (no page number on it).
    expect(found[8]).toBeGreaterThan(found[7]!);

    // The chapter's agenda tables: one per meeting day, every slot a row, header row repeated on each page.
    const chapter = fixture.chapters[0]!;
    if (chapter.kind !== 'meeting') throw new Error('the fixture starts with a meeting chapter');
    const tables = items.slice(found[12], found[16]).filter((i) => i.kind === 'table');
    expect(tables.map((t) => t.rows!.length)).toEqual(chapter.agendaDays.map((d) => d.rows.length + 1));
    expect(tables[0]!.rows![1]![1]).toContain('開幕式');
    expect(tables[0]!.rows![1]![1]).toContain('Opening Session');
    expect(tables[0]!.rows![3]![1]).toContain('Thomas Stelzer，國際反貪腐學院院長兼執行秘書');

    // 目次: a TOC field (instruction and switches) whose entries are the model's contents, each
    // linked to the bookmark on its heading.
    const toc = items[found[11]!]!.text;
    expect(toc).toMatch(/<w:instrText[^>]*>TOC \\h \\o &quot;1-2&quot;<\/w:instrText>/);
    expect(toc).toContain('w:dirty="true"');
    const entries = [...toc.matchAll(/<w:hyperlink[^>]*w:anchor="([^"]+)"[^>]*>([\s\S]*?)<\/w:hyperlink>/g)].map((m) => ({ anchor: m[1]!, text: textOf(m[2]!) }));
    expect(entries.map((e) => e.text)).toEqual(fixture.contents.map((c) => `${c.number!['zh-Hant']}${c.title['zh-Hant']} / ${c.number!.en} ${c.title.en}`));
    const bookmarks = new Map([...xml.matchAll(/<w:bookmarkStart w:name="([^"]+)"[^>]*\/>([\s\S]*?)<w:bookmarkEnd/g)].map((m) => [m[1]!, textOf(m[2]!)]));
    for (const [i, entry] of entries.entries()) {
      const target = fixture.contents[i]!;
      expect(bookmarks.get(entry.anchor), entry.text).toContain(`${target.number!['zh-Hant']}${target.title['zh-Hant']}`);
    }

    // Every run says its language: Chinese runs zh-TW, English runs en-US (the TOC's entries are the
    // field's result, which Word rewrites on update, in the TOC styles).
    const runs = [...xml.replace(/<w:sdt>[\s\S]*?<\/w:sdt>/g, '').matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((m) => ({ lang: /<w:lang w:val="([^"]+)"/.exec(m[1]!)?.[1], text: textOf(m[1]!) })).filter((r) => r.text.trim());
    expect(runs.length).toBeGreaterThan(100);
    expect(runs.filter((r) => !r.lang && !/^\d+$/.test(r.text)).map((r) => r.text).slice(0, 5)).toEqual([]);
    expect(runs.find((r) => r.text === '開幕式')?.lang).toBe('zh-TW');
    expect(runs.find((r) => r.text === 'Opening Session')?.lang).toBe('en-US');

    // Page numbers: a PAGE field in the body section's footer; the photos without bytes are placeholders.
    const footers = await Promise.all(Object.keys(zip.files).filter((f) => /^word\/footer\d*\.xml$/.test(f)).map((f) => zip.file(f)!.async('string')));
    expect(footers.join('')).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(items.some(paragraph('[img-fixture-1]'))).toBe(true);
    expect(await zip.file('word/settings.xml')!.async('string')).toMatch(/<w:updateFields(?: w:val="true")?\/>/);
  });

  it('zh-Hant shows Chinese only (English names kept as written), en shows English only with I. 1. (a) numbering', async () => {
    const zh = docxItems(await (await JSZip.loadAsync(await renderReport(pool, withLanguage(fixture, 'zh-Hant'), 'docx'))).file('word/document.xml')!.async('string'));
    expectInOrder(zh, [
      ['壹、', heading(1, '壹、')],
      ['agenda', agendaTable('10:00-10:10')],
      ['一、目的', heading(2, '一、目的')],
    ]);
    expect(zh.some(heading(1, '壹、'))).toBe(true);
    expect(zh.filter((i) => i.kind === 'p').some((i) => i.text.includes('Purpose') || i.text.includes('Opening Session'))).toBe(false);
    expect(zh.some((i) => i.kind === 'table' && i.text.includes('Thomas Stelzer，國際反貪腐學院院長兼執行秘書'))).toBe(true);

    const en = docxItems(await (await JSZip.loadAsync(await renderReport(pool, withLanguage(fixture, 'en'), 'docx'))).file('word/document.xml')!.async('string'));
    expectInOrder(en, [
      ['cover', paragraph('Report on Official Travel Abroad')],
      ['Summary', heading(1, 'Summary')],
      ['I.', heading(1, 'I. Minutes of the "Workshop on Technology and Transparency"')],
      ['agenda', (item) => item.kind === 'table' && item.rows![0]!.join('|') === 'Time|Agenda'],
      ['1. Purpose', heading(2, '1. Purpose')],
      ['2. Key points', heading(2, '2. Key points')],
      ['(a)', heading(3, '(a) Opening Session')],
      ['IV.', heading(1, 'IV. Reflections and recommendations')],
      ['V.', heading(1, 'V. Photos')],
    ]);
    expect(en.some((i) => /[壹貳參肆伍]、/.test(i.text))).toBe(false);
    // One language: the reflections' own headings are sections of chapter IV (Heading 2), in order.
    expectInOrder(en, [
      ['IV.', heading(1, 'IV. Reflections')],
      ['IV 1.', heading(2, '1. Keep taking part in international cooperation')],
      ['IV 2.', heading(2, '2. Digital tools')],
      ['V.', heading(1, 'V. Photos')],
    ]);
  });
});

// ---- PDF ----------------------------------------------------------------------------------------

function pdfPages(file: string): string[] {
  // pdftotext separates pages with a form feed.
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\f');
}

describe('report PDF', () => {
  it('is PDF/A-2b and has, in order: cover, 摘要, 目次 with the right page numbers, the chapters with agenda tables, 肆、, 伍、, the annex', async () => {
    const pdf = await renderReport(pool, fixture, 'pdf');
    const file = path.join(outDir, 'fixture-bilingual.pdf');
    fs.writeFileSync(file, pdf);
    const pdfa = checkPdfA(pdf);
    expect(pdfa.problems).toEqual([]);

    const pages = pdfPages(file);
    const pageHaving = (text: string, from = 0) => pages.findIndex((p, i) => i >= from && p.includes(text));
    // Cover: page 0, no page number on it.
    for (const text of ['出國報告', 'Report on Official Travel Abroad', '出國類別：開會', '服務機關：法務部廉政署', '姓名職稱：王小明 科長、林美華 專員', '派赴國家/地點：視訊會議', '報告日期：2022 年 3 月 10 日']) expect(pages[0]).toContain(text);
    expect(pages[0]).not.toMatch(/^\s*(草稿 \/ Draft · )?\d+\s*$/m);
    expect(pageHaving('摘要')).toBe(1);
    expect(pages[1]).toMatch(/草稿 \/ Draft · 1\s*$/);
    const contentsPage = pageHaving('目次 / Contents');
    expect(contentsPage).toBe(2);

    // Each contents entry's page number is the page its heading is on (footer numbers = page index).
    const entryPages = fixture.contents
      .filter((c) => c.level === 1)
      .map((entry) => {
        const start = `${entry.number!['zh-Hant']}${entry.title['zh-Hant']}`.slice(0, 12);
        const line = pages[contentsPage]!.split('\n').find((l) => l.includes(start));
        expect(line, start).toBeTruthy();
        const number = Number(/(\d+)\s*$/.exec(line!)![1]);
        expect(pages[number], `${start} on page ${number}`).toContain(start);
        expect(pages[number]).toMatch(new RegExp(`· ${number}\\s*$`));
        return number;
      });
    expect(entryPages).toEqual([...entryPages].sort((a, b) => a - b));
    expect(new Set(entryPages).size).toBe(entryPages.length);

    // The body in order, after the contents.
    const body = pages.slice(contentsPage + 1).join('\n');
    const order = ['壹、2022 年 2 月 14 日', '本章時間均為台灣時間', '時間 / Time', '10:00-10:10', '開幕式', '一、目的', '二、會議重點', '(一)開幕式', '(二)專題一', '貳、2022 年 2 月 16 日', '時間 / Time', '參、2022 年 2 月 17 日', '草稿：本章取自尚未定稿之會議紀錄', '肆、心得與建議', '一、持續參與國際反貪腐合作', '伍、相關照片', '照片 1：工作坊大合照', '照片 2：我國代表發言', '附錄一會議議程'];
    let from = 0;
    for (const text of order) {
      const at = body.indexOf(text, from);
      expect(at, `${text} after offset ${from}`).toBeGreaterThanOrEqual(0);
      from = at + text.length;
    }
    // The agenda table is a table: time and agenda in two columns on one line, bilingual titles in the cell.
    expect(body).toMatch(/10:20-11:30\s+專題二：發展與反貪腐相關的數位化背景/);

    // Pages as images, for a person to look at (cover, contents, first chapter, photos).
    const photosPage = pageHaving('伍、相關照片', contentsPage + 1);
    for (const page of [1, contentsPage + 1, contentsPage + 2, photosPage + 1]) {
      execFileSync('pdftoppm', ['-r', '60', '-png', '-f', String(page), '-l', String(page), file, path.join(outDir, `fixture-bilingual-page`)]);
    }
    expect(fs.readdirSync(outDir).filter((f) => f.startsWith('fixture-bilingual-page') && f.endsWith('.png')).length).toBeGreaterThanOrEqual(3);
  });

  it('in English only: I. 1. (a), no Chinese headings', async () => {
    const file = path.join(outDir, 'fixture-en.pdf');
    fs.writeFileSync(file, await renderReport(pool, withLanguage(fixture, 'en'), 'pdf'));
    const text = pdfPages(file).join('\n');
    for (const expected of ['Report on Official Travel Abroad', 'Contents', 'I. Minutes of the', '1. Purpose', '(a) Opening Session', 'IV. Reflections and recommendations', 'V. Photos', 'Time', 'Agenda']) expect(text).toContain(expected);
    expect(text).not.toMatch(/[壹貳參肆伍]、/);
  });
});

// ---- HTML ---------------------------------------------------------------------------------------

describe('report HTML print view', () => {
  it('is one self-contained document: cover, 摘要, 目次 linking to every heading, chapters with agenda tables, photos, annex', async () => {
    const html = (await renderReport(pool, fixture, 'html')).toString('utf8');
    fs.writeFileSync(path.join(outDir, 'fixture-bilingual.html'), html);
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'/);
    expect(html).toMatch(/@font-face\{font-family:"Quorum Noto Sans TC"/);
    expect(reportExportHeaders(fixture, 'html')['Content-Security-Policy']).toContain("default-src 'none'");

    const window = new Window();
    window.document.write(html);
    const doc = window.document;
    const top = [...doc.body.children].map((el) => `${el.tagName.toLowerCase()}#${el.id}`);
    expect(top).toEqual(['header#cover', 'section#summary', 'nav#contents', ...fixture.chapters.map((c) => `section#${c.id}`), ...fixture.annexes.map((a) => `section#${a.id}`)]);

    const cover = doc.querySelector('#cover')!.textContent!;
    for (const text of ['出國報告', '出國類別：開會', '法務部廉政署', '王小明 科長', '視訊會議', '2022 年 3 月 10 日']) expect(cover).toContain(text);

    const links = [...doc.querySelectorAll('#contents a')].map((a) => a.getAttribute('href')!);
    expect(links).toEqual(fixture.contents.map((c) => `#${c.id}`));
    for (const link of links) expect(doc.querySelector(link), link).not.toBeNull();

    const workshop = doc.querySelector('#chapter-workshop')!;
    expect(workshop.querySelector('h1')!.textContent).toContain('壹、2022 年 2 月 14 日至 2 月 15 日');
    expect(workshop.querySelector('.timezone-note')!.textContent).toContain('較台灣時間慢 1 小時');
    const tables = [...workshop.querySelectorAll('table.agenda')];
    expect(tables).toHaveLength(2);
    expect([...tables[0]!.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['時間 / Time', '議程 / Agenda']);
    expect(tables[0]!.querySelectorAll('tbody tr')).toHaveLength(fixture.chapters[0]!.kind === 'meeting' ? fixture.chapters[0]!.agendaDays[0]!.rows.length : -1);
    expect(workshop.querySelector('.purpose h2')!.textContent).toContain('一、目的');
    expect(workshop.querySelector('.key-points h2')!.textContent).toContain('二、會議重點');
    expect([...workshop.querySelectorAll('.key-point h3')].map((h) => h.querySelector('span')!.textContent).slice(0, 2)).toEqual(['(一)開幕式', '(二)專題一：工作坊前導問卷呈現']);
    expect(workshop.querySelector('.source-changed')).not.toBeNull();
    expect(workshop.querySelector('.bilingual > [lang="zh-Hant"] + [lang="en"]')).not.toBeNull();
    expect(doc.querySelector('#chapter-network .draft-mark')).not.toBeNull();
    expect(doc.querySelector('#reflections h1')!.textContent).toContain('肆、心得與建議');
    expect(doc.querySelectorAll('#photos figure.photo')).toHaveLength(2);
    expect(doc.querySelector('#photos .photo-placeholder')!.getAttribute('data-image-id')).toBe('img-fixture-1');
    expect(doc.querySelector('#photos figcaption')!.textContent).toContain('照片 1：工作坊大合照');
    window.close();
  });
});

// ---- Photos, limits -----------------------------------------------------------------------------

describe('report exports with photos', () => {
  const PHOTOS = 40;
  const withPhotos = (): { model: ReportModel; images: Record<string, Uint8Array> } => {
    const images: Record<string, Uint8Array> = {};
    const photos = Array.from({ length: PHOTOS }, (_, i) => {
      const imageId = `img-${i + 1}`;
      images[imageId] = pngImage(1200, 900, { seed: i + 1, noise: 0.25 });
      return { imageId, caption: { 'zh-Hant': `會場照片 ${i + 1}`, en: `Venue photo ${i + 1}` }, position: i + 1 };
    });
    return { model: { ...fixture, chapters: fixture.chapters.map((c) => (c.kind === 'photos' ? { ...c, photos } : c)) }, images };
  };

  it(`a report with ${PHOTOS} photos renders in every format within the export workers' heap cap and timeout`, { timeout: 240_000 }, async () => {
    const { model, images } = withPhotos();
    const totalMb = Object.values(images).reduce((sum, b) => sum + b.byteLength, 0) / 1024 / 1024;
    expect(totalMb).toBeGreaterThan(20);

    const pdf = await renderReport(pool, model, 'pdf', images);
    const file = path.join(outDir, 'photos-40.pdf');
    fs.writeFileSync(file, pdf);
    expect(checkPdfA(pdf).problems).toEqual([]);
    expect((pdf.toString('latin1').match(/\/Subtype \/Image/g) ?? []).length).toBe(PHOTOS);
    const text = pdfPages(file).join('\n');
    expect(text).toContain(`照片 ${PHOTOS}：會場照片 ${PHOTOS}`);
    const firstPhotoPage = pdfPages(file).findIndex((p) => p.includes('照片 1：會場照片 1'));
    execFileSync('pdftoppm', ['-r', '50', '-png', '-f', String(firstPhotoPage + 1), '-l', String(firstPhotoPage + 1), file, path.join(outDir, 'photos-40-page')]);

    const docx = await JSZip.loadAsync(await renderReport(pool, model, 'docx', images));
    expect(Object.keys(docx.files).filter((f) => f.startsWith('word/media/'))).toHaveLength(PHOTOS);
    const xml = await docx.file('word/document.xml')!.async('string');
    expect((xml.match(/<pic:pic\b/g) ?? []).length).toBe(PHOTOS);

    const html = (await renderReport(pool, model, 'html', images)).toString('utf8');
    expect((html.match(/<img [^>]*src="data:image\/png;base64,iVBORw0KGgo/g) ?? []).length).toBe(PHOTOS);
  });

  it('a render beyond the workers\' timeout is stopped and answered 503 export_too_large; images beyond the limits 413', async () => {
    const { model, images } = withPhotos();
    const strict = new WorkerPool({ ...limits, timeoutMs: 50 }, createLogger('silent'));
    try {
      const error = await renderReport(strict, model, 'pdf', images).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HttpError);
      expect((error as HttpError).status).toBe(503);
      expect((error as HttpError).code).toBe('export_too_large');
    } finally {
      await strict.close();
    }
    const tooMany = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`img-${i}`, new Uint8Array(10)]));
    const refused = await renderReport(pool, fixture, 'pdf', tooMany).catch((e: unknown) => e);
    expect((refused as HttpError).status).toBe(413);
    expect((refused as HttpError).message).toContain('at most 200 images');
  });

  it('a model outside the schema is refused by the worker with the path of what does not fit; an image that is not PNG/JPEG becomes a placeholder', async () => {
    const broken = { ...fixture, chapters: [{ ...fixture.chapters[0]!, agendaDays: [{ date: 'not a date', label: {}, rows: [] }] }] };
    await expect(renderReport(pool, broken as unknown as ReportModel, 'pdf')).rejects.toThrow(/does not fit the schema: chapters\.0\.agendaDays\.0\.date/);

    const html = (await renderReport(pool, fixture, 'html', { 'img-fixture-1': new TextEncoder().encode('<svg onload=alert(1)>'), 'img-fixture-2': pngImage(40, 30) })).toString('utf8');
    expect(html).toContain('data-image-id="img-fixture-1"');
    expect(html).not.toContain('onload=alert');
    expect((html.match(/<img /g) ?? []).length).toBe(1);
  });

  it('a JPEG photo is embedded as it is in all three formats; a CMYK JPEG (outside PDF/A\'s sRGB intent) becomes a placeholder', async () => {
    const jpeg = fs.readFileSync(path.resolve('tests/fixtures/report-photo.jpg'));
    // The same photo marked as four-component (CMYK) in its start-of-frame header.
    const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
    expect(jpeg[sof + 9]).toBe(3);
    const cmyk = Buffer.from(jpeg);
    cmyk[sof + 9] = 4;
    const images = { 'img-fixture-1': jpeg, 'img-fixture-2': cmyk };

    const pdf = await renderReport(pool, fixture, 'pdf', images);
    expect(checkPdfA(pdf).problems).toEqual([]);
    const latin = pdf.toString('latin1');
    expect((latin.match(/\/Subtype \/Image/g) ?? []).length).toBe(1);
    expect(latin).toContain('/DCTDecode');
    expect(pdf.includes(jpeg.subarray(0, 2000))).toBe(true);
    const file = path.join(outDir, 'jpeg.pdf');
    fs.writeFileSync(file, pdf);
    expect(pdfPages(file).join('\n')).toContain('[img-fixture-2]');

    const docx = await JSZip.loadAsync(await renderReport(pool, fixture, 'docx', images));
    const media = Object.keys(docx.files).filter((f) => f.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    expect(Buffer.from(await docx.file(media[0]!)!.async('uint8array')).equals(jpeg)).toBe(true);

    const html = (await renderReport(pool, fixture, 'html', images)).toString('utf8');
    expect(html).toContain(`src="data:image/jpeg;base64,${jpeg.toString('base64')}"`);
    expect(html).toContain('data-image-id="img-fixture-2"');
  });
});
