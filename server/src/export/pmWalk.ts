import type { PMNode } from './exportModel.ts';

/** Concatenated text of a ProseMirror node. */
export function nodeText(node: PMNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  return (node.content ?? []).map(nodeText).join('');
}

/** Only these link targets survive into exports (no javascript:, data: or relative tricks). */
export function safeHref(href: unknown): string | null {
  if (typeof href !== 'string') return null;
  try {
    const url = new URL(href);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** True when a minutes doc has no text at all. */
export function isEmptyDoc(doc: PMNode): boolean {
  return nodeText(doc).trim().length === 0;
}
