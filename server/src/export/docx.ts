import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import { rosterLabel, type RosterEntry } from '../../../shared/src/model/rosterDoc.ts';
import { type ExportModel, type ExportSlot, type PMNode, minutesSlots } from './exportModel.ts';
import { exportLanguages, localizedText, type RenderOptions } from './html.ts';
import { attendanceGroups, label, outcomeLabel, seriesLine } from './labels.ts';
import { HeadingCounter } from './numbering.ts';
import { imageOf, isEmptyDoc, nodeText } from './pmWalk.ts';
import { exportImage, fitInto } from './exportImages.ts';

/** Latin text in Noto Sans, CJK in Noto Sans TC (with the usual Windows and macOS fallbacks by name). */
const FONT = { ascii: 'Noto Sans', hAnsi: 'Noto Sans', eastAsia: 'Noto Sans TC', cs: 'Noto Sans' };

type Block = Paragraph | Table;

/** Word's language tags for the meeting's languages (BCP 47 as the minutes store them). */
const WORD_LANGUAGE: Record<string, string> = { 'zh-Hant': 'zh-TW', zh: 'zh-TW', 'zh-Hans': 'zh-CN', en: 'en-US', ja: 'ja-JP', ko: 'ko-KR' };
const wordLanguage = (lang: string) => WORD_LANGUAGE[lang] ?? lang;

/**
 * A run with its language (w:lang), which Word needs for proofing and for choosing fonts. `val`
 * is the language of its Latin text, `eastAsia` of its CJK characters: a Chinese run is zh-TW in
 * both; English text and bilingual labels ("議程 / Agenda") are en-US with zh-TW for their CJK.
 */
function run(langs: string | readonly string[], options: IRunOptions): TextRun {
  const list = typeof langs === 'string' ? [langs] : langs;
  const cjk = list.find((l) => l.startsWith('zh') || l === 'ja' || l === 'ko');
  const latin = list.find((l) => l !== cjk) ?? cjk ?? 'en';
  return new TextRun({ font: FONT, ...options, language: { value: wordLanguage(latin), eastAsia: wordLanguage(cjk ?? 'zh-Hant') } });
}

interface Ctx {
  model: ExportModel;
  roster: Map<string, RosterEntry>;
  languages: string[];
  counter: HeadingCounter;
  /** Widest an image may be drawn, in pixels at 96 dpi (ImageRun's unit): the page or a column. */
  imageWidth: number;
}

/** An image as its own paragraph (its bytes as stored), or its description in brackets when it cannot be embedded. */
function imageParagraph(node: PMNode, ctx: Ctx): Paragraph[] {
  const ref = imageOf(node);
  if (!ref) return [];
  const image = exportImage(ctx.model, ref.imageId);
  const lang = ctx.languages[0]!;
  if (!image) return [new Paragraph({ children: [run(lang, { text: `[${ref.alt || ref.imageId}]`, color: '777777' })] })];
  const size = fitInto(image.width, image.height, ctx.imageWidth, 600);
  return [
    new Paragraph({
      children: [new ImageRun({ type: image.type === 'png' ? 'png' : 'jpg', data: image.data, transformation: size, altText: { name: ref.imageId, description: ref.alt, title: ref.alt } })],
    }),
    ...(ref.alt ? [new Paragraph({ children: [run(lang, { text: ref.alt, italics: true, size: 18, color: '444444' })] })] : []),
  ];
}

function runs(node: PMNode, lang: string): TextRun[] {
  if (node.type === 'hardBreak') return [run(lang, { text: '', break: 1 })];
  if (node.type !== 'text') return (node.content ?? []).flatMap((child) => runs(child, lang));
  const has = (type: string) => (node.marks ?? []).some((m) => m.type === type);
  return [run(lang, { text: node.text ?? '', bold: has('bold'), italics: has('italic'), underline: has('underline') ? {} : undefined, strike: has('strike') })];
}

function prefixRuns(node: PMNode, ctx: Ctx): TextRun[] {
  const a = node.attrs ?? {};
  const out: TextRun[] = [];
  if (a.item === 'decision') out.push(run(ctx.languages, { text: `${label('decision', ctx.languages)}${a.outcome ? ` (${outcomeLabel(String(a.outcome), ctx.languages)})` : ''}: `, bold: true, color: '0B5D1E' }));
  if (a.item === 'action') {
    const owner = typeof a.owner === 'string' ? rosterLabel(ctx.roster.get(a.owner), ctx.languages) || a.owner : '';
    const details = [owner && `${label('owner', ctx.languages)}: ${owner}`, a.due && `${label('due', ctx.languages)}: ${a.due}`].filter(Boolean).join('; ');
    out.push(run(ctx.languages, { text: `${label('action', ctx.languages)}${details ? ` (${details})` : ''}: `, bold: true, color: '8A4B00' }));
  }
  if (typeof a.speaker === 'string' && a.speaker) out.push(run(ctx.languages, { text: `${rosterLabel(ctx.roster.get(a.speaker), ctx.languages) || a.speaker}: `, bold: true }));
  return out;
}

function blocks(node: PMNode, ctx: Ctx, listLevel = 0, ordered = false): Block[] {
  const children = node.content ?? [];
  switch (node.type) {
    case 'doc':
    case 'blockquote':
      return children.flatMap((c) => blocks(c, ctx, listLevel));
    case 'paragraph':
      return [
        new Paragraph({
          children: [...prefixRuns(node, ctx), ...children.flatMap((c) => runs(c, ctx.languages[0]!))] as ParagraphChild[],
          ...(listLevel > 0 ? (ordered ? { numbering: { reference: 'minutes-ordered', level: listLevel - 1 } } : { bullet: { level: listLevel - 1 } }) : {}),
        }),
      ];
    case 'heading': {
      const level = Math.min(3, Math.max(2, Number(node.attrs?.level ?? 2)));
      return [new Paragraph({ heading: level === 2 ? HeadingLevel.HEADING_3 : HeadingLevel.HEADING_4, children: [run(ctx.languages, { text: `${ctx.counter.next(level)} ` }), ...prefixRuns(node, ctx), ...children.flatMap((c) => runs(c, ctx.languages[0]!))] })];
    }
    case 'bulletList':
    case 'orderedList':
      return children.flatMap((item) => (item.content ?? []).flatMap((c) => blocks(c, ctx, listLevel + 1, node.type === 'orderedList')));
    case 'codeBlock':
      return [new Paragraph({ children: [run(ctx.languages, { text: nodeText(node), font: 'Consolas' })] })];
    case 'image':
      return imageParagraph(node, ctx);
    case 'horizontalRule':
      return [new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: 'AAAAAA', space: 1 } }, children: [] })];
    case 'table':
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: children.map((row) => new TableRow({ children: (row.content ?? []).map((c) => new TableCell({ children: blocks({ type: 'doc', content: c.content }, ctx).filter((b): b is Paragraph => b instanceof Paragraph) })) })),
        }),
      ];
    default:
      return children.flatMap((c) => blocks(c, ctx, listLevel));
  }
}

const text = (langs: string | readonly string[], value: string, opts: { bold?: boolean } = {}) => new Paragraph({ children: [run(langs, { text: value, bold: opts.bold })] });
const cellOf = (langs: readonly string[], content: Paragraph[] | string, widthPct?: number) =>
  new TableCell({ children: typeof content === 'string' ? [text(langs, content)] : content.length ? content : [text(langs, '')], ...(widthPct ? { width: { size: widthPct, type: WidthType.PERCENTAGE } } : {}) });

function slotHeading(slot: ExportSlot, number: string, languages: string[]): Paragraph[] {
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [run(languages, { text: `${number} ${localizedText(slot.title, languages)}` })] }),
    ...(slot.start ? [new Paragraph({ children: [run(languages, { text: `${slot.start}–${slot.end}`, italics: true, color: '555555' })] })] : []),
  ];
}

/** The minutes as a Word document: header, agenda table, minutes slot by slot, decisions, footer. */
export async function renderDocx(model: ExportModel, options: RenderOptions): Promise<Buffer> {
  const languages = exportLanguages(model, options);
  const roster = new Map(model.roster.map((r) => [r.id, r]));
  const { meta } = model;
  const body: Block[] = [];
  for (const lang of languages) body.push(new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [run(lang, { text: meta.title[lang] ?? '' })] }));
  const series = seriesLine(meta, languages);
  const attendance = attendanceGroups(model.roster, languages);
  const info: Array<[string, string]> = [
    ...(series ? [[series.label, series.value] as [string, string]] : []),
    [label('dates', languages), meta.days.join(', ') || '—'],
    [label('venue', languages), meta.virtual ? label('virtual', languages) : localizedText(meta.venue, languages) || '—'],
    [label('timesIn', languages), meta.timezone],
    ...(attendance.length === 0 ? [[label('participants', languages), label('none', languages)] as [string, string]] : []),
    ...attendance.map((g) => [g.label, g.names.join('; ')] as [string, string]),
  ];
  for (const [k, v] of info) body.push(new Paragraph({ children: [run(languages, { text: k ? `${k}: ` : '', bold: true }), run(languages, { text: v })] }));

  body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run(languages, { text: label('agenda', languages) })] }));
  body.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: [label('time', languages), label('item', languages), label('speakers', languages)].map((h) => cellOf(languages, [text(languages, h, { bold: true })])) }),
        ...model.slots
          .filter((s) => s.start)
          .map((s) => new TableRow({ children: [cellOf(languages, `${meta.days[s.day] ?? ''} ${s.start}–${s.end}`.trim(), 20), cellOf(languages, languages.map((l) => text(l, s.title[l] ?? '')), 50), cellOf(languages, s.speakers.map((sp) => localizedText(sp.name, languages)).join('; '), 30)] })),
      ],
    }),
  );

  const sessions = minutesSlots(model);
  const sequences = options.layout === 'sequence' ? languages.map((l) => [l]) : [languages];
  for (const langs of sequences) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run(langs, { text: label('minutes', langs) })] }));
    const counter = new HeadingCounter(options.numbering);
    sessions.forEach((slot, index) => {
      body.push(...slotHeading(slot, counter.next(1), langs));
      const perLang = langs.map((lang) => {
        const doc = slot.minutes[lang]!;
        return isEmptyDoc(doc) ? [text(lang, '—')] : blocks(doc, { model, roster, languages: [lang], counter: new HeadingCounter(options.numbering, [index + 1]), imageWidth: langs.length > 1 ? 290 : 600 });
      });
      if (langs.length === 1) body.push(...perLang[0]!);
      else body.push(new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [new TableRow({ children: perLang.map((b) => new TableCell({ width: { size: Math.floor(100 / langs.length), type: WidthType.PERCENTAGE }, children: b })) })] }));
    });
  }

  body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run(languages, { text: label('decisionsAndActions', languages) })] }));
  const items = model.items.filter((i) => languages.includes(i.lang));
  if (items.length === 0) body.push(text(languages, label('none', languages)));
  for (const item of items) {
    const kind = item.kind === 'decision' ? `${label('decision', languages)}${item.outcome ? ` (${outcomeLabel(item.outcome, languages)})` : ''}` : label('action', languages);
    body.push(new Paragraph({ bullet: { level: 0 }, children: [run(languages, { text: `${kind}: `, bold: true }), run(item.lang, { text: item.text + (item.due ? ` (${label('due', languages)}: ${item.due})` : '') })] }));
  }

  const footerText = `${model.status !== 'finalised' ? `${label('draft', languages)} · ` : ''}${label('version', languages)}: ${model.version.label} · ${model.meetingId}`;
  const document = new Document({
    creator: 'Quorum',
    title: localizedText(meta.title, languages),
    styles: { default: { document: { run: { font: FONT, size: 21, language: { value: wordLanguage(languages.find((l) => !l.startsWith('zh')) ?? languages[0] ?? 'en'), eastAsia: 'zh-TW' } } } } },
    numbering: { config: [{ reference: 'minutes-ordered', levels: [0, 1, 2].map((level) => ({ level, format: 'decimal' as const, text: `%${level + 1}.`, alignment: AlignmentType.START })) }] },
    sections: [{ footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(languages, { text: footerText, size: 16, color: '555555' })] })] }) }, children: body }],
  });
  return Packer.toBuffer(document);
}
