import { imageIdFromUrl } from '../../../shared/src/api/images.ts';
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

/** An image node's stored image and its description; null for other nodes and foreign sources. */
export function imageOf(node: PMNode): { imageId: string; alt: string } | null {
  if (node.type !== 'image') return null;
  const imageId = typeof node.attrs?.src === 'string' ? imageIdFromUrl(node.attrs.src) : null;
  return imageId ? { imageId, alt: typeof node.attrs?.alt === 'string' ? node.attrs.alt.trim() : '' } : null;
}

/** Every stored image a minutes doc shows, in document order. */
export function imageIdsIn(node: PMNode, into: string[] = []): string[] {
  const image = imageOf(node);
  if (image) into.push(image.imageId);
  for (const child of node.content ?? []) imageIdsIn(child, into);
  return into;
}

/** True when a minutes doc has no text and no image at all. */
export function isEmptyDoc(doc: PMNode): boolean {
  return nodeText(doc).trim().length === 0 && imageIdsIn(doc).length === 0;
}
