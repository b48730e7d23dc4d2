import type { UiLocale } from '../../../shared/src/api/auth.ts';

/**
 * What an e-mail says, independent of its two renderings: a plain-text part (read by anything)
 * and an HTML part (every value escaped: names, titles and comments are other people's input).
 */
export interface MailLink {
  href: string;
  label: string;
}

export interface MailSection {
  heading: string;
  items: Array<{ text: string; quote?: string }>;
  links: MailLink[];
}

export interface MailContent {
  subject: string;
  greeting?: string;
  paragraphs: string[];
  sections: MailSection[];
  /** The main thing to do (a button in HTML). */
  action?: MailLink;
  footer: Array<{ text: string; link?: MailLink }>;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  /** Content-Language: one language, or both when the recipient's is unknown. */
  locale: string;
}

const MAX_SUBJECT = 200;

/** One line, no control characters (a header cannot be split), bounded. */
export function subjectLine(text: string): string {
  const line = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return line.length > MAX_SUBJECT ? `${line.slice(0, MAX_SUBJECT - 1)}…` : line;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const paragraphHtml = (text: string, style = '') => `<p${style ? ` style="${style}"` : ''}>${escapeHtml(text).replace(/\n/g, '<br>')}</p>`;
const linkHtml = (link: MailLink) => `<a href="${escapeHtml(link.href)}" style="color:#1d4ed8">${escapeHtml(link.label)}</a>`;
const BUTTON = 'display:inline-block;padding:10px 18px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:600';
const QUOTE = 'margin:6px 0 0;padding:4px 12px;border-left:3px solid #cbd5e1;color:#334155';

function textPart(content: MailContent): string {
  const lines: string[] = [];
  if (content.greeting) lines.push(content.greeting, '');
  for (const paragraph of content.paragraphs) lines.push(paragraph, '');
  for (const section of content.sections) {
    lines.push(section.heading, '-'.repeat(Math.min(60, Math.max(3, section.heading.length))));
    for (const item of section.items) {
      lines.push(`* ${item.text}`);
      if (item.quote) for (const line of item.quote.split('\n')) lines.push(`  > ${line}`);
    }
    for (const link of section.links) lines.push(`${link.label}: ${link.href}`);
    lines.push('');
  }
  if (content.action) lines.push(`${content.action.label}: ${content.action.href}`, '');
  if (content.footer.length > 0) lines.push('--');
  for (const note of content.footer) lines.push(note.link ? `${note.text} ${note.link.href}` : note.text);
  return lines.join('\n').trimEnd() + '\n';
}

function htmlPart(content: MailContent, locale: UiLocale): string {
  const out: string[] = [`<div lang="${locale}" style="max-width:640px;margin:0 auto;padding:16px">`];
  if (content.greeting) out.push(paragraphHtml(content.greeting));
  for (const paragraph of content.paragraphs) out.push(paragraphHtml(paragraph));
  for (const section of content.sections) {
    out.push(`<h2 style="font-size:17px;margin:20px 0 6px">${escapeHtml(section.heading)}</h2>`, '<ul style="padding-left:20px;margin:0">');
    for (const item of section.items) {
      const quote = item.quote ? `<blockquote style="${QUOTE}">${escapeHtml(item.quote).replace(/\n/g, '<br>')}</blockquote>` : '';
      out.push(`<li style="margin:6px 0">${escapeHtml(item.text)}${quote}</li>`);
    }
    out.push('</ul>');
    if (section.links.length > 0) out.push(`<p>${section.links.map(linkHtml).join(' · ')}</p>`);
  }
  if (content.action) out.push(`<p style="margin:24px 0"><a href="${escapeHtml(content.action.href)}" style="${BUTTON}">${escapeHtml(content.action.label)}</a></p>`);
  if (content.footer.length > 0) out.push('<hr style="border:none;border-top:1px solid #e2e8f0;margin:24px 0 8px">');
  for (const note of content.footer) out.push(`<p style="font-size:12px;color:#475569">${escapeHtml(note.text)}${note.link ? ` ${linkHtml(note.link)}` : ''}</p>`);
  out.push('</div>');
  return out.join('\n');
}

/**
 * Lays out one message in one language, or in both (Chinese first, then English) for a recipient
 * whose language the server does not know, e.g. an address without an account.
 */
export function renderMail(parts: Array<{ locale: UiLocale; content: MailContent }>): RenderedMail {
  if (parts.length === 0) throw new Error('renderMail needs at least one language');
  const subject = subjectLine(parts.map((p) => p.content.subject).join(' / '));
  const locale = parts.map((p) => p.locale).join(', ');
  const text = parts.map((p) => textPart(p.content)).join('\n==========\n\n');
  const body = parts.map((p) => htmlPart(p.content, p.locale)).join('\n<hr style="border:none;border-top:2px solid #cbd5e1;margin:8px auto;max-width:640px">\n');
  const html = [
    '<!doctype html>',
    `<html lang="${parts[0]!.locale}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;font-family:-apple-system,Segoe UI,Roboto,Noto Sans TC,PingFang TC,Microsoft JhengHei,sans-serif;font-size:15px;line-height:1.55;color:#0f172a;background:#ffffff">',
    body,
    '</body></html>',
  ].join('\n');
  return { subject, text, html, locale };
}
