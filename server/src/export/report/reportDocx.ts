import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { localizedText, type AgendaDay, type Localized, type MeetingChapter, type NumberLabel, type ReportTextLanguage, type RichText, type TextSection } from '../../../../shared/src/report/reportModel.ts';
import { fitInto } from './reportImages.ts';
import {
  coverFields,
  fieldLine,
  headingLines,
  headingText,
  joined,
  ooxmlLang,
  perLanguage,
  PHOTO_LABEL,
  richTextBlocks,
  rowTime,
  speakerLine,
  type ReportView,
  type TextBlock,
  type TextRunSpec,
  writeReportBody,
} from './reportText.ts';

/** Latin text in Noto Sans, CJK in Noto Sans TC (as the meeting DOCX). */
const FONT = { ascii: 'Noto Sans', hAnsi: 'Noto Sans', eastAsia: 'Noto Sans TC', cs: 'Noto Sans' };
/** Usable width of an A4 page with 2.5 cm margins, in pixels at 96 dpi (ImageRun's unit). */
const IMAGE_MAX = { width: 600, height: 420 };

type Block = Paragraph | Table | TableOfContents;

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
  color?: string;
}

/** Every run says its language (w:lang), so Word spell-checks and picks fonts per language. */
const run = (text: string, lang: ReportTextLanguage, style: RunStyle = {}) =>
  new TextRun({ text, font: FONT, language: { value: ooxmlLang(lang), eastAsia: 'zh-TW' }, ...style });

const specRun = (spec: TextRunSpec, lang: ReportTextLanguage, style: RunStyle = {}) =>
  spec.text === '\n'
    ? new TextRun({ text: '', break: 1 })
    : new TextRun({
        text: spec.text,
        font: FONT,
        language: { value: ooxmlLang(lang), eastAsia: 'zh-TW' },
        bold: spec.bold || style.bold,
        italics: spec.italic,
        underline: spec.underline ? {} : undefined,
        strike: spec.strike,
        size: style.size,
        color: style.color,
      });

/** Lines in several languages as one paragraph, each language on its own line. */
function linesParagraph(lines: Array<{ lang: ReportTextLanguage; text: string }>, style: RunStyle = {}, options: { alignment?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}): Paragraph {
  const children: ParagraphChild[] = [];
  lines.forEach((line, i) => {
    if (i > 0) children.push(new TextRun({ text: '', break: 1 }));
    children.push(run(line.text, line.lang, style));
  });
  return new Paragraph({ children, ...options });
}

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const;

class DocxWriter {
  readonly body: Block[] = [];
  /** Heading id -> bookmark name (Word wants short names of letters, digits and underscores). */
  private readonly bookmarks = new Map<string, string>();

  constructor(private readonly view: ReportView) {}

  private get languages() {
    return this.view.languages;
  }

  bookmark(id: string): string {
    let name = this.bookmarks.get(id);
    if (!name) {
      name = `q_${this.bookmarks.size + 1}`;
      this.bookmarks.set(id, name);
    }
    return name;
  }

  heading(level: 1 | 2 | 3, id: string | null, number: NumberLabel | null, title: Localized, pageBreak = false): void {
    const children: ParagraphChild[] = [];
    headingLines(number, title, this.languages).forEach((line, i) => {
      if (i > 0) children.push(new TextRun({ text: '', break: 1 }));
      children.push(run(line.text, line.lang));
    });
    this.body.push(
      new Paragraph({
        heading: HEADINGS[level - 1],
        pageBreakBefore: pageBreak,
        keepNext: true,
        children: id ? [new Bookmark({ id: this.bookmark(id), children })] : children,
      }),
    );
  }

  note(text: Localized, color = '555555'): void {
    this.body.push(linesParagraph(perLanguage(text, this.languages), { italics: true, color, size: 19 }));
  }

  private blocksOf(blocks: TextBlock[], lang: ReportTextLanguage): Paragraph[] {
    const out = blocks.map((block) => {
      if (block.kind === 'heading') {
        // Co-edited text sits under a chapter (Heading 1): its 一、 (levels 1-2) are sections
        // (Heading 2), its (一) (level 3) items (Heading 3), as the model numbers them.
        return new Paragraph({ heading: block.level >= 3 ? HeadingLevel.HEADING_3 : HeadingLevel.HEADING_2, keepNext: true, children: block.runs.map((r) => specRun(r, lang)) });
      }
      const marker = block.marker ? [run(block.marker, lang)] : [];
      return new Paragraph({ indent: block.level > 0 ? { left: 360 * block.level, hanging: block.marker ? 280 : 0 } : undefined, children: [...marker, ...block.runs.map((r) => specRun(r, lang))] });
    });
    return out.length ? out : [new Paragraph({ children: [run('—', lang, { color: '888888' })] })];
  }

  /** Co-edited text: one language as paragraphs, two side by side in a table. */
  richText(text: RichText): void {
    const columns = richTextBlocks(text, this.languages).map(({ lang, blocks }) => this.blocksOf(blocks, lang));
    if (columns.length === 1) {
      this.body.push(...columns[0]!);
      return;
    }
    const width = Math.floor(100 / columns.length);
    this.body.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        borders: noBorders(),
        rows: [new TableRow({ cantSplit: false, children: columns.map((children) => new TableCell({ width: { size: width, type: WidthType.PERCENTAGE }, children })) })],
      }),
    );
  }

  section(section: TextSection, level: 1 | 2, pageBreak = false): void {
    this.heading(level, section.id, section.number, section.title, pageBreak);
    this.richText(section.body);
  }

  agendaTable(day: AgendaDay): void {
    const { labels } = this.view.model;
    this.body.push(new Paragraph({ keepNext: true, spacing: { before: 120 }, children: [run(joined(day.label, this.languages), this.languages[0]!, { bold: true })] }));
    const header = new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: [labels.time, labels.agenda].map((label, i) =>
        new TableCell({
          width: { size: i === 0 ? 22 : 78, type: WidthType.PERCENTAGE },
          shading: { fill: 'E8E8E8' },
          children: [new Paragraph({ children: [run(joined(label, this.languages), this.languages[0]!, { bold: true })] })],
        }),
      ),
    });
    const rows = day.rows.map((row) => {
      const agenda: Paragraph[] = [linesParagraph(perLanguage(row.title, this.languages), { bold: true })];
      for (const lang of this.languages) {
        for (const speaker of row.speakers) agenda.push(new Paragraph({ indent: { left: 200 }, children: [run(speakerLine(speaker, lang), lang, { size: 19 })] }));
      }
      return new TableRow({
        cantSplit: true,
        children: [
          new TableCell({ width: { size: 22, type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: [run(rowTime(row), 'en')] })] }),
          new TableCell({ width: { size: 78, type: WidthType.PERCENTAGE }, children: agenda }),
        ],
      });
    });
    this.body.push(new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }));
    this.body.push(new Paragraph({ children: [] }));
  }

  meetingChapter(chapter: MeetingChapter): void {
    this.heading(1, chapter.id, chapter.number, chapter.title, true);
    if (chapter.draftMark) this.note(chapter.draftMark, 'A04000');
    if (chapter.timezoneNote) this.note(chapter.timezoneNote);
    for (const day of chapter.agendaDays) this.agendaTable(day);
    this.section(chapter.purpose, 2);
    this.heading(2, chapter.keyPoints.id, chapter.keyPoints.number, chapter.keyPoints.title);
    const { labels } = this.view.model;
    for (const item of chapter.keyPoints.items) {
      this.heading(3, item.id, item.number, item.title);
      const marks: Localized[] = [];
      if (item.origin === 'edited') marks.push(labels.editedSummary);
      if (item.sourceChanged) marks.push(labels.sourceChanged);
      this.body.push(new Paragraph({ children: [run(item.time, 'en', { color: '555555', size: 19 })] }));
      for (const mark of marks) this.note(mark, mark === labels.sourceChanged ? 'A04000' : '555555');
      this.richText(item.body);
    }
  }

  photo(imageId: string, caption: Localized, position: number): void {
    const image = this.view.images.get(imageId);
    if (image) {
      const size = fitInto(image.width, image.height, IMAGE_MAX.width, IMAGE_MAX.height);
      this.body.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          keepNext: true,
          children: [new ImageRun({ type: image.type === 'png' ? 'png' : 'jpg', data: image.data, transformation: size, altText: { name: imageId, description: localizedText(caption, this.languages[0]!), title: localizedText(caption, this.languages[0]!) } })],
        }),
      );
    } else {
      // No bytes for this photo (not passed, or not a PNG/JPEG): a framed placeholder keeps its place.
      const border = { style: BorderStyle.DASHED, size: 6, color: '999999', space: 8 };
      this.body.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          keepNext: true,
          border: { top: border, bottom: border, left: border, right: border },
          spacing: { before: 400, after: 400 },
          children: [run(`[${imageId}]`, 'en', { color: '777777' })],
        }),
      );
    }
    this.body.push(
      linesParagraph(
        this.languages.map((lang) => ({ lang, text: `${localizedText(PHOTO_LABEL, lang)} ${position}${lang === 'zh-Hant' ? '：' : ': '}${localizedText(caption, lang)}` })),
        { size: 19 },
        { alignment: AlignmentType.CENTER },
      ),
    );
  }
}

const noBorders = () => {
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  return { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
};

function coverBlocks(view: ReportView): Paragraph[] {
  const { cover } = view.model;
  const { languages } = view;
  const blocks: Paragraph[] = [
    new Paragraph({ spacing: { before: 1200 }, children: [] }),
    linesParagraph(perLanguage(cover.reportType, languages), { bold: true, size: 56 }, { alignment: AlignmentType.CENTER }),
    new Paragraph({ spacing: { before: 200 }, children: [] }),
    linesParagraph(perLanguage(cover.category, languages), { size: 28 }, { alignment: AlignmentType.CENTER }),
    new Paragraph({ spacing: { before: 800 }, children: [] }),
    linesParagraph(perLanguage(cover.title, languages), { bold: true, size: 36 }, { alignment: AlignmentType.CENTER }),
    new Paragraph({ spacing: { before: 1600 }, children: [] }),
  ];
  for (const field of coverFields(view.model)) {
    blocks.push(linesParagraph(languages.map((lang) => ({ lang, text: fieldLine(field, lang) })), { size: 24 }, { alignment: AlignmentType.LEFT }));
  }
  if (view.model.status !== 'finalised') blocks.push(linesParagraph(perLanguage(view.model.labels.draftReport, languages), { bold: true, color: 'A04000' }, { alignment: AlignmentType.CENTER }));
  return blocks;
}

/** The report as a Word document: cover, 摘要, 目次 (a TOC field with its entries), chapters, annexes. */
export async function renderReportDocx(view: ReportView): Promise<Buffer> {
  const { model, languages } = view;
  const writer = new DocxWriter(view);

  writer.section(model.summary, 1, false);

  // 目次: a real TOC field (Word's Update Table refreshes it), written with the model's contents as
  // its entries, each linked to its heading's bookmark, so it reads (and links) before any update.
  // The field is written dirty: Word fills in the page numbers when it opens the file.
  writer.body.push(
    new Paragraph({ pageBreakBefore: true, alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: headingLinesRuns(model.labels.contents, languages) }),
    new TableOfContents(headingText(null, model.labels.contents, languages), {
      hyperlink: true,
      headingStyleRange: '1-2',
      beginDirty: true,
      cachedEntries: model.contents.filter((e) => e.level <= 2).map((entry) => ({ title: headingText(entry.number, entry.title, languages), level: entry.level, href: writer.bookmark(entry.id) })),
    }),
  );

  writeReportBody(model, writer);

  const draft = model.status !== 'finalised' ? `${joined(model.labels.draftReport, languages)} · ` : '';
  const footer = new Footer({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [draft, PageNumber.CURRENT], size: 18, color: '555555', font: FONT })] })],
  });
  const document = new Document({
    creator: 'Quorum',
    title: headingText(null, model.cover.title, languages),
    description: headingText(null, model.cover.reportType, languages),
    styles: {
      default: {
        document: { run: { font: FONT, size: 22, language: { value: ooxmlLang(languages[0]!), eastAsia: 'zh-TW' } } },
        heading1: { run: { font: FONT, size: 32, bold: true, color: '1A1A1A' }, paragraph: { spacing: { before: 240, after: 120 } } },
        heading2: { run: { font: FONT, size: 28, bold: true, color: '1A1A1A' }, paragraph: { spacing: { before: 200, after: 80 } } },
        heading3: { run: { font: FONT, size: 24, bold: true, color: '1A1A1A' }, paragraph: { spacing: { before: 160, after: 60 } } },
      },
    },
    features: { updateFields: true },
    sections: [
      { properties: { page: { size: { width: 11906, height: 16838 } } }, children: coverBlocks(view) },
      { properties: { page: { size: { width: 11906, height: 16838 }, pageNumbers: { start: 1 } } }, footers: { default: footer }, children: writer.body },
    ],
  });
  return Packer.toBuffer(document);
}

function headingLinesRuns(text: Localized, languages: ReportTextLanguage[]): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  perLanguage(text, languages).forEach((line, i) => {
    if (i > 0) out.push(new TextRun({ text: '', break: 1 }));
    out.push(run(line.text, line.lang, { bold: true, size: 32 }));
  });
  return out;
}
