/**
 * Where a glossary counterpart goes when nobody has a caret in the other language: in the block
 * (paragraph, heading, list item) at the same index as the block that uses the term, at the same
 * relative place in it, moved to the nearest word boundary; spaces are added around it where it
 * would otherwise touch a Latin word. Not a translation aligner: a good first guess that saves the
 * writer from fishing the term out of the end of the text.
 */
export interface CounterpartPlace {
  /** Index of the target block. */
  block: number;
  /** Character offset inside that block's text. */
  offset: number;
  /** What to insert there (the counterpart, with spaces where needed). */
  text: string;
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;
const SPACE = /\s/;

const isBoundary = (text: string, at: number) =>
  at === 0 || at === text.length || SPACE.test(text[at - 1]!) || SPACE.test(text[at]!) || CJK.test(text[at - 1]!) || CJK.test(text[at]!) || /[,.;:!?)]/.test(text[at - 1]!);

/** Null when the term is not found in `source` or the target has no block to hold it. */
export function counterpartPlace(source: readonly string[], target: readonly string[], term: string, counterpart: string): CounterpartPlace | null {
  const needle = term.trim().toLocaleLowerCase();
  if (!needle || target.length === 0) return null;
  const sourceBlock = source.findIndex((text) => text.toLocaleLowerCase().includes(needle));
  if (sourceBlock < 0) return null;
  const from = source[sourceBlock]!;
  const ratio = from.length === 0 ? 0 : from.toLocaleLowerCase().indexOf(needle) / from.length;
  const block = Math.min(sourceBlock, target.length - 1);
  const into = target[block]!;
  const guess = Math.round(ratio * into.length);
  let offset = guess;
  for (let distance = 0; distance <= into.length; distance++) {
    if (guess - distance >= 0 && isBoundary(into, guess - distance)) {
      offset = guess - distance;
      break;
    }
    if (guess + distance <= into.length && isBoundary(into, guess + distance)) {
      offset = guess + distance;
      break;
    }
  }
  // A Latin counterpart next to a Latin character needs a space; CJK text needs none.
  const latinBefore = offset > 0 && !SPACE.test(into[offset - 1]!) && !CJK.test(into[offset - 1]!) && !CJK.test(counterpart[0] ?? '');
  const latinAfter = offset < into.length && !SPACE.test(into[offset]!) && !CJK.test(into[offset]!) && !CJK.test(counterpart.at(-1) ?? '') && !/[,.;:!?)]/.test(into[offset]!);
  return { block, offset, text: `${latinBefore ? ' ' : ''}${counterpart}${latinAfter ? ' ' : ''}` };
}
