import { formatClock } from '../../../shared/src/intl/formatters.ts';
import { rosterLabel, type RosterEntry } from '../../../shared/src/model/rosterDoc.ts';
import { zoneLabel, zonedTimeToUtc } from '../../../shared/src/model/timezone.ts';
import { type ExportModel, type ExportSlot, type PMNode, minutesSlots } from './exportModel.ts';
import { attendanceGroups, label, languageName, outcomeLabel, seriesLine } from './labels.ts';
import { HeadingCounter, type NumberingStyle } from './numbering.ts';
import { containerHtml } from './htmlContainers.ts';
import { imageOf, isEmptyDoc, safeHref } from './pmWalk.ts';
import { exportImage } from './exportImages.ts';

/** The family name of the embedded font subsets (see htmlFonts.ts). */
const EMBEDDED_FAMILY = 'Quorum Noto Sans TC';

export type ExportLayout = 'side-by-side' | 'single' | 'sequence';

export interface RenderOptions {
  /** 'all' or one of the meeting's languages. */
  lang: string;
  layout: ExportLayout;
  numbering: NumberingStyle;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Every piece of user content goes through this: exports never carry raw user HTML. */
export const esc = (value: unknown) => String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export function exportLanguages(model: ExportModel, options: RenderOptions): string[] {
  return options.lang === 'all' ? model.meta.languages : [options.lang];
}

/** "Item 1 / 專題一" in the selected languages. */
export const localizedText = (values: Record<string, string>, languages: string[]) =>
  [...new Set(languages.map((lang) => values[lang]).filter((v): v is string => !!v && v.trim().length > 0))].join(' / ');

/** A text run's HTML with its marks (the meeting's and the report's HTML exports). */
export function renderMarks(text: string, marks: PMNode['marks']): string {
  let html = esc(text);
  for (const mark of marks ?? []) {
    if (mark.type === 'bold') html = `<strong>${html}</strong>`;
    else if (mark.type === 'italic') html = `<em>${html}</em>`;
    else if (mark.type === 'underline') html = `<u>${html}</u>`;
    else if (mark.type === 'strike') html = `<s>${html}</s>`;
    else if (mark.type === 'code') html = `<code>${html}</code>`;
    else if (mark.type === 'link') {
      const href = safeHref(mark.attrs?.href);
      if (href) html = `<a href="${esc(href)}">${html}</a>`;
    }
  }
  return html;
}

interface MinutesContext {
  model: ExportModel;
  roster: Map<string, RosterEntry>;
  languages: string[];
  counter: HeadingCounter;
}

/** A paragraph's attribution and decision/action label, shown before its text. */
function blockPrefix(node: PMNode, ctx: MinutesContext): string {
  const attrs = node.attrs ?? {};
  let prefix = '';
  if (attrs.item === 'decision') prefix += `<span class="item decision">${esc(label('decision', ctx.languages))}${attrs.outcome ? ` (${esc(outcomeLabel(String(attrs.outcome), ctx.languages))})` : ''}:</span> `;
  if (attrs.item === 'action') {
    const owner = typeof attrs.owner === 'string' ? rosterLabel(ctx.roster.get(attrs.owner), ctx.languages) || attrs.owner : '';
    const details = [owner && `${label('owner', ctx.languages)}: ${owner}`, attrs.due && `${label('due', ctx.languages)}: ${attrs.due}`].filter(Boolean).join('; ');
    prefix += `<span class="item action">${esc(label('action', ctx.languages))}${details ? ` (${esc(details)})` : ''}:</span> `;
  }
  if (typeof attrs.speaker === 'string' && attrs.speaker) {
    prefix += `<strong class="speaker">${esc(rosterLabel(ctx.roster.get(attrs.speaker), ctx.languages) || attrs.speaker)}:</strong> `;
  }
  return prefix;
}

function renderNode(node: PMNode, ctx: MinutesContext): string {
  const inner = () => (node.content ?? []).map((child) => renderNode(child, ctx)).join('');
  const anchor = typeof node.attrs?.anchor === 'string' ? ` id="${esc(node.attrs.anchor)}"` : '';
  switch (node.type) {
    case 'doc':
      return inner();
    case 'text':
      return renderMarks(node.text ?? '', node.marks);
    case 'paragraph':
      return `<p${anchor}>${blockPrefix(node, ctx)}${inner()}</p>`;
    case 'heading': {
      const level = Math.min(3, Math.max(2, Number(node.attrs?.level ?? 2)));
      const tag = `h${level + 2}`;
      return `<${tag}${anchor}><span class="num">${esc(ctx.counter.next(level))}</span> ${blockPrefix(node, ctx)}${inner()}</${tag}>`;
    }
    case 'hardBreak':
      return '<br>';
    case 'image':
      return imageHtml(node, ctx);
    default:
      return containerHtml(node, inner, 'minutes-table') ?? inner(); // unknown wrappers keep their text
  }
}

/** An image inline as a data: URL (the HTML export loads nothing), with its description as caption. */
function imageHtml(node: PMNode, ctx: MinutesContext): string {
  const ref = imageOf(node);
  if (!ref) return '';
  const image = exportImage(ctx.model, ref.imageId);
  const caption = ref.alt ? `<figcaption>${esc(ref.alt)}</figcaption>` : '';
  if (!image) return `<figure class="image-missing" data-image-id="${esc(ref.imageId)}"><div>[${esc(ref.alt || ref.imageId)}]</div>${caption}</figure>`;
  const data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength).toString('base64');
  return `<figure><img alt="${esc(ref.alt)}" width="${image.width}" height="${image.height}" src="data:image/${image.type};base64,${data}">${caption}</figure>`;
}

function timeRange(slot: ExportSlot): string {
  return slot.start ? `${slot.start}–${slot.end}` : '';
}

function actualTimes(slot: ExportSlot, model: ExportModel, languages: string[]): string {
  const { actualStart, actualEnd } = slot.progress;
  if (actualStart === null) return '';
  const fmt = (ms: number) => formatClock(ms, model.meta.timezone);
  return `${label('actual', languages)}: ${fmt(actualStart)}–${actualEnd === null ? '…' : fmt(actualEnd)}`;
}

function header(model: ExportModel, languages: string[]): string {
  const { meta } = model;
  const firstDay = meta.days[0];
  const zone = firstDay ? zoneLabel(meta.timezone, zonedTimeToUtc(firstDay, '12:00', meta.timezone)) : meta.timezone;
  const groups = attendanceGroups(model.roster, languages);
  const attendance = groups.length ? groups.map((g) => `${esc(g.label)}: ${g.names.map(esc).join('; ')}`).join('<br>') : esc(label('none', languages));
  const series = seriesLine(meta, languages);
  return `<header class="meeting-header">
  <h1>${languages.map((lang) => `<span lang="${esc(lang)}">${esc(meta.title[lang] ?? '')}</span>`).join('<br>')}</h1>
  <dl>
    ${series ? `<dt>${esc(series.label)}</dt><dd>${esc(series.value)}</dd>` : ''}
    <dt>${esc(label('dates', languages))}</dt><dd>${esc(meta.days.join(', ') || '—')}</dd>
    <dt>${esc(label('venue', languages))}</dt><dd>${esc(meta.virtual ? label('virtual', languages) : localizedText(meta.venue, languages) || '—')}</dd>
    <dt>${esc(label('timesIn', languages))}</dt><dd>${esc(`${meta.timezone} (${zone})`)}</dd>
    <dt>${esc(label('participants', languages))}</dt><dd>${attendance}</dd>
  </dl>
</header>`;
}

function agendaTable(model: ExportModel, languages: string[]): string {
  const rows = model.slots
    .filter((s) => s.start)
    .map((s) => {
      const speakers = s.speakers.map((sp) => [localizedText(sp.name, languages), sp.role ? localizedText(sp.role, languages) : '', sp.affiliation ? localizedText(sp.affiliation, languages) : ''].filter(Boolean).join(', ')).join('; ');
      const day = model.meta.days[s.day] ?? `Day ${s.day + 1}`;
      return `<tr><td>${esc(day)}<br>${esc(timeRange(s))}</td><td>${languages.map((lang) => `<div lang="${esc(lang)}">${esc(s.title[lang] ?? '')}</div>`).join('')}</td><td>${esc(speakers)}</td></tr>`;
    })
    .join('\n');
  return `<section class="agenda"><h2>${esc(label('agenda', languages))}</h2>
<table><thead><tr><th>${esc(label('time', languages))}</th><th>${esc(label('item', languages))}</th><th>${esc(label('speakers', languages))}</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function slotHeading(slot: ExportSlot, model: ExportModel, languages: string[], number: string): string {
  const speakers = slot.speakers.map((sp) => localizedText(sp.name, languages)).join('; ');
  const actual = actualTimes(slot, model, languages);
  return `<h3 id="slot-${esc(slot.id)}"><span class="num">${esc(number)}</span> ${esc(localizedText(slot.title, languages))}</h3>
<p class="slot-meta">${esc([timeRange(slot), actual, speakers].filter(Boolean).join(' · '))}</p>`;
}

function minutesSection(model: ExportModel, options: RenderOptions, languages: string[]): string {
  const roster = new Map(model.roster.map((r) => [r.id, r]));
  const slotCounter = new HeadingCounter(options.numbering);
  const renderOne = (slot: ExportSlot, lang: string, counter: HeadingCounter) => {
    const doc = slot.minutes[lang]!;
    return isEmptyDoc(doc) ? '<p class="empty">—</p>' : renderNode(doc, { model, roster, languages: [lang], counter });
  };
  const sessionSlots = minutesSlots(model);
  if (options.layout === 'sequence' && languages.length > 1) {
    return languages
      .map((lang) => {
        const counter = new HeadingCounter(options.numbering);
        const body = sessionSlots
          .map((slot) => {
            const number = counter.next(1);
            return `${slotHeading(slot, model, [lang], number)}<div lang="${esc(lang)}">${renderOne(slot, lang, counter)}</div>`;
          })
          .join('\n');
        return `<section class="minutes" lang="${esc(lang)}"><h2>${esc(label('minutes', [lang]))}</h2>${body}</section>`;
      })
      .join('\n');
  }
  const body = sessionSlots
    .map((slot, index) => {
      const number = slotCounter.next(1);
      // Each language numbers its sub-headings under this slot's number (2.1, 2.2 / 二、三、).
      const counters = languages.map(() => new HeadingCounter(options.numbering, [index + 1]));
      const cells = languages.map((lang, i) => `<td lang="${esc(lang)}">${renderOne(slot, lang, counters[i]!)}</td>`).join('');
      const head = languages.length > 1 ? `<thead><tr>${languages.map((lang) => `<th lang="${esc(lang)}">${esc(languageName(lang))}</th>`).join('')}</tr></thead>` : '';
      return `${slotHeading(slot, model, languages, number)}<table class="side-by-side">${head}<tbody><tr>${cells}</tr></tbody></table>`;
    })
    .join('\n');
  return `<section class="minutes"><h2>${esc(label('minutes', languages))}</h2>${body}</section>`;
}

function itemsSection(model: ExportModel, languages: string[]): string {
  const items = model.items.filter((item) => languages.includes(item.lang));
  const roster = new Map(model.roster.map((r) => [r.id, r]));
  const rows = items
    .map((item) => {
      const slot = model.slots.find((s) => s.id === item.slotId);
      const kind = item.kind === 'decision' ? `${label('decision', languages)}${item.outcome ? ` (${outcomeLabel(item.outcome, languages)})` : ''}` : label('action', languages);
      const owner = item.owner ? rosterLabel(roster.get(item.owner), languages) || item.owner : '';
      return `<tr><td>${esc(kind)}</td><td>${esc(slot ? localizedText(slot.title, languages) : '')}</td><td lang="${esc(item.lang)}">${esc(item.text)}</td><td>${esc([owner, item.due].filter(Boolean).join(' · '))}</td></tr>`;
    })
    .join('\n');
  return `<section class="items"><h2>${esc(label('decisionsAndActions', languages))}</h2>${
    rows ? `<table><tbody>${rows}</tbody></table>` : `<p>${esc(label('none', languages))}</p>`
  }</section>`;
}

function footer(model: ExportModel, languages: string[]): string {
  const { version } = model;
  const when = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  return `<footer class="record-footer">${model.status !== 'finalised' ? `<strong>${esc(label('draft', languages))}</strong> · ` : ''}${esc(label('version', languages))}: ${esc(version.label)} · ${esc(label('generated', languages))}: ${esc(when(version.createdAt))}${
    version.finalisedAt ? ` · ${esc(label('finalisedBy', languages))}: ${esc(version.finalisedBy ?? '')} ${esc(when(version.finalisedAt))}` : ''
  } · ${esc(model.meetingId)}</footer>`;
}

const STYLE = `
body{font-family:"${EMBEDDED_FAMILY}","Noto Sans TC","Noto Sans CJK TC","PingFang TC","Microsoft JhengHei",system-ui,sans-serif;line-height:1.6;color:#1a1a1a;max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 1rem}h2{font-size:1.2rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1.05rem;margin:1.5rem 0 .2rem}h4,h5{font-size:1rem;margin:1rem 0 .3rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #bbb;padding:.35rem .5rem;vertical-align:top;text-align:left}
.side-by-side td{width:50%}.slot-meta{color:#555;margin:0 0 .4rem;font-size:.9rem}.num{font-variant-numeric:tabular-nums}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
.item{font-weight:600}.decision{color:#0b5d1e}.action{color:#8a4b00}.empty{color:#888}
figure{margin:.5rem 0}figure img{max-width:100%;height:auto}figcaption{font-size:.9rem;color:#444}.image-missing div{border:1px dashed #999;padding:1rem;color:#777}
.record-footer{margin-top:3rem;border-top:1px solid #ccc;padding-top:.5rem;font-size:.8rem;color:#555}
@media print{body{margin:0;max-width:none}h3{break-after:avoid}table{break-inside:auto}tr{break-inside:avoid}}`;

/** Exported HTML is a document, not part of the app: no scripts, nothing loaded, fonts inline. */
export const HTML_EXPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

/**
 * A self-contained, printable HTML document of the minutes (no scripts, no external resources).
 * Runs in a worker thread (font subsetting is heavy); the font code is loaded on first use, so the
 * main process, which imports this module for its helpers, never loads it.
 */
export async function renderHtml(model: ExportModel, options: RenderOptions): Promise<string> {
  const { embeddedFontFaces } = await import('./htmlFonts.ts');
  const languages = exportLanguages(model, options);
  const title = localizedText(model.meta.title, languages);
  const body = `${header(model, languages)}
${agendaTable(model, languages)}
${minutesSection(model, options, languages)}
${itemsSection(model, languages)}
${footer(model, languages)}`;
  return `<!doctype html>
<html lang="${esc(languages[0] ?? 'en')}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${HTML_EXPORT_CSP}">
<title>${esc(title)}</title><style>${await embeddedFontFaces(title + body, EMBEDDED_FAMILY)}
${STYLE}</style></head>
<body>
${body}
</body></html>
`;
}
