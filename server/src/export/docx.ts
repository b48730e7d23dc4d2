import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { rosterLabel, type RosterEntry } from '../../../shared/src/model/rosterDoc.ts';
import type { ExportModel, ExportSlot, PMNode } from './exportModel.ts';
import { exportLanguages, localizedText, type RenderOptions } from './html.ts';
import { label, outcomeLabel } from './labels.ts';
import { HeadingCounter } from './numbering.ts';
import { isEmptyDoc, nodeText } from './pmWalk.ts';

/** Latin text in Noto Sans, CJK in Noto Sans TC (with the usual Windows and macOS fallbacks by name). */
const FONT = { ascii: 'Noto Sans', hAnsi: 'Noto Sans', eastAsia: 'Noto Sans TC', cs: 'Noto Sans' };

type Block = Paragraph | Table;

interface Ctx {
  roster: Map<string, RosterEntry>;
  languages: string[];
  counter: HeadingCounter;
}

function runs(node: PMNode): TextRun[] {
  if (node.type === 'hardBreak') return [new TextRun({ text: '', break: 1 })];
  if (node.type !== 'text') return (node.content ?? []).flatMap(runs);
  const has = (type: string) => (node.marks ?? []).some((m) => m.type === type);
  return [new TextRun({ text: node.text ?? '', bold: has('bold'), italics: has('italic'), underline: has('underline') ? {} : undefined, strike: has('strike'), font: FONT })];
}

function prefixRuns(node: PMNode, ctx: Ctx): TextRun[] {
  const a = node.attrs ?? {};
  const out: TextRun[] = [];
  if (a.item === 'decision') out.push(new TextRun({ text: `${label('decision', ctx.languages)}${a.outcome ? ` (${outcomeLabel(String(a.outcome), ctx.languages)})` : ''}: `, bold: true, color: '0B5D1E', font: FONT }));
  if (a.item === 'action') {
    const owner = typeof a.owner === 'string' ? rosterLabel(ctx.roster.get(a.owner), ctx.languages) || a.owner : '';
    const details = [owner && `${label('owner', ctx.languages)}: ${owner}`, a.due && `${label('due', ctx.languages)}: ${a.due}`].filter(Boolean).join('; ');
    out.push(new TextRun({ text: `${label('action', ctx.languages)}${details ? ` (${details})` : ''}: `, bold: true, color: '8A4B00', font: FONT }));
  }
  if (typeof a.speaker === 'string' && a.speaker) out.push(new TextRun({ text: `${rosterLabel(ctx.roster.get(a.speaker), ctx.languages) || a.speaker}: `, bold: true, font: FONT }));
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
          children: [...prefixRuns(node, ctx), ...children.flatMap(runs)] as ParagraphChild[],
          ...(listLevel > 0 ? (ordered ? { numbering: { reference: 'minutes-ordered', level: listLevel - 1 } } : { bullet: { level: listLevel - 1 } }) : {}),
        }),
      ];
    case 'heading': {
      const level = Math.min(3, Math.max(2, Number(node.attrs?.level ?? 2)));
      return [new Paragraph({ heading: level === 2 ? HeadingLevel.HEADING_3 : HeadingLevel.HEADING_4, children: [new TextRun({ text: `${ctx.counter.next(level)} `, font: FONT }), ...prefixRuns(node, ctx), ...children.flatMap(runs)] })];
    }
    case 'bulletList':
    case 'orderedList':
      return children.flatMap((item) => (item.content ?? []).flatMap((c) => blocks(c, ctx, listLevel + 1, node.type === 'orderedList')));
    case 'codeBlock':
      return [new Paragraph({ children: [new TextRun({ text: nodeText(node), font: 'Consolas' })] })];
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

const text = (value: string, opts: { bold?: boolean } = {}) => new Paragraph({ children: [new TextRun({ text: value, bold: opts.bold, font: FONT })] });
const cellOf = (content: Paragraph[] | string, widthPct?: number) =>
  new TableCell({ children: typeof content === 'string' ? [text(content)] : content.length ? content : [text('')], ...(widthPct ? { width: { size: widthPct, type: WidthType.PERCENTAGE } } : {}) });

function slotHeading(slot: ExportSlot, number: string, languages: string[]): Paragraph[] {
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: `${number} ${localizedText(slot.title, languages)}`, font: FONT })] }),
    ...(slot.start ? [new Paragraph({ children: [new TextRun({ text: `${slot.start}–${slot.end}`, italics: true, color: '555555', font: FONT })] })] : []),
  ];
}

/** The minutes as a Word document: header, agenda table, minutes slot by slot, decisions, footer. */
export async function renderDocx(model: ExportModel, options: RenderOptions): Promise<Buffer> {
  const languages = exportLanguages(model, options);
  const roster = new Map(model.roster.map((r) => [r.id, r]));
  const { meta } = model;
  const body: Block[] = [];
  for (const lang of languages) body.push(new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun({ text: meta.title[lang] ?? '', font: FONT })] }));
  const info: Array<[string, string]> = [
    ...(meta.series ? [['', [meta.number, meta.series].filter(Boolean).join(' ')] as [string, string]] : []),
    [label('dates', languages), meta.days.join(', ') || '—'],
    [label('venue', languages), meta.virtual ? label('virtual', languages) : localizedText(meta.venue, languages) || '—'],
    [label('timesIn', languages), meta.timezone],
    [label('participants', languages), model.roster.filter((r) => r.attendance === 'present').map((r) => rosterLabel(r, languages)).join('; ') || label('none', languages)],
  ];
  for (const [k, v] of info) body.push(new Paragraph({ children: [new TextRun({ text: k ? `${k}: ` : '', bold: true, font: FONT }), new TextRun({ text: v, font: FONT })] }));

  body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: label('agenda', languages), font: FONT })] }));
  body.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: [label('time', languages), label('item', languages), label('speakers', languages)].map((h) => cellOf([text(h, { bold: true })])) }),
        ...model.slots
          .filter((s) => s.start)
          .map((s) => new TableRow({ children: [cellOf(`${meta.days[s.day] ?? ''} ${s.start}–${s.end}`.trim(), 20), cellOf(languages.map((l) => text(s.title[l] ?? '')), 50), cellOf(s.speakers.map((sp) => localizedText(sp.name, languages)).join('; '), 30)] })),
      ],
    }),
  );

  const sessions = model.slots.filter((s) => s.kind !== 'break' && s.kind !== 'photo');
  const sequences = options.layout === 'sequence' ? languages.map((l) => [l]) : [languages];
  for (const langs of sequences) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: label('minutes', langs), font: FONT })] }));
    const counter = new HeadingCounter(options.numbering);
    sessions.forEach((slot, index) => {
      body.push(...slotHeading(slot, counter.next(1), langs));
      const perLang = langs.map((lang) => {
        const doc = slot.minutes[lang]!;
        return isEmptyDoc(doc) ? [text('—')] : blocks(doc, { roster, languages: [lang], counter: new HeadingCounter(options.numbering, [index + 1]) });
      });
      if (langs.length === 1) body.push(...perLang[0]!);
      else body.push(new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [new TableRow({ children: perLang.map((b) => new TableCell({ width: { size: Math.floor(100 / langs.length), type: WidthType.PERCENTAGE }, children: b })) })] }));
    });
  }

  body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: label('decisionsAndActions', languages), font: FONT })] }));
  const items = model.items.filter((i) => languages.includes(i.lang));
  if (items.length === 0) body.push(text(label('none', languages)));
  for (const item of items) {
    const kind = item.kind === 'decision' ? `${label('decision', languages)}${item.outcome ? ` (${outcomeLabel(item.outcome, languages)})` : ''}` : label('action', languages);
    body.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun({ text: `${kind}: `, bold: true, font: FONT }), new TextRun({ text: item.text + (item.due ? ` (${label('due', languages)}: ${item.due})` : ''), font: FONT })] }));
  }

  const footerText = `${model.status !== 'finalised' ? `${label('draft', languages)} · ` : ''}${label('version', languages)}: ${model.version.label} · ${model.meetingId}`;
  const document = new Document({
    creator: 'Quorum',
    title: localizedText(meta.title, languages),
    styles: { default: { document: { run: { font: FONT, size: 21 } } } },
    numbering: { config: [{ reference: 'minutes-ordered', levels: [0, 1, 2].map((level) => ({ level, format: 'decimal' as const, text: `%${level + 1}.`, alignment: AlignmentType.START })) }] },
    sections: [{ footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: footerText, size: 16, color: '555555', font: FONT })] })] }) }, children: body }],
  });
  return Packer.toBuffer(document);
}
