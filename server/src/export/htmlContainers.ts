import { esc } from './html.ts';

/**
 * The HTML of the editor's container blocks (lists, quotes, code, rules, tables), which the
 * meeting's and the report's HTML exports write alike; `inner` renders the children their own way.
 * Null for any other node (paragraphs, headings, text: each export writes those itself).
 */
export function containerHtml(node: { type: string; content?: Array<{ text?: string }> }, inner: () => string, tableClass: string): string | null {
  switch (node.type) {
    case 'bulletList':
      return `<ul>${inner()}</ul>`;
    case 'orderedList':
      return `<ol>${inner()}</ol>`;
    case 'listItem':
      return `<li>${inner()}</li>`;
    case 'blockquote':
      return `<blockquote>${inner()}</blockquote>`;
    case 'codeBlock':
      return `<pre><code>${esc((node.content ?? []).map((c) => c.text ?? '').join(''))}</code></pre>`;
    case 'horizontalRule':
      return '<hr>';
    case 'table':
      return `<table class="${tableClass}">${inner()}</table>`;
    case 'tableRow':
      return `<tr>${inner()}</tr>`;
    case 'tableHeader':
      return `<th>${inner()}</th>`;
    case 'tableCell':
      return `<td>${inner()}</td>`;
    default:
      return null;
  }
}
