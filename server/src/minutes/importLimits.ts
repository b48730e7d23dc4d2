import type { Config } from '../config.ts';

/** What one import may produce (see config.ts: IMPORT_*). */
export type ImportLimits = Omit<Config['imports'], 'maxBytes'>;

/**
 * A refused import as plain data (it crosses from the worker thread to the route): 413 for the size
 * limits, 422 for nesting, 400 for a file that is not what it claims to be. `details.found` is what
 * was counted before the check stopped.
 */
export interface ImportRefusalData {
  status: 400 | 413 | 422;
  code: 'import_unreadable' | 'import_too_large' | 'import_too_deep';
  message: string;
  details?: { limit: string; max: number; found?: number };
}

export class ImportRefusal extends Error {
  constructor(readonly data: ImportRefusalData) {
    super(data.message);
  }
}

const n = (value: number) => value.toLocaleString('en');
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export const unreadable = (message: string) => new ImportRefusal({ status: 400, code: 'import_unreadable', message });

export const tooManyUnzippedBytes = (found: number, limits: ImportLimits) =>
  new ImportRefusal({
    status: 413,
    code: 'import_too_large',
    message: `the DOCX file unzips to ${found >= 0 ? mib(found) : 'more than it declares'}; at most ${mib(limits.maxUnzippedBytes)} may be imported`,
    details: { limit: 'IMPORT_MAX_UNZIPPED_MB', max: limits.maxUnzippedBytes, ...(found >= 0 ? { found } : {}) },
  });

export const tooManyBlocks = (found: number, limits: ImportLimits) =>
  new ImportRefusal({
    status: 413,
    code: 'import_too_large',
    message: `the file has more than ${n(limits.maxBlocks)} paragraphs, the most that may be imported at once`,
    details: { limit: 'IMPORT_MAX_BLOCKS', max: limits.maxBlocks, found },
  });

export const tooManyCharacters = (found: number, limits: ImportLimits) =>
  new ImportRefusal({
    status: 413,
    code: 'import_too_large',
    message: `the file has more than ${n(limits.maxCharacters)} characters of text, the most that may be imported at once`,
    details: { limit: 'IMPORT_MAX_CHARACTERS', max: limits.maxCharacters, found },
  });

export const tooDeep = (found: number | null, limits: ImportLimits) =>
  new ImportRefusal({
    status: 422,
    code: 'import_too_deep',
    message: `lists, quotes or tables in the file are nested ${found === null ? 'too deeply to read' : `${n(found)} levels deep`}; at most ${limits.maxNesting} levels may be imported`,
    details: { limit: 'IMPORT_MAX_NESTING', max: limits.maxNesting, ...(found === null ? {} : { found }) },
  });

/** Nodes that nest content: each one around a block is a level of nesting. */
const NESTING = new Set(['bulletList', 'orderedList', 'taskList', 'blockquote', 'table']);
/** Nodes that hold a line of text: what "paragraphs" counts. */
const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'codeBlock']);

interface JsonNode {
  type?: unknown;
  text?: unknown;
  content?: unknown;
}

/**
 * The exact check of a parsed import (ProseMirror JSON) against the limits, before anything is
 * stored. Walks with an explicit stack, so no depth of input can overflow the call stack.
 */
export function checkDocumentBounds(doc: Record<string, unknown>, limits: ImportLimits): { blocks: number; characters: number } {
  let blocks = 0;
  let characters = 0;
  const stack: Array<{ node: JsonNode; nesting: number }> = [{ node: doc, nesting: 0 }];
  while (stack.length > 0) {
    const { node, nesting } = stack.pop()!;
    const type = typeof node.type === 'string' ? node.type : '';
    const depth = nesting + (NESTING.has(type) ? 1 : 0);
    if (depth > limits.maxNesting) throw tooDeep(depth, limits);
    if (TEXT_BLOCKS.has(type) && ++blocks > limits.maxBlocks) throw tooManyBlocks(blocks, limits);
    if (typeof node.text === 'string' && (characters += node.text.length) > limits.maxCharacters) throw tooManyCharacters(characters, limits);
    if (Array.isArray(node.content)) for (const child of node.content) if (child && typeof child === 'object') stack.push({ node: child as JsonNode, nesting: depth });
  }
  return { blocks, characters };
}
