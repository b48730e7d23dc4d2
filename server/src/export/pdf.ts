import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { formatClock } from '../../../shared/src/intl/formatters.ts';
import { rosterLabel, type RosterEntry } from '../../../shared/src/model/rosterDoc.ts';
import { type ExportModel, type PMNode, minutesSlots } from './exportModel.ts';
import { exportLanguages, localizedText, type RenderOptions } from './html.ts';
import { attendanceGroups, label, outcomeLabel, seriesLine } from './labels.ts';
import { HeadingCounter } from './numbering.ts';
import { PdfTextLayout, type Para, type Run } from './pdfLayout.ts';
import { imageOf, isEmptyDoc } from './pmWalk.ts';
import { exportImage, fitInto } from './exportImages.ts';

/**
 * PDF export with pdfkit and Noto Sans TC from the npm registry, embedded (subsetted) so Chinese
 * renders as real, searchable text on any machine. The document is PDF/A-2b: every font embedded,
 * XMP metadata with title and language, no standard (non-embedded) fonts at all.
 */
const require = createRequire(import.meta.url);
const FONT_REGULAR = require.resolve('@expo-google-fonts/noto-sans-tc/400Regular/NotoSansTC_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/noto-sans-tc/700Bold/NotoSansTC_700Bold.ttf');
// Fonts are selected by these paths, never by registerFont() aliases: pdfkit caches a font under the
// key it was asked for, except when a font of the same name is already open (the default font set
// in the constructor), in which case it re-reads and re-parses the 7 MB file on every doc.font()
// call. With aliases that made a 200-paragraph PDF take 20 s (issue 13, finding 11).


interface Ctx {
  model: ExportModel;
  roster: Map<string, RosterEntry>;
  languages: string[];
  counter: HeadingCounter;
}

function inlineRuns(node: PMNode): Run[] {
  if (node.type === 'hardBreak') return [{ text: '\n' }];
  if (node.type !== 'text') return (node.content ?? []).flatMap(inlineRuns);
  return [{ text: node.text ?? '', bold: (node.marks ?? []).some((m) => m.type === 'bold') }];
}

function prefixRuns(node: PMNode, ctx: Ctx): Run[] {
  const a = node.attrs ?? {};
  const runs: Run[] = [];
  if (a.item === 'decision') runs.push({ text: `${label('decision', ctx.languages)}${a.outcome ? ` (${outcomeLabel(String(a.outcome), ctx.languages)})` : ''}: `, bold: true, color: '#0b5d1e' });
  if (a.item === 'action') {
    const owner = typeof a.owner === 'string' ? rosterLabel(ctx.roster.get(a.owner), ctx.languages) || a.owner : '';
    const details = [owner && `${label('owner', ctx.languages)}: ${owner}`, a.due && `${label('due', ctx.languages)}: ${a.due}`].filter(Boolean).join('; ');
    runs.push({ text: `${label('action', ctx.languages)}${details ? ` (${details})` : ''}: `, bold: true, color: '#8a4b00' });
  }
  if (typeof a.speaker === 'string' && a.speaker) runs.push({ text: `${rosterLabel(ctx.roster.get(a.speaker), ctx.languages) || a.speaker}: `, bold: true });
  return runs;
}

/** Flattens minutes into paragraphs (lists become indented, bulleted paragraphs). */
function paragraphs(node: PMNode, ctx: Ctx, indent = 0, bullet = ''): Para[] {
  const children = node.content ?? [];
  switch (node.type) {
    case 'paragraph':
      return [{ runs: [...(bullet ? [{ text: bullet }] : []), ...prefixRuns(node, ctx), ...children.flatMap(inlineRuns)], size: 10, indent, gapBefore: 4 }];
    case 'heading': {
      const level = Math.min(3, Math.max(2, Number(node.attrs?.level ?? 2)));
      return [{ runs: [{ text: `${ctx.counter.next(level)} `, bold: true }, ...prefixRuns(node, ctx), ...children.flatMap(inlineRuns).map((r) => ({ ...r, bold: true }))], size: level === 2 ? 11.5 : 10.5, indent, gapBefore: 8 }];
    }
    case 'bulletList':
    case 'orderedList':
      return children.flatMap((item, i) =>
        (item.content ?? []).flatMap((c, j) => paragraphs(c, ctx, indent + 14, j === 0 ? (node.type === 'bulletList' ? '• ' : `${i + 1}. `) : '')),
      );
    case 'image': {
      const ref = imageOf(node);
      if (!ref) return [];
      const image = exportImage(ctx.model, ref.imageId);
      const caption: Para[] = ref.alt ? [{ runs: [{ text: ref.alt, color: '#444444' }], size: 9, indent, gapBefore: 2 }] : [];
      if (!image) return [{ runs: [{ text: `[${ref.alt || ref.imageId}]`, color: '#777777' }], size: 10, indent, gapBefore: 4 }];
      return [{ runs: [], size: 10, indent, gapBefore: 6, image: { data: image.data, width: image.width, height: image.height } }, ...caption];
    }
    case 'table':
      return children.map((row) => ({ runs: [{ text: (row.content ?? []).map((cell) => (cell.content ?? []).flatMap(inlineRuns).map((r) => r.text).join('')).join(' | ') }], size: 9.5, indent, gapBefore: 2 }));
    default:
      return children.flatMap((c) => paragraphs(c, ctx, indent, bullet));
  }
}

/** Renders the export model to a PDF/A-2b buffer. */
export function renderPdf(model: ExportModel, options: RenderOptions): Promise<Buffer> {
  const languages = exportLanguages(model, options);
  const roster = new Map(model.roster.map((r) => [r.id, r]));
  const title = localizedText(model.meta.title, languages);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 64, left: 56, right: 56 },
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    font: FONT_REGULAR,
    lang: languages[0] ?? 'en',
    displayTitle: true,
    bufferPages: true,
    info: { Title: title, Author: 'Quorum', Subject: label('minutes', languages), Keywords: [model.meta.series, model.meetingId].filter(Boolean).join(', '), CreationDate: new Date(model.version.createdAt) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  const layout = new PdfTextLayout(doc, { regular: FONT_REGULAR, bold: FONT_BOLD });
  const top = () => doc.page.margins.top;
  /**
   * Paragraphs side by side (one per column, a column may have none), starting at doc.y; doc.y
   * ends below the tallest. A row that fits on a page is kept together; a taller one continues on
   * the next pages, every column in its own place.
   */
  const row = (cells: Array<{ para: Para | undefined; x: number; width: number }>) => {
    // An image is one "line" as tall as the picture fitted to its column (at most 300 pt high).
    type Laid = { para: Para; x: number; lines: ReturnType<typeof layout.lines>; lineHeight: number; box: { width: number; height: number } | null };
    const laid = cells.flatMap(({ para, x, width }): Laid[] => {
      if (!para) return [];
      if (para.image) {
        const box = fitInto(para.image.width, para.image.height, width - para.indent, 300);
        return [{ para, x, lines: [[]], lineHeight: box.height, box }];
      }
      return [{ para, x, lines: layout.lines(para, width), lineHeight: layout.lineHeight(para.size), box: null }];
    });
    if (laid.length === 0) return;
    const height = Math.max(...laid.map((c) => c.para.gapBefore + c.lines.length * c.lineHeight));
    const minimum = Math.max(...laid.map((c) => c.para.gapBefore + c.lineHeight));
    if ((height <= bottom() - top() && doc.y + height > bottom()) || doc.y + minimum > bottom()) doc.addPage();
    let y = doc.y;
    let pending = laid.map((c) => ({ ...c, offset: c.para.gapBefore }));
    let end = y;
    while (pending.length > 0) {
      const next: typeof pending = [];
      for (const c of pending) {
        const fit = Math.max(1, Math.floor((bottom() - y - c.offset) / c.lineHeight));
        const now = c.lines.slice(0, fit);
        if (c.box && c.para.image) {
          const data = c.para.image.data;
          doc.image(Buffer.from(data.buffer, data.byteOffset, data.byteLength), c.x + c.para.indent, y + c.offset, { width: c.box.width, height: c.box.height });
        } else layout.drawLines(c.para, now, c.x, y + c.offset);
        end = Math.max(end, y + c.offset + now.length * c.lineHeight);
        if (c.lines.length > fit) next.push({ ...c, lines: c.lines.slice(fit), offset: 0 });
      }
      pending = next;
      if (pending.length > 0) {
        doc.addPage();
        y = top();
        end = y;
      }
    }
    doc.y = end;
  };
  const flow = (p: Para) => row([{ para: p, x: left, width }]);
  const heading = (text: string, size: number) => flow({ runs: [{ text, bold: true }], size, indent: 0, gapBefore: 12 });
  const line = (text: string, size = 10, color?: string) => flow({ runs: [{ text, color }], size, indent: 0, gapBefore: 2 });

  for (const lang of languages) flow({ runs: [{ text: model.meta.title[lang] ?? '', bold: true }], size: 17, indent: 0, gapBefore: 4 });
  const { meta } = model;
  const series = seriesLine(meta, languages);
  if (series) line(`${series.label}: ${series.value}`);
  line(`${label('dates', languages)}: ${meta.days.join(', ') || '—'}`);
  line(`${label('venue', languages)}: ${meta.virtual ? label('virtual', languages) : localizedText(meta.venue, languages) || '—'}`);
  line(`${label('timesIn', languages)}: ${meta.timezone}`);
  const attendance = attendanceGroups(model.roster, languages);
  if (attendance.length === 0) line(`${label('participants', languages)}: ${label('none', languages)}`);
  for (const group of attendance) line(`${group.label}: ${group.names.join('; ')}`);

  heading(label('agenda', languages), 14);
  for (const slot of model.slots.filter((s) => s.start)) {
    const speakers = slot.speakers.map((sp) => localizedText(sp.name, languages)).join('; ');
    flow({ runs: [{ text: `${meta.days[slot.day] ?? ''} ${slot.start}–${slot.end}  `, bold: true }, { text: localizedText(slot.title, languages) }, ...(speakers ? [{ text: ` (${speakers})`, color: '#555555' }] : [])], size: 9.5, indent: 0, gapBefore: 3 });
  }

  const sessions = minutesSlots(model);
  const sequences = options.layout === 'sequence' ? languages.map((l) => [l]) : [languages];
  for (const langs of sequences) {
    heading(label('minutes', langs), 14);
    const counter = new HeadingCounter(options.numbering);
    sessions.forEach((slot, index) => {
      heading(`${counter.next(1)} ${localizedText(slot.title, langs)}`, 12);
      if (slot.start) {
        const { actualStart, actualEnd } = slot.progress;
        const clock = (ms: number) => formatClock(ms, meta.timezone);
        const actual = actualStart !== null ? ` · ${label('actual', langs)}: ${clock(actualStart)}–${actualEnd === null ? '…' : clock(actualEnd)}` : '';
        line(`${slot.start}–${slot.end}${actual}`, 9, '#555555');
      }
      const columns = langs.map((lang) => {
        const body = slot.minutes[lang]!;
        return isEmptyDoc(body) ? [{ runs: [{ text: '—', color: '#888888' }], size: 10, indent: 0, gapBefore: 4 }] : paragraphs(body, { model, roster, languages: [lang], counter: new HeadingCounter(options.numbering, [index + 1]) });
      });
      if (columns.length === 1) {
        columns[0]!.forEach(flow);
        return;
      }
      // Side by side: paragraph rows aligned across languages, each paragraph in its own column.
      const gap = 14;
      const colWidth = (width - gap * (columns.length - 1)) / columns.length;
      const rows = Math.max(...columns.map((c) => c.length));
      for (let r = 0; r < rows; r++) row(columns.map((c, i) => ({ para: c[r], x: left + i * (colWidth + gap), width: colWidth })));
    });
  }

  heading(label('decisionsAndActions', languages), 14);
  const items = model.items.filter((i) => languages.includes(i.lang));
  if (items.length === 0) line(label('none', languages));
  for (const item of items) {
    const kind = item.kind === 'decision' ? `${label('decision', languages)}${item.outcome ? ` (${outcomeLabel(item.outcome, languages)})` : ''}` : label('action', languages);
    flow({ runs: [{ text: `${kind}: `, bold: true }, { text: item.text + (item.due ? ` (${label('due', languages)}: ${item.due})` : '') }], size: 10, indent: 0, gapBefore: 3 });
  }

  // Footer on every page: version and finalisation, page numbers.
  const range = doc.bufferedPageRange();
  const footer = `${model.status !== 'finalised' ? `${label('draft', languages)} · ` : ''}${label('version', languages)}: ${model.version.label} · ${model.meetingId}`;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - doc.page.margins.bottom + 20;
    doc.font(FONT_REGULAR).fontSize(8).fillColor('#555555');
    doc.text(`${footer} · ${i + 1}/${range.count}`, left, y, { width, align: 'center', lineBreak: false, height: 12 });
  }
  doc.end();
  return done;
}
