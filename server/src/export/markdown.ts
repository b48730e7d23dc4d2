import { rosterLabel, type RosterEntry } from '../../../shared/src/model/rosterDoc.ts';
import { type ExportModel, type ExportSlot, type PMNode, minutesSlots } from './exportModel.ts';
import { exportLanguages, localizedText, type RenderOptions } from './html.ts';
import { attendanceGroups, label, languageName, outcomeLabel, seriesLine } from './labels.ts';
import { HeadingCounter } from './numbering.ts';
import { imageOf, isEmptyDoc, safeHref } from './pmWalk.ts';
import { imageFileName } from './exportImages.ts';

/**
 * Markdown escaping for text that must not turn into markup. Every value interpolated into the
 * output goes through it (or through `code`): `<` and `&` so no value becomes HTML or an entity,
 * the rest so no value becomes emphasis, a link, a heading or a table cell.
 */
const md = (value: unknown) => String(value ?? '').replace(/([\\`*_[\]<>#|&~])/g, '\\$1');
/** A fence of backticks longer than any run inside the text, so the text cannot close it. */
const fence = (text: string, min: number) => '`'.repeat(Math.max(min, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
const cell = (text: string) => md(text).replace(/\n/g, '<br>');

function inline(node: PMNode): string {
  if (node.type === 'hardBreak') return '  \n';
  if (node.type !== 'text') return (node.content ?? []).map(inline).join('');
  let text = md(node.text ?? '');
  for (const mark of node.marks ?? []) {
    if (mark.type === 'bold') text = `**${text}**`;
    else if (mark.type === 'italic') text = `*${text}*`;
    else if (mark.type === 'strike') text = `~~${text}~~`;
    else if (mark.type === 'code') {
      const raw = node.text ?? '';
      const f = fence(raw, 1);
      text = `${f} ${raw} ${f}`;
    }
    else if (mark.type === 'link') {
      const href = safeHref(mark.attrs?.href);
      if (href) text = `[${text}](${href})`;
    }
  }
  return text;
}

interface Ctx {
  model: ExportModel;
  roster: Map<string, RosterEntry>;
  languages: string[];
  counter: HeadingCounter;
}

function prefix(node: PMNode, ctx: Ctx): string {
  const a = node.attrs ?? {};
  let out = '';
  if (a.item === 'decision') out += `**${label('decision', ctx.languages)}${a.outcome ? ` (${md(outcomeLabel(String(a.outcome), ctx.languages))})` : ''}:** `;
  if (a.item === 'action') {
    const owner = typeof a.owner === 'string' ? rosterLabel(ctx.roster.get(a.owner), ctx.languages) || a.owner : '';
    const details = [owner && `${label('owner', ctx.languages)}: ${owner}`, a.due && `${label('due', ctx.languages)}: ${a.due}`].filter(Boolean).join('; ');
    out += `**${label('action', ctx.languages)}${details ? ` (${md(details)})` : ''}:** `;
  }
  if (typeof a.speaker === 'string' && a.speaker) out += `**${md(rosterLabel(ctx.roster.get(a.speaker), ctx.languages) || a.speaker)}:** `;
  return out;
}

function block(node: PMNode, ctx: Ctx, indent = ''): string {
  const children = node.content ?? [];
  switch (node.type) {
    case 'doc':
      return children.map((c) => block(c, ctx, indent)).filter(Boolean).join('\n\n');
    case 'paragraph':
      return indent + prefix(node, ctx) + children.map(inline).join('');
    case 'heading': {
      const level = Math.min(3, Math.max(2, Number(node.attrs?.level ?? 2)));
      return `${'#'.repeat(level + 2)} ${ctx.counter.next(level)} ${prefix(node, ctx)}${children.map(inline).join('')}`;
    }
    case 'bulletList':
    case 'orderedList':
      return children
        .map((item, i) => {
          const marker = node.type === 'bulletList' ? '- ' : `${i + 1}. `;
          const body = (item.content ?? []).map((c) => block(c, ctx, '')).join('\n\n');
          return indent + marker + body.replace(/\n/g, `\n${indent}${' '.repeat(marker.length)}`);
        })
        .join('\n');
    case 'blockquote':
      return children.map((c) => block(c, ctx)).join('\n\n').replace(/^/gm, '> ');
    case 'image': {
      // A relative link: the archive package holds the file at this path beside the Markdown.
      const ref = imageOf(node);
      if (!ref) return '';
      const data = ctx.model.images?.[ref.imageId];
      return indent + (data ? `![${md(ref.alt)}](${imageFileName(ref.imageId, data)})` : md(`[${ref.alt || ref.imageId}]`));
    }
    case 'codeBlock': {
      const code = children.map((c) => c.text ?? '').join('');
      const f = fence(code, 3);
      return `${f}\n${code}\n${f}`;
    }
    case 'horizontalRule':
      return '---';
    case 'table': {
      const rows = children.map((row) => (row.content ?? []).map((c) => cell((c.content ?? []).map((p) => (p.content ?? []).map(inline).join('')).join(' '))));
      if (rows.length === 0) return '';
      const width = Math.max(...rows.map((r) => r.length));
      const line = (r: string[]) => `| ${[...r, ...Array(width - r.length).fill('')].join(' | ')} |`;
      return [line(rows[0]!), line(Array(width).fill('---')), ...rows.slice(1).map(line)].join('\n');
    }
    default:
      return children.map((c) => block(c, ctx, indent)).join('\n\n');
  }
}

const range = (s: ExportSlot) => (s.start ? `${s.start}–${s.end}` : '');

/** The minutes as Markdown (CommonMark with pipe tables), same content and order as the HTML export. */
export function renderMarkdown(model: ExportModel, options: RenderOptions): string {
  const languages = exportLanguages(model, options);
  const roster = new Map(model.roster.map((r) => [r.id, r]));
  const { meta } = model;
  const series = seriesLine(meta, languages);
  const attendance = attendanceGroups(model.roster, languages);
  const out: string[] = [];
  out.push(`# ${md(localizedText(meta.title, languages))}`);
  out.push(
    [
      series ? `- ${series.label}: ${md(series.value)}` : '',
      `- ${label('dates', languages)}: ${md(meta.days.join(', ')) || '—'}`,
      `- ${label('venue', languages)}: ${md(meta.virtual ? label('virtual', languages) : localizedText(meta.venue, languages) || '—')}`,
      `- ${label('timesIn', languages)}: ${md(meta.timezone)}`,
      `- ${label('participants', languages)}:${attendance.length ? '' : ` ${label('none', languages)}`}`,
      ...attendance.map((g) => `  - ${g.label}: ${md(g.names.join('; '))}`),
    ]
      .filter(Boolean)
      .join('\n'),
  );
  out.push(`## ${label('agenda', languages)}`);
  out.push(
    [`| ${label('time', languages)} | ${label('item', languages)} | ${label('speakers', languages)} |`, '| --- | --- | --- |']
      .concat(
        model.slots
          .filter((s) => s.start)
          .map((s) => `| ${cell(`${meta.days[s.day] ?? ''} ${range(s)}`.trim())} | ${cell(localizedText(s.title, languages))} | ${cell(s.speakers.map((sp) => localizedText(sp.name, languages)).join('; '))} |`),
      )
      .join('\n'),
  );
  const sessions = minutesSlots(model);
  const sequences = options.layout === 'sequence' ? languages.map((lang) => [lang]) : [languages];
  for (const langs of sequences) {
    out.push(`## ${label('minutes', langs)}`);
    const slotCounter = new HeadingCounter(options.numbering);
    sessions.forEach((slot, index) => {
      out.push(`### ${slotCounter.next(1)} ${md(localizedText(slot.title, langs))}`);
      if (range(slot)) out.push(`*${md(range(slot))}*`);
      for (const lang of langs) {
        const doc = slot.minutes[lang]!;
        const body = isEmptyDoc(doc) ? '—' : block(doc, { model, roster, languages: [lang], counter: new HeadingCounter(options.numbering, [index + 1]) });
        out.push(langs.length > 1 ? `**${md(languageName(lang))}**\n\n${body}` : body);
      }
    });
  }
  out.push(`## ${label('decisionsAndActions', languages)}`);
  const items = model.items.filter((i) => languages.includes(i.lang));
  out.push(
    items.length === 0
      ? label('none', languages)
      : items.map((i) => `- **${i.kind === 'decision' ? `${label('decision', languages)}${i.outcome ? ` (${md(outcomeLabel(i.outcome, languages))})` : ''}` : label('action', languages)}** ${md(i.text)}${i.due ? ` (${label('due', languages)}: ${md(i.due)})` : ''}`).join('\n'),
  );
  out.push(`---\n${label('version', languages)}: ${md(model.version.label)} · ${model.status !== 'finalised' ? label('draft', languages) : `${label('finalisedBy', languages)}: ${md(model.version.finalisedBy ?? '')}`}`);
  return out.join('\n\n') + '\n';
}
