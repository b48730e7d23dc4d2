import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { localizedText, type AgendaDay, type Localized, type MeetingChapter, type NumberLabel, type ReportTextLanguage, type RichText, type TextSection } from '../../../../shared/src/report/reportModel.ts';
import { fitInto } from './reportImages.ts';
import { coverFields, fieldLine, headingLines, headingText, joined, perLanguage, PHOTO_LABEL, richTextBlocks, rowTime, speakerLine, type ReportView, type TextBlock, writeReportBody } from './reportText.ts';

/**
 * The report as a PDF/A-2b file (pdfkit, Noto Sans TC embedded and subsetted, as the meeting PDF):
 * cover, 摘要, 目次 with page numbers, the chapters with their agenda tables drawn as tables, photos,
 * annexes, page numbers in the footer of every page but the cover.
 *
 * The contents come before the chapters but name the pages the chapters land on, so their pages
 * are reserved first (their length depends only on the entries, not on the numbers) and filled in
 * once every heading has been placed (pdfkit buffers the pages).
 */
const require = createRequire(import.meta.url);
const FONT_REGULAR = require.resolve('@expo-google-fonts/noto-sans-tc/400Regular/NotoSansTC_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/noto-sans-tc/700Bold/NotoSansTC_700Bold.ttf');

const TEXT = '#1a1a1a';
const MUTED = '#555555';
const WARN = '#a04000';

interface Run {
  text: string;
  bold?: boolean;
  color?: string;
}

interface Para {
  runs: Run[];
  size: number;
  indent: number;
  gapBefore: number;
  align?: 'left' | 'center' | 'right';
}

const para = (text: string, size: number, extra: Partial<Para> & { bold?: boolean; color?: string } = {}): Para => ({
  runs: [{ text, bold: extra.bold, color: extra.color }],
  size,
  indent: extra.indent ?? 0,
  gapBefore: extra.gapBefore ?? 3,
  align: extra.align,
});

const blockPara = (block: TextBlock): Para => ({
  runs: [...(block.marker ? [{ text: block.marker }] : []), ...block.runs.map((r) => ({ text: r.text, bold: r.bold }))],
  size: block.kind === 'heading' ? (block.level <= 2 ? 11.5 : 10.5) : 10,
  indent: block.kind === 'heading' ? 0 : block.level * 14,
  gapBefore: block.kind === 'heading' ? 8 : 4,
});

class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  /** Heading id -> page index (0 is the cover). */
  readonly pageOf = new Map<string, number>();
  private readonly left: number;
  private readonly width: number;

  constructor(private readonly view: ReportView) {
    const { model, languages } = view;
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: 64, bottom: 72, left: 64, right: 64 },
      pdfVersion: '1.7',
      subset: 'PDF/A-2b',
      font: FONT_REGULAR,
      lang: languages[0] === 'zh-Hant' ? 'zh-TW' : 'en',
      displayTitle: true,
      bufferPages: true,
      info: {
        Title: headingText(null, model.cover.title, languages),
        Author: model.cover.authors.map((a) => localizedText(a.name, languages[0]!)).join(', ') || 'Quorum',
        Subject: headingText(null, model.cover.reportType, languages),
        Creator: 'Quorum',
        CreationDate: new Date(model.generatedAt),
      },
    });
    this.left = this.doc.page.margins.left;
    this.width = this.doc.page.width - this.left - this.doc.page.margins.right;
  }

  private get languages() {
    return this.view.languages;
  }

  private bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  private get top(): number {
    return this.doc.page.margins.top;
  }

  get pageIndex(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count - 1;
  }

  newPage(): void {
    this.doc.addPage();
  }

  heightOf(p: Para, width: number): number {
    const text = p.runs.map((r) => r.text).join('') || ' ';
    const bold = p.runs.length > 0 && p.runs.every((r) => r.bold);
    return this.doc.font(bold ? FONT_BOLD : FONT_REGULAR).fontSize(p.size).heightOfString(text, { width: width - p.indent }) + p.gapBefore;
  }

  draw(p: Para, x: number, y: number, width: number): number {
    const { doc } = this;
    doc.y = y + p.gapBefore;
    const runs = p.runs.length ? p.runs : [{ text: ' ' }];
    runs.forEach((run, i) => {
      doc.font(run.bold ? FONT_BOLD : FONT_REGULAR).fontSize(p.size).fillColor(run.color ?? TEXT);
      doc.text(run.text, i === 0 ? x + p.indent : undefined, i === 0 ? doc.y : undefined, { width: width - p.indent, continued: i < runs.length - 1, align: p.align });
    });
    return doc.y;
  }

  flow(p: Para, keepWithNext = 0): void {
    if (this.doc.y + Math.min(this.heightOf(p, this.width) + keepWithNext, this.bottom() - this.top) > this.bottom()) this.newPage();
    this.doc.y = this.draw(p, this.left, this.doc.y, this.width);
  }

  /** Paragraph rows aligned across languages, side by side (one column per language). */
  columns(columns: Para[][]): void {
    if (columns.length === 1) {
      columns[0]!.forEach((p) => this.flow(p));
      return;
    }
    const gap = 16;
    const colWidth = (this.width - gap * (columns.length - 1)) / columns.length;
    const rows = Math.max(...columns.map((c) => c.length));
    for (let r = 0; r < rows; r++) {
      const cells = columns.map((c) => c[r]);
      const rowHeight = Math.max(...cells.map((p) => (p ? this.heightOf(p, colWidth) : 0)));
      if (this.doc.y + Math.min(rowHeight, this.bottom() - this.top) > this.bottom()) this.newPage();
      const top = this.doc.y;
      const ends = cells.map((p, i) => (p ? this.draw(p, this.left + i * (colWidth + gap), top, colWidth) : top));
      this.doc.y = Math.max(top + rowHeight, ...ends);
    }
  }

  heading(level: 1 | 2 | 3, id: string | null, number: NumberLabel | null, title: Localized, newPage = false): void {
    if (newPage) this.newPage();
    const size = level === 1 ? 16 : level === 2 ? 13 : 11.5;
    const lines = headingLines(number, title, this.languages).map((line, i) => para(line.text, i === 0 ? size : size - 1.5, { bold: true, gapBefore: i === 0 ? (level === 1 ? 6 : 10) : 1 }));
    // A heading is never the last thing on a page: keep room for a few lines after it.
    const total = lines.reduce((sum, p) => sum + this.heightOf(p, this.width), 0);
    if (this.doc.y + total + 48 > this.bottom()) this.newPage();
    if (id) this.pageOf.set(id, this.pageIndex);
    lines.forEach((p) => this.flow(p));
    this.doc.y += 2;
  }

  note(text: Localized, color = MUTED): void {
    for (const line of perLanguage(text, this.languages)) this.flow(para(line.text, 9, { color, gapBefore: 2 }));
  }

  richText(text: RichText): void {
    const columns = richTextBlocks(text, this.languages).map(({ blocks }) => (blocks.length ? blocks.map(blockPara) : [para('—', 10, { color: '#888888' })]));
    this.columns(columns);
  }

  section(section: TextSection, level: 1 | 2, newPage = false): void {
    this.heading(level, section.id, section.number, section.title, newPage);
    this.richText(section.body);
  }

  /** 時間 | 議程 as a table with borders; the header row repeats on every page the table runs onto. */
  agendaTable(day: AgendaDay): void {
    const { doc } = this;
    const { labels } = this.view.model;
    const widths = [this.width * 0.2, this.width * 0.8];
    const pad = 5;
    const cellHeight = (paras: Para[], width: number) => paras.reduce((sum, p) => sum + this.heightOf(p, width - 2 * pad), 0) + 2 * pad;
    const drawRow = (cells: Para[][], fill?: string) => {
      const height = Math.max(...cells.map((c, i) => cellHeight(c, widths[i]!)));
      const top = doc.y;
      let x = this.left;
      cells.forEach((cell, i) => {
        if (fill) doc.rect(x, top, widths[i]!, height).fill(fill);
        doc.lineWidth(0.6).strokeColor('#888888').rect(x, top, widths[i]!, height).stroke();
        let y = top + pad;
        for (const p of cell) y = this.draw(p, x + pad, y, widths[i]! - 2 * pad);
        x += widths[i]!;
      });
      doc.y = top + height;
    };
    const header = [[para(joined(labels.time, this.languages), 9.5, { bold: true, gapBefore: 0 })], [para(joined(labels.agenda, this.languages), 9.5, { bold: true, gapBefore: 0 })]];
    const headerHeight = Math.max(...header.map((c, i) => cellHeight(c, widths[i]!)));

    this.flow(para(joined(day.label, this.languages), 10.5, { bold: true, gapBefore: 8 }), headerHeight + 30);
    this.doc.y += 3;
    drawRow(header, '#e8e8e8');
    for (const row of day.rows) {
      const agenda: Para[] = perLanguage(row.title, this.languages).map((line, i) => para(line.text, 9.5, { bold: true, gapBefore: i === 0 ? 0 : 1 }));
      for (const lang of this.languages) for (const speaker of row.speakers) agenda.push(para(speakerLine(speaker, lang), 8.5, { color: '#333333', indent: 8, gapBefore: 1 }));
      const cells = [[para(rowTime(row), 9.5, { gapBefore: 0 })], agenda];
      const height = Math.max(...cells.map((c, i) => cellHeight(c, widths[i]!)));
      if (doc.y + Math.min(height, this.bottom() - this.top - headerHeight) > this.bottom()) {
        this.newPage();
        drawRow(header, '#e8e8e8');
      }
      drawRow(cells);
    }
    doc.y += 6;
  }

  meetingChapter(chapter: MeetingChapter): void {
    const { labels } = this.view.model;
    this.heading(1, chapter.id, chapter.number, chapter.title, true);
    if (chapter.draftMark) this.note(chapter.draftMark, WARN);
    if (chapter.timezoneNote) this.note(chapter.timezoneNote);
    for (const day of chapter.agendaDays) this.agendaTable(day);
    this.section(chapter.purpose, 2);
    this.heading(2, chapter.keyPoints.id, chapter.keyPoints.number, chapter.keyPoints.title);
    for (const item of chapter.keyPoints.items) {
      this.heading(3, item.id, item.number, item.title);
      this.flow(para(item.time, 9, { color: MUTED, gapBefore: 0 }));
      if (item.origin === 'edited') this.note(labels.editedSummary);
      if (item.sourceChanged) this.note(labels.sourceChanged, WARN);
      this.richText(item.body);
    }
  }

  photo(imageId: string, caption: Localized, position: number): void {
    const { doc } = this;
    const image = this.view.images.get(imageId);
    const box = image ? fitInto(image.width, image.height, this.width, 290) : { width: this.width * 0.6, height: 160 };
    const captions = this.languages.map((lang) => para(`${localizedText(PHOTO_LABEL, lang)} ${position}${lang === 'zh-Hant' ? '：' : ': '}${localizedText(caption, lang)}`, 9.5, { align: 'center', gapBefore: 2 }));
    const captionHeight = captions.reduce((sum, p) => sum + this.heightOf(p, this.width), 0);
    if (doc.y + 10 + box.height + captionHeight > this.bottom()) this.newPage();
    const top = doc.y + 10;
    const x = this.left + (this.width - box.width) / 2;
    if (image) {
      doc.image(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), x, top, { width: box.width, height: box.height });
    } else {
      // No bytes for this photo (not passed, or not a PNG/JPEG): a dashed frame keeps its place.
      doc.save().lineWidth(0.8).dash(4, { space: 3 }).strokeColor('#999999').rect(x, top, box.width, box.height).stroke().undash().restore();
      doc.font(FONT_REGULAR).fontSize(9).fillColor('#777777').text(`[${imageId}]`, x, top + box.height / 2 - 6, { width: box.width, align: 'center', lineBreak: false, height: 12 });
    }
    doc.y = top + box.height + 2;
    captions.forEach((p) => this.flow(p));
    doc.y += 8;
  }

  cover(): void {
    const { model } = this.view;
    const { cover } = model;
    this.doc.y = this.top + 90;
    perLanguage(cover.reportType, this.languages).forEach((line, i) => this.flow(para(line.text, i > 0 ? 16 : line.lang === 'zh-Hant' ? 30 : 22, { bold: true, align: 'center', gapBefore: 4 })));
    this.doc.y += 10;
    perLanguage(cover.category, this.languages).forEach((line) => this.flow(para(line.text, 14, { align: 'center', gapBefore: 2 })));
    this.doc.y += 50;
    perLanguage(cover.title, this.languages).forEach((line, i) => this.flow(para(line.text, i === 0 ? 19 : 14, { bold: true, align: 'center', gapBefore: 6 })));
    this.doc.y = Math.max(this.doc.y + 40, this.top + 430);
    for (const field of coverFields(model)) this.languages.forEach((lang, i) => this.flow(para(fieldLine(field, lang), i === 0 ? 12 : 10, { gapBefore: i === 0 ? 8 : 1, indent: 40, color: i === 0 ? TEXT : MUTED })));
    if (model.status !== 'finalised') {
      this.doc.y += 20;
      this.flow(para(joined(model.labels.draftReport, this.languages), 12, { bold: true, color: WARN, align: 'center' }));
    }
  }

  /** The contents' lines, as they will be drawn (measured first to reserve their pages). */
  contentsLines(): Array<{ id: string; para: Para }> {
    return this.view.model.contents.map((entry) => ({
      id: entry.id,
      para: para(headingText(entry.number, entry.title, this.languages), entry.level === 1 ? 10.5 : 9.5, { bold: entry.level === 1, indent: (entry.level - 1) * 20, gapBefore: entry.level === 1 ? 7 : 2 }),
    }));
  }

  /** Pages the contents need (title plus entries, each entry leaving room for its page number). */
  contentsPages(): number {
    let pages = 1;
    let y = this.top + this.heightOf(this.contentsTitle(), this.width) + 8;
    for (const { para: p } of this.contentsLines()) {
      const h = this.heightOf(p, this.width - 50);
      if (y + h > this.bottom()) {
        pages += 1;
        y = this.top;
      }
      y += h;
    }
    return pages;
  }

  private contentsTitle(): Para {
    return para(joined(this.view.model.labels.contents, this.languages), 16, { bold: true, align: 'center', gapBefore: 0 });
  }

  /** Draws the contents on the pages reserved for them, once every heading's page is known. */
  fillContents(firstPage: number): void {
    const { doc } = this;
    doc.switchToPage(firstPage);
    doc.y = this.top;
    doc.y = this.draw(this.contentsTitle(), this.left, doc.y, this.width) + 8;
    let page = firstPage;
    for (const { id, para: p } of this.contentsLines()) {
      const h = this.heightOf(p, this.width - 50);
      if (doc.y + h > this.bottom()) {
        page += 1;
        doc.switchToPage(page);
        doc.y = this.top;
      }
      const top = doc.y;
      const end = this.draw(p, this.left, top, this.width - 50);
      const target = this.pageOf.get(id);
      doc.font(p.runs[0]?.bold ? FONT_BOLD : FONT_REGULAR).fontSize(p.size).fillColor(TEXT);
      doc.text(target === undefined ? '' : String(target), this.left + this.width - 40, top + p.gapBefore, { width: 40, align: 'right', lineBreak: false });
      doc.y = end;
    }
  }

  /** Page numbers (and the draft mark) on every page but the cover, which is page 0. */
  footers(): void {
    const { doc, view } = this;
    const range = doc.bufferedPageRange();
    const draft = view.model.status !== 'finalised' ? `${joined(view.model.labels.draftReport, this.languages)} · ` : '';
    for (let i = range.start + 1; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const y = doc.page.height - doc.page.margins.bottom + 24;
      doc.font(FONT_REGULAR).fontSize(9).fillColor(MUTED);
      doc.text(`${draft}${i}`, this.left, y, { width: this.width, align: 'center', lineBreak: false, height: 12 });
    }
  }

  outline(): void {
    // The contents as PDF bookmarks too (levels 1 and 2), for readers' side panels.
    let chapter: PDFKit.PDFOutline | null = null;
    for (const entry of this.view.model.contents) {
      const page = this.pageOf.get(entry.id);
      if (page === undefined) continue;
      this.doc.switchToPage(page);
      const title = headingText(entry.number, entry.title, this.languages);
      if (entry.level === 1 || !chapter) chapter = this.doc.outline.addItem(title);
      else chapter.addItem(title);
    }
  }
}

export function renderReportPdf(view: ReportView): Promise<Buffer> {
  const writer = new PdfWriter(view);
  const { doc } = writer;
  const { model } = view;
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  writer.cover();
  writer.section(model.summary, 1, true);
  writer.newPage();
  const contentsPage = writer.pageIndex;
  for (let i = 1; i < writer.contentsPages(); i++) writer.newPage();
  writeReportBody(model, writer);

  writer.fillContents(contentsPage);
  writer.outline();
  writer.footers();
  doc.end();
  return done;
}
