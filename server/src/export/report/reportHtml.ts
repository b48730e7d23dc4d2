import type { PMNode } from '../../../../shared/src/report/pmJson.ts';
import { localizedText, type AgendaDay, type Localized, type MeetingChapter, type NumberLabel, type ReportTextLanguage, type RichText, type TextSection } from '../../../../shared/src/report/reportModel.ts';
import { esc, renderMarks } from '../html.ts';
import { containerHtml } from '../htmlContainers.ts';
import { coverFields, fieldLine, headingLines, headingText, joined, perLanguage, PHOTO_LABEL, rowTime, speakerLine, type ReportView } from './reportText.ts';

/**
 * The report's HTML print view: one self-contained document (no scripts, nothing loaded; fonts
 * subsetted and inlined, photos inlined as data: URLs) laid out for A4 printing, with the same
 * order and numbering as the DOCX and PDF. Section ids are the model's heading ids, so the
 * contents link to them.
 */
const EMBEDDED_FAMILY = 'Quorum Noto Sans TC';

/** A photo's bytes go in at the very end (as base64), never into the strings the page is built from. */
interface ImageSlot {
  imageId: string;
}
type Part = string | ImageSlot;

function inline(node: PMNode): string {
  if (node.type === 'hardBreak') return '<br>';
  if (node.type !== 'text') return (node.content ?? []).map(inline).join('');
  return renderMarks(node.text ?? '', node.marks);
}

function block(node: PMNode, lang: ReportTextLanguage): string {
  const inner = () => (node.content ?? []).map((child) => block(child, lang)).join('');
  switch (node.type) {
    case 'doc':
      return inner();
    case 'text':
    case 'hardBreak':
      return inline(node);
    case 'paragraph':
      return `<p>${inline(node)}</p>`;
    case 'heading': {
      const level = Math.min(3, Math.max(1, Number(node.attrs?.level ?? 2) || 2));
      const number = (node.attrs?.number as Partial<NumberLabel> | undefined)?.[lang];
      const tag = `h${level + 2}`;
      return `<${tag} class="text-heading">${typeof number === 'string' && number ? `<span class="num">${esc(number)}</span>${lang === 'en' ? ' ' : ''}` : ''}${inline(node)}</${tag}>`;
    }
    default:
      return containerHtml(node, inner, 'text-table') ?? inner();
  }
}

class HtmlWriter {
  readonly parts: Part[] = [];

  constructor(private readonly view: ReportView) {}

  private get languages() {
    return this.view.languages;
  }

  push(...parts: Part[]): void {
    this.parts.push(...parts);
  }

  lines(text: Localized, tag = 'span', cls = ''): string {
    return perLanguage(text, this.languages)
      .map((line) => `<${tag} lang="${line.lang}"${cls ? ` class="${cls}"` : ''}>${esc(line.text)}</${tag}>`)
      .join(tag === 'span' ? '<br>' : '');
  }

  heading(level: 1 | 2 | 3, number: NumberLabel | null, title: Localized): string {
    return `<h${level}>${headingLines(number, title, this.languages)
      .map((line) => `<span lang="${line.lang}">${esc(line.text)}</span>`)
      .join('<br>')}</h${level}>`;
  }

  richText(text: RichText): string {
    const columns = this.languages.map((lang) => {
      const own = text[lang];
      const doc = own && (own.content ?? []).length ? own : (text[lang === 'en' ? 'zh-Hant' : 'en'] ?? own);
      const html = doc ? block(doc, lang) : '';
      return `<div class="text" lang="${lang}">${html || '<p class="empty">—</p>'}</div>`;
    });
    return columns.length > 1 ? `<div class="bilingual">${columns.join('')}</div>` : columns[0]!;
  }

  section(section: TextSection, level: 1 | 2, cls: string): void {
    this.push(`<section class="${cls}" id="${esc(section.id)}">${this.heading(level, section.number, section.title)}${this.richText(section.body)}</section>\n`);
  }

  agendaTable(day: AgendaDay): string {
    const { labels } = this.view.model;
    const rows = day.rows
      .map((row) => {
        const speakers = this.languages.flatMap((lang) => row.speakers.map((s) => `<li lang="${lang}">${esc(speakerLine(s, lang))}</li>`)).join('');
        return `<tr class="row-${row.kind}"><td class="time">${esc(rowTime(row))}</td><td class="agenda-item">${this.lines(row.title, 'div', 'item-title')}${speakers ? `<ul class="speakers">${speakers}</ul>` : ''}</td></tr>`;
      })
      .join('');
    return `<div class="agenda-day"><h3 class="day">${esc(joined(day.label, this.languages))}</h3><table class="agenda"><thead><tr><th class="time">${esc(joined(labels.time, this.languages))}</th><th>${esc(joined(labels.agenda, this.languages))}</th></tr></thead><tbody>${rows}</tbody></table></div>`;
  }

  meetingChapter(chapter: MeetingChapter): void {
    const { labels } = this.view.model;
    const notes = [
      chapter.draftMark ? `<p class="note draft-mark">${this.lines(chapter.draftMark)}</p>` : '',
      chapter.timezoneNote ? `<p class="note timezone-note">${this.lines(chapter.timezoneNote)}</p>` : '',
    ].join('');
    const items = chapter.keyPoints.items
      .map((item) => {
        const marks = [
          item.origin === 'edited' ? `<p class="note edited">${this.lines(labels.editedSummary)}</p>` : '',
          item.sourceChanged ? `<p class="note source-changed">${this.lines(labels.sourceChanged)}</p>` : '',
        ].join('');
        return `<section class="key-point" id="${esc(item.id)}">${this.heading(3, item.number, item.title)}<p class="item-time">${esc(item.time)}</p>${marks}${this.richText(item.body)}</section>`;
      })
      .join('\n');
    this.push(
      `<section class="chapter meeting" id="${esc(chapter.id)}" data-meeting="${esc(chapter.meetingId)}" data-source="${esc(chapter.source.state)}">${this.heading(1, chapter.number, chapter.title)}${notes}
${chapter.agendaDays.map((day) => this.agendaTable(day)).join('\n')}
<section class="purpose" id="${esc(chapter.purpose.id)}">${this.heading(2, chapter.purpose.number, chapter.purpose.title)}${this.richText(chapter.purpose.body)}</section>
<section class="key-points" id="${esc(chapter.keyPoints.id)}">${this.heading(2, chapter.keyPoints.number, chapter.keyPoints.title)}
${items}</section></section>\n`,
    );
  }

  photos(id: string, number: NumberLabel | null, title: Localized, photos: Array<{ imageId: string; caption: Localized; position: number }>): void {
    this.push(`<section class="chapter photos" id="${esc(id)}">${this.heading(1, number, title)}`);
    for (const photo of photos) {
      const caption = this.languages
        .map((lang) => `<span lang="${lang}">${esc(`${localizedText(PHOTO_LABEL, lang)} ${photo.position}${lang === 'zh-Hant' ? '：' : ': '}${localizedText(photo.caption, lang)}`)}</span>`)
        .join('<br>');
      const image = this.view.images.get(photo.imageId);
      this.push('<figure class="photo">');
      if (image) this.push(`<img alt="${esc(localizedText(photo.caption, this.languages[0]!))}" width="${image.width}" height="${image.height}" src="`, { imageId: photo.imageId }, '">');
      else this.push(`<div class="photo-placeholder" data-image-id="${esc(photo.imageId)}">[${esc(photo.imageId)}]</div>`);
      this.push(`<figcaption>${caption}</figcaption></figure>\n`);
    }
    this.push('</section>\n');
  }

  cover(): void {
    const { model } = this.view;
    const { cover } = model;
    const fields = coverFields(model)
      .map((field) => `<div class="field">${this.languages.map((lang) => `<p lang="${lang}">${esc(fieldLine(field, lang))}</p>`).join('')}</div>`)
      .join('');
    this.push(
      `<header class="cover" id="cover"><p class="report-type">${this.lines(cover.reportType)}</p><p class="category">${this.lines(cover.category)}</p><p class="report-title">${this.lines(cover.title)}</p><div class="fields">${fields}</div>${
        model.status !== 'finalised' ? `<p class="draft">${esc(joined(model.labels.draftReport, this.languages))}</p>` : ''
      }</header>\n`,
    );
  }

  contents(): void {
    const { model } = this.view;
    const entries = model.contents
      .map((entry) => `<li class="level-${entry.level}"><a href="#${esc(entry.id)}">${esc(headingText(entry.number, entry.title, this.languages))}</a></li>`)
      .join('');
    this.push(`<nav class="contents" id="contents"><h1>${esc(joined(model.labels.contents, this.languages))}</h1><ol>${entries}</ol></nav>\n`);
  }
}

const STYLE = `
@page{size:A4;margin:2.2cm 2cm;@bottom-center{content:counter(page);font-size:9pt;color:#555}}
@page:first{@bottom-center{content:none}}
body{font-family:"${EMBEDDED_FAMILY}","Noto Sans TC","Noto Sans CJK TC","PingFang TC","Microsoft JhengHei",system-ui,sans-serif;line-height:1.6;color:#1a1a1a;max-width:52rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.45rem;margin:0 0 .8rem}h2{font-size:1.2rem;margin:1.4rem 0 .4rem}h3{font-size:1.05rem;margin:1.1rem 0 .3rem}h4,h5{font-size:1rem;margin:.8rem 0 .3rem}
h1 span+br+span,h2 span+br+span,h3 span+br+span{font-size:.85em;font-weight:600}
.cover{text-align:center;padding:4rem 0;min-height:80vh}.report-type{font-size:2.2rem;font-weight:700;margin:0}.category{font-size:1.15rem}.report-title{font-size:1.5rem;font-weight:700;margin:3rem 0}
.fields{text-align:left;display:inline-block;margin-top:3rem}.field p{margin:.1rem 0}.field p+p{color:#555;font-size:.9em}.field{margin:.6rem 0}.draft{color:#a04000;font-weight:700}
.contents ol{list-style:none;padding:0}.contents li.level-1{font-weight:600;margin-top:.6rem}.contents li.level-2{padding-left:1.5rem}.contents a{color:inherit;text-decoration:none}
table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem}th,td{border:1px solid #999;padding:.3rem .5rem;vertical-align:top;text-align:left}thead th{background:#e8e8e8}
.agenda td.time,.agenda th.time{width:18%;white-space:nowrap}.item-title{font-weight:600}.speakers{margin:.2rem 0 0;padding-left:1.1rem;font-size:.9em;color:#333}
.note{color:#555;font-size:.9rem;margin:.2rem 0}.draft-mark,.source-changed{color:#a04000}.item-time{color:#555;font-size:.9rem;margin:0}
.bilingual{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}
.photo{margin:1.2rem 0;text-align:center;break-inside:avoid}.photo img{max-width:100%;max-height:12cm;height:auto;width:auto}
.photo-placeholder{border:2px dashed #999;color:#777;padding:3rem 1rem;margin:0 auto;max-width:60%}figcaption{font-size:.9rem;margin-top:.3rem}
@media print{body{margin:0;max-width:none;padding:0}.cover{min-height:auto;break-after:page}.summary,.contents,.chapter,.annex{break-before:page}h1,h2,h3{break-after:avoid}tr{break-inside:avoid}thead{display:table-header-group}}`;

/** Exported HTML loads nothing and runs nothing: fonts and photos are inline. */
export const REPORT_HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

export async function renderReportHtml(view: ReportView): Promise<Buffer> {
  const { embeddedFontFaces } = await import('../htmlFonts.ts');
  const { model, languages } = view;
  const writer = new HtmlWriter(view);
  writer.cover();
  writer.section(model.summary, 1, 'summary');
  writer.contents();
  for (const chapter of model.chapters) {
    if (chapter.kind === 'meeting') writer.meetingChapter(chapter);
    else if (chapter.kind === 'photos') writer.photos(chapter.id, chapter.number, chapter.title, chapter.photos);
    else writer.section(chapter, 1, `chapter ${chapter.kind}`);
  }
  model.annexes.forEach((annex) => writer.section(annex, 1, 'annex'));

  const text = writer.parts.filter((p): p is string => typeof p === 'string').join('');
  const title = headingText(null, model.cover.title, languages);
  const head = `<!doctype html>
<html lang="${languages[0]}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${REPORT_HTML_CSP}">
<title>${esc(title)}</title><style>${await embeddedFontFaces(title + text, EMBEDDED_FAMILY)}
${STYLE}</style></head>
<body class="report language-${model.language}">
`;
  const chunks: Buffer[] = [Buffer.from(head)];
  for (const part of writer.parts) {
    if (typeof part === 'string') chunks.push(Buffer.from(part));
    else {
      const image = view.images.get(part.imageId)!;
      chunks.push(Buffer.from(`data:image/${image.type};base64,`), Buffer.from(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength).toString('base64')));
    }
  }
  chunks.push(Buffer.from('</body></html>\n'));
  return Buffer.concat(chunks);
}
