import { tooDeep, type ImportLimits } from './importLimits.ts';

/**
 * Linear pre-scans of import text, run before the parsers that recurse. marked, happy-dom and
 * mammoth recurse once per level of nesting and copy nested content at each level: 3,000 nested
 * list levels took 4 GB of heap, 10^5 nested quotes overflowed the stack (issue 13). Each scan
 * looks at every character once and keeps no more than the nesting it allows.
 */

/** Element depth, `<w:p>` paragraphs and characters of text of an XML part; stops once deeper than `stopAt`. */
export function scanXml(xml: string, stopAt: number): { depth: number; paragraphs: number; characters: number } {
  let depth = 0;
  let deepest = 0;
  let paragraphs = 0;
  let characters = 0;
  let at = 0;
  while (at < xml.length) {
    const open = xml.indexOf('<', at);
    if (open < 0) break;
    characters += open - at;
    const close = xml.indexOf('>', open);
    if (close < 0) break;
    const next = xml[open + 1];
    if (next === '/') depth -= 1;
    else if (next !== '?' && next !== '!') {
      if (xml[close - 1] !== '/') {
        depth += 1;
        if (depth > deepest && (deepest = depth) > stopAt) break;
      }
      if (xml.startsWith('w:p', open + 1) && /[\s/>]/.test(xml[open + 4] ?? '')) paragraphs += 1;
    }
    at = close + 1;
  }
  return { depth: deepest, paragraphs, characters };
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/**
 * Refuses Markdown nested far deeper than the limit. A line's nesting is estimated from its
 * prefix: each `>` and each list marker (`-`, `+`, `*`, `1.`) opens a level, and every four
 * columns of indentation one more. Lists indented by two columns count half, so this lets through
 * up to twice the limit: it only has to stop the pathological; the exact check on the parsed
 * document enforces the limit itself.
 */
export function checkMarkdownShape(text: string, limits: ImportLimits): void {
  let at = 0;
  while (at < text.length) {
    let levels = 0;
    let indent = 0;
    let i = at;
    for (;;) {
      const c = text[i];
      if (c === ' ') indent += 1;
      else if (c === '\t') indent += 4;
      else if (c === '>') levels += 1;
      else if ((c === '-' || c === '+' || c === '*') && (text[i + 1] === ' ' || text[i + 1] === '\t')) levels += 1;
      else if (isDigit(c)) {
        let j = i;
        while (j - i < 9 && isDigit(text[j])) j += 1;
        if ((text[j] !== '.' && text[j] !== ')') || (text[j + 1] !== ' ' && text[j + 1] !== '\t')) break;
        levels += 1;
        i = j;
      } else break;
      i += 1;
    }
    const nesting = levels + Math.floor(indent / 4);
    if (nesting > limits.maxNesting * 2) throw tooDeep(nesting, limits);
    const newline = text.indexOf('\n', i);
    at = newline < 0 ? text.length : newline + 1;
  }
}

/** Elements without content: they never nest. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
/** Elements whose content is not markup. */
const RAW = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noscript']);
/** Elements whose end tag may be left out: a new one closes the open one (`<li>a<li>b`). */
const TAG_NAME = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/;
const SIBLINGS: Record<string, string[]> = { li: ['li'], p: ['p'], dt: ['dt', 'dd'], dd: ['dt', 'dd'], tr: ['tr', 'td', 'th'], td: ['td', 'th'], th: ['td', 'th'], option: ['option'] };

/**
 * Refuses HTML (typed in, or produced from DOCX or Markdown) nested deeper than any document of
 * the allowed nesting: a list level is two elements (`ul`, `li`), a table four, and editors wrap
 * text in a few more (`div`, `span`, `strong`, `a`). Tags are matched the way browsers roughly do
 * (void elements, implied end tags), so the open-element stack never exceeds the cap plus one.
 */
export function checkHtmlShape(html: string, limits: ImportLimits): void {
  const maxDepth = 32 + 4 * limits.maxNesting;
  const open: string[] = [];
  let at = 0;
  while (at < html.length) {
    const lt = html.indexOf('<', at);
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      if (end < 0) break;
      at = end + 3;
      continue;
    }
    const name = TAG_NAME.exec(html.slice(lt, lt + 40));
    if (!name && html[lt + 1] !== '!') {
      at = lt + 1; // a "<" that starts no tag is text
      continue;
    }
    const gt = html.indexOf('>', lt);
    if (gt < 0) break;
    at = gt + 1;
    if (!name) continue; // <!doctype …>
    const tag = name[2]!.toLowerCase();
    if (name[1]) {
      const index = open.lastIndexOf(tag);
      if (index >= 0) open.length = index;
      continue;
    }
    if (VOID.has(tag) || html[gt - 1] === '/') continue;
    if (RAW.has(tag)) {
      const end = new RegExp(`</${tag}`, 'gi');
      end.lastIndex = at;
      if (!end.exec(html)) break;
      at = end.lastIndex;
      continue;
    }
    const closes = SIBLINGS[tag];
    if (closes && closes.includes(open[open.length - 1]!)) open.pop();
    open.push(tag);
    if (open.length > maxDepth) throw tooDeep(null, limits);
  }
}
