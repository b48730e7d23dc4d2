/**
 * File names of downloaded records, named the way a secretariat files them: series and number,
 * the meeting's first day, then what the file is ("ACTWG-34_2022-02-14_minutes_zh-Hant.pdf"),
 * instead of the meeting's opaque id. A meeting without a series is named by its title.
 */
export interface RecordNaming {
  series: string;
  number: number | null;
  /** The first meeting day (YYYY-MM-DD), if any. */
  date: string | null;
  title: Record<string, string>;
  /** Used only when nothing above names the meeting. */
  meetingId: string;
}

const MAX_PART = 60;

/** Letters, digits and a few separators of any script; anything a file system or a header could choke on becomes "-". */
function part(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, MAX_PART)
    .replace(/[-.]+$/, '');
}

/** The file name, in Unicode (a Chinese title stays Chinese). `what`: e.g. ["minutes", "zh-Hant"]. */
export function recordFileName(naming: RecordNaming, what: string[], extension: string): string {
  const title = naming.title.en || Object.values(naming.title).find((t) => t.trim()) || '';
  const meeting = naming.series ? part([naming.series, naming.number ?? ''].join(' ')) : part(title);
  const parts = [meeting || part(naming.meetingId), naming.date ?? '', ...what.map(part)].filter(Boolean);
  return `${parts.join('_')}.${extension}`;
}

/**
 * A Content-Disposition header carrying the name twice: in `filename*` as UTF-8 (RFC 6266/5987,
 * what browsers use), and in `filename` reduced to ASCII for clients that know only that.
 */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]+/g, '-').replace(/["\\]/g, '-').replace(/-{2,}/g, '-').replace(/^-+/, '');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
