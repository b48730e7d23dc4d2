import type { PMNode } from '../../../../shared/src/report/pmJson.ts';
import {
  localizedText,
  type AgendaRow,
  type Localized,
  type MeetingChapter,
  type NumberLabel,
  type ReportModel,
  type ReportTextLanguage,
  type RichText,
  type TextSection,
} from '../../../../shared/src/report/reportModel.ts';
import { embeddableImage, type EmbeddableImage, type ReportImageBytes } from './reportImages.ts';

/**
 * What the three report renderers (DOCX, PDF, HTML) share: which languages to show, how a number
 * and a title make a heading line, the co-edited text flattened into paragraphs, the cover's field
 * names. The model decides the content and its order; this only turns it into lines of text, so
 * the three formats cannot drift apart.
 */

/** Everything a renderer reads: the parsed model, the languages shown, the photos that can be embedded. */
export interface ReportView {
  model: ReportModel;
  languages: ReportTextLanguage[];
  /** By image id; null when the bytes are missing or cannot be embedded (a placeholder is drawn). */
  images: Map<string, EmbeddableImage | null>;
}

export function reportView(model: ReportModel, images: ReportImageBytes = {}): ReportView {
  const photos = model.chapters.flatMap((chapter) => (chapter.kind === 'photos' ? chapter.photos : []));
  return {
    model,
    languages: model.languages,
    images: new Map(photos.map((photo) => [photo.imageId, embeddableImage(images[photo.imageId])])),
  };
}

/** A line of text in one language. */
export interface LangText {
  lang: ReportTextLanguage;
  text: string;
}

/** The text in each shown language (falling back to the other language where one is missing). */
export const perLanguage = (text: Localized, languages: ReportTextLanguage[]): LangText[] =>
  languages.map((lang) => ({ lang, text: localizedText(text, lang) }));

/** "壹、標題" (Chinese numbers run into the title) or "I. Title". */
export function numbered(number: NumberLabel | null, title: Localized, lang: ReportTextLanguage): string {
  const text = localizedText(title, lang);
  if (!number) return text;
  return lang === 'zh-Hant' ? `${number[lang]}${text}` : `${number[lang]} ${text}`;
}

/** A heading's lines: one per shown language. */
export const headingLines = (number: NumberLabel | null, title: Localized, languages: ReportTextLanguage[]): LangText[] =>
  languages.map((lang) => ({ lang, text: numbered(number, title, lang) }));

/** One line of a heading as the contents and bookmarks name it ("壹、標題 / I. Title" when bilingual). */
export const headingText = (number: NumberLabel | null, title: Localized, languages: ReportTextLanguage[]): string =>
  headingLines(number, title, languages)
    .map((l) => l.text)
    .join(' / ');

/** "時間 / Time": a short label in every shown language on one line. */
export const joined = (text: Localized, languages: ReportTextLanguage[]): string => [...new Set(languages.map((lang) => localizedText(text, lang)))].join(' / ');

/** "Thomas Stelzer，國際反貪腐學院院長" / "Mr. Thomas Stelzer, Dean, IACA". */
export function speakerLine(speaker: AgendaRow['speakers'][number], lang: ReportTextLanguage): string {
  const name = localizedText(speaker.name, lang);
  const affiliation = speaker.affiliation ? localizedText(speaker.affiliation, lang) : '';
  if (!affiliation) return name;
  return lang === 'zh-Hant' ? `${name}，${affiliation}` : `${name}, ${affiliation}`;
}

/** The agenda row's time with the day shift marked ("23:30-00:30 (+1)"). */
export const rowTime = (row: AgendaRow): string => (row.dayShift ? `${row.time} (${row.dayShift > 0 ? '+' : ''}${row.dayShift})` : row.time);

/**
 * The cover's field names. The model's `labels` do not carry these (they are fixed words of the
 * official cover form, 公務出國報告封面), so they live here, in both languages.
 */
export const COVER_LABELS = {
  agency: { 'zh-Hant': '服務機關', en: 'Agency' },
  authors: { 'zh-Hant': '姓名職稱', en: 'Name and title' },
  destination: { 'zh-Hant': '派赴國家/地點', en: 'Destination' },
  period: { 'zh-Hant': '出國期間', en: 'Period' },
  meetingPeriod: { 'zh-Hant': '會議期間', en: 'Meeting period' },
  reportDate: { 'zh-Hant': '報告日期', en: 'Report date' },
} satisfies Record<string, Localized>;

/** 照片 1：… / Photo 1: … (the photos chapter's captions; not among the model's labels either). */
export const PHOTO_LABEL: Localized = { 'zh-Hant': '照片', en: 'Photo' };

/** A cover field: its name and value per shown language. */
export interface CoverField {
  label: Localized;
  value: Localized;
}

export function coverFields(model: ReportModel): CoverField[] {
  const { cover } = model;
  const authors: Localized = {};
  for (const lang of ['zh-Hant', 'en'] as const) {
    authors[lang] = cover.authors
      .map((a) => (lang === 'zh-Hant' ? `${localizedText(a.name, lang)} ${localizedText(a.title, lang)}` : `${localizedText(a.name, lang)}, ${localizedText(a.title, lang)}`))
      .join(lang === 'zh-Hant' ? '、' : '; ');
  }
  return [
    { label: COVER_LABELS.agency, value: cover.agency },
    { label: COVER_LABELS.authors, value: authors },
    { label: COVER_LABELS.destination, value: cover.destination },
    { label: cover.videoconference ? COVER_LABELS.meetingPeriod : COVER_LABELS.period, value: cover.period.text },
    { label: COVER_LABELS.reportDate, value: cover.reportDate.text },
  ];
}

/** "服務機關：法務部廉政署" / "Agency: Ministry of Justice". */
export const fieldLine = (field: CoverField, lang: ReportTextLanguage): string =>
  `${localizedText(field.label, lang)}${lang === 'zh-Hant' ? '：' : ': '}${localizedText(field.value, lang)}`;

// ---------------------------------------------------------------------------------------------
// Co-edited text (ProseMirror JSON) flattened into paragraphs, for the DOCX and PDF writers.

export interface TextRunSpec {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
}

export interface TextBlock {
  kind: 'paragraph' | 'heading';
  /** Heading level (1-3) or list depth (0 outside lists). */
  level: number;
  /** "• ", "1. " for list items; the heading's number is already in `runs`. */
  marker: string;
  runs: TextRunSpec[];
}

const MAX_BLOCKS = 20_000;

function inlineRuns(node: PMNode, out: TextRunSpec[]): void {
  if (node.type === 'hardBreak') {
    out.push({ text: '\n' });
    return;
  }
  if (node.type !== 'text') {
    for (const child of node.content ?? []) inlineRuns(child, out);
    return;
  }
  const has = (type: string) => (node.marks ?? []).some((m) => m.type === type);
  out.push({ text: node.text ?? '', bold: has('bold'), italic: has('italic'), underline: has('underline'), strike: has('strike') });
}

function headingNumber(node: PMNode, lang: ReportTextLanguage): string {
  const number = node.attrs?.number as Partial<NumberLabel> | undefined;
  const value = number && typeof number[lang] === 'string' ? number[lang] : '';
  if (!value) return '';
  return lang === 'zh-Hant' ? value : `${value} `;
}

/** The blocks of one language's text: paragraphs, numbered headings, list items (tables become rows of text). */
export function textBlocks(doc: PMNode | undefined, lang: ReportTextLanguage): TextBlock[] {
  const out: TextBlock[] = [];
  const walk = (node: PMNode, depth: number, marker: string): void => {
    if (out.length >= MAX_BLOCKS) return;
    switch (node.type) {
      case 'paragraph': {
        const runs: TextRunSpec[] = [];
        inlineRuns(node, runs);
        out.push({ kind: 'paragraph', level: depth, marker, runs });
        return;
      }
      case 'heading': {
        const runs: TextRunSpec[] = [];
        inlineRuns(node, runs);
        const number = headingNumber(node, lang);
        const level = Math.min(3, Math.max(1, Number(node.attrs?.level ?? 2) || 2));
        out.push({ kind: 'heading', level, marker: '', runs: [...(number ? [{ text: number, bold: true }] : []), ...runs.map((r) => ({ ...r, bold: true }))] });
        return;
      }
      case 'bulletList':
      case 'orderedList':
        (node.content ?? []).forEach((item, i) =>
          (item.content ?? []).forEach((child, j) => walk(child, depth + 1, j === 0 ? (node.type === 'bulletList' ? '• ' : `${i + 1}. `) : '')),
        );
        return;
      case 'tableRow': {
        const cells = (node.content ?? []).map((cell) => {
          const runs: TextRunSpec[] = [];
          inlineRuns(cell, runs);
          return runs.map((r) => r.text).join('');
        });
        out.push({ kind: 'paragraph', level: depth, marker, runs: [{ text: cells.join(' | ') }] });
        return;
      }
      case 'codeBlock': {
        const runs: TextRunSpec[] = [];
        inlineRuns(node, runs);
        out.push({ kind: 'paragraph', level: depth, marker, runs });
        return;
      }
      default:
        for (const child of node.content ?? []) walk(child, depth, marker);
    }
  };
  if (doc) walk(doc, 0, '');
  return out;
}

/** The blocks of a rich text per shown language (a missing language falls back to the other). */
export function richTextBlocks(text: RichText, languages: ReportTextLanguage[]): Array<{ lang: ReportTextLanguage; blocks: TextBlock[] }> {
  return languages.map((lang) => {
    const own = textBlocks(text[lang], lang);
    if (own.some((b) => b.runs.some((r) => r.text.trim()))) return { lang, blocks: own };
    const other = (['zh-Hant', 'en'] as const).find((l) => l !== lang && text[l]);
    return { lang, blocks: other ? textBlocks(text[other], other) : own };
  });
}

/** The language tag Word and PDF readers expect. */
export const ooxmlLang = (lang: ReportTextLanguage): string => (lang === 'zh-Hant' ? 'zh-TW' : 'en-US');

/** What a paged renderer (DOCX, PDF) writes the report's body with. */
export interface ReportBodyWriter {
  meetingChapter(chapter: MeetingChapter): void;
  heading(level: 1, id: string, number: NumberLabel | null, title: Localized, newPage: boolean): void;
  photo(imageId: string, caption: Localized, position: number): void;
  section(section: TextSection, level: 1, newPage: boolean): void;
}

/** The chapters after the contents, then the annexes, each on a new page: the body in one order for every format. */
export function writeReportBody(model: Pick<ReportModel, 'chapters' | 'annexes'>, writer: ReportBodyWriter): void {
  for (const chapter of model.chapters) {
    if (chapter.kind === 'meeting') writer.meetingChapter(chapter);
    else if (chapter.kind === 'photos') {
      writer.heading(1, chapter.id, chapter.number, chapter.title, true);
      for (const photo of chapter.photos) writer.photo(photo.imageId, photo.caption, photo.position);
    } else writer.section(chapter, 1, true);
  }
  model.annexes.forEach((annex) => writer.section(annex, 1, true));
}
