import { diffArrays } from 'diff';

/**
 * A token diff for "what changed in this language since the pair was last in sync" and for
 * version comparisons. Latin text is compared by words, CJK by characters (no spaces between
 * Chinese words). Myers' O(ND) algorithm from the `diff` package, with caps: texts too long or too
 * different are reported as such (null) instead of being diffed, so that any participant can ask
 * for a diff without costing the server or a browser more than bounded time and memory.
 */
export type DiffOp = { op: 'equal' | 'insert' | 'delete'; text: string };

export interface DiffCaps {
  /** Tokens (words, CJK characters, spaces) of both texts together; beyond it, lines are compared. */
  maxTokens: number;
  /** Lines of both texts together; beyond it, the texts differ too much to show. */
  maxLines: number;
  /** Edits (inserted plus deleted tokens or lines) at most: Myers' work is O((N+M)·D). */
  maxEdits: number;
}

/**
 * A few thousand words per language and a rewritten paragraph or two fit; beyond, "Show changes"
 * says the texts differ too much. Worst case measured: about 20 ms (N+M = 10,000, D = 400).
 */
export const DIFF_CAPS: DiffCaps = { maxTokens: 10_000, maxLines: 10_000, maxEdits: 400 };

/**
 * Units (tokens or lines) that several diffs of one request may compare together (a version
 * comparison diffs every slot and language): once spent, the remaining diffs are null.
 */
export interface DiffBudget {
  units: number;
}

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
const TOKEN = new RegExp(`[${CJK}]|[^\\s${CJK}]+|\\s+`, 'gu');

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Lines with their line breaks, so that joining them gives the text back. */
const lines = (text: string): string[] => (text === '' ? [] : text.split(/(?<=\n)/));

/** At most `max` tokens of `text`, or null when it has more (counted without building the rest). */
function tokensUpTo(text: string, max: number): string[] | null {
  // A token is at least one character: a text this short cannot have too many.
  if (text.length <= max) return tokenize(text);
  const out: string[] = [];
  for (const match of text.matchAll(TOKEN)) {
    if (out.length === max) return null;
    out.push(match[0]);
  }
  return out;
}

/**
 * The changes from `before` to `after`, as runs of equal, deleted and inserted text; null when the
 * texts are beyond the caps (too long even line by line, or more than `maxEdits` edits apart).
 */
export function diffText(before: string, after: string, caps: DiffCaps = DIFF_CAPS, budget?: DiffBudget): DiffOp[] | null {
  // The lines both texts start and end with are equal whatever lies between: only the middle is
  // diffed, so a small edit of a long text stays cheap (and within the caps).
  const [head, tail] = commonLines(before, after);
  const a = before.slice(head, before.length - tail);
  const b = after.slice(head, after.length - tail);
  const ops: DiffOp[] = [];
  const push = (op: DiffOp['op'], text: string) => {
    const last = ops[ops.length - 1];
    if (last && last.op === op) last.text += text;
    else if (text) ops.push({ op, text });
  };
  push('equal', before.slice(0, head));
  if (a || b) {
    const changes = diffMiddle(a, b, caps, budget);
    if (!changes) return null;
    for (const change of changes) push(change.added ? 'insert' : change.removed ? 'delete' : 'equal', change.value.join(''));
  }
  push('equal', before.slice(before.length - tail));
  return ops;
}

/** Lengths of the longest common prefix and suffix made of whole lines (not overlapping). */
function commonLines(a: string, b: string): [number, number] {
  const max = Math.min(a.length, b.length);
  let head = 0;
  while (head < max && a.charCodeAt(head) === b.charCodeAt(head)) head++;
  if (head < a.length || head < b.length) head = a.lastIndexOf('\n', head - 1) + 1;
  let tail = 0;
  while (tail < max - head && a.charCodeAt(a.length - 1 - tail) === b.charCodeAt(b.length - 1 - tail)) tail++;
  if (tail < a.length - head || tail < b.length - head) {
    // Back to just after a line break inside the common part (the suffix then starts a line).
    const cut = a.indexOf('\n', a.length - tail);
    tail = cut < 0 ? 0 : a.length - cut - 1;
  }
  return [head, tail];
}

/** Myers' diff of two texts by tokens, or by lines when they have too many tokens; null beyond the caps. */
function diffMiddle(a: string, b: string, caps: DiffCaps, budget: DiffBudget | undefined) {
  const ta = tokensUpTo(a, caps.maxTokens);
  const tb = ta && tokensUpTo(b, caps.maxTokens - ta.length);
  let pair: [string[], string[]] | null = ta && tb ? [ta, tb] : null;
  if (!pair) {
    const la = lines(a);
    const lb = lines(b);
    if (la.length + lb.length > caps.maxLines) return null;
    pair = [la, lb];
  }
  const units = pair[0].length + pair[1].length;
  if (budget) {
    if (budget.units < units) return null;
    budget.units -= units;
  }
  return diffArrays(pair[0], pair[1], { maxEditLength: caps.maxEdits });
}
