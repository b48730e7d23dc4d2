/**
 * A small reader of the raw messages a real SMTP server receives (RFC 5322 headers, RFC 2047
 * encoded words, multipart bodies, quoted-printable and base64), so tests check what a mail
 * client would show, not what the server meant to send.
 */
export interface ParsedMail {
  headers: Map<string, string>;
  subject: string;
  from: string;
  to: string;
  contentLanguage: string;
  /** The text/plain part, decoded. */
  text: string;
  /** The text/html part, decoded. */
  html: string;
  /** Every part's content type, in order (e.g. multipart/alternative, text/plain, text/html). */
  contentTypes: string[];
}

function splitHead(raw: string): { head: string; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  if (at < 0) return { head: raw, body: '' };
  const separator = raw.slice(at).match(/^\r?\n\r?\n/)![0];
  return { head: raw.slice(0, at), body: raw.slice(at + separator.length) };
}

function parseHeaders(head: string): Map<string, string> {
  const headers = new Map<string, string>();
  // Unfold continuation lines, then one header per line.
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

const qpBytes = (text: string): Buffer => {
  const soft = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i]!, 'latin1'));
  }
  return Buffer.from(bytes);
};

/** Decodes `=?UTF-8?B?…?=` and `=?UTF-8?Q?…?=` words; whitespace between two encoded words is dropped. */
export function decodeWords(value: string): string {
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _charset: string, encoding: string, text: string) =>
    encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : qpBytes(text.replace(/_/g, ' ')).toString('utf8'),
  );
}

function param(header: string, name: string): string | undefined {
  const match = new RegExp(`${name}="?([^";]+)"?`, 'i').exec(header);
  return match?.[1];
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return qpBytes(body).toString('utf8');
    default:
      return body;
  }
}

interface Part {
  contentType: string;
  body: string;
}

function walk(raw: string, types: string[], out: Part[]): Map<string, string> {
  const { head, body } = splitHead(raw);
  const headers = parseHeaders(head);
  const contentType = headers.get('content-type') ?? 'text/plain';
  types.push(contentType.split(';')[0]!.trim().toLowerCase());
  if (/^multipart\//i.test(contentType)) {
    const boundary = param(contentType, 'boundary');
    if (!boundary) throw new Error(`multipart without boundary: ${contentType}`);
    const sections = body.split(new RegExp(`\\r?\\n?--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*\\r?\\n?`));
    for (const section of sections.slice(1)) if (section.trim()) walk(section, types, out);
  } else {
    out.push({ contentType: contentType.toLowerCase(), body: decodeBody(body, headers.get('content-transfer-encoding')) });
  }
  return headers;
}

export function parseMail(raw: string): ParsedMail {
  const parts: Part[] = [];
  const contentTypes: string[] = [];
  const headers = walk(raw, contentTypes, parts);
  const find = (type: string) => parts.find((p) => p.contentType.startsWith(type))?.body ?? '';
  return {
    headers,
    subject: decodeWords(headers.get('subject') ?? ''),
    from: decodeWords(headers.get('from') ?? ''),
    to: decodeWords(headers.get('to') ?? ''),
    contentLanguage: headers.get('content-language') ?? '',
    text: find('text/plain'),
    html: find('text/html'),
    contentTypes,
  };
}
