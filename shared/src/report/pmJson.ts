import { z } from 'zod';

/**
 * ProseMirror JSON, as the editor schema (shared/src/schema/extensions.ts) serialises a fragment:
 * what meeting exports walk and what a report carries for every co-edited or generated text.
 */
export interface PMNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PMNode[];
  text?: string;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
}

const MAX_DEPTH = 64;

/** A PMNode, checked (export workers parse the model they are given; a cycle cannot be JSON). */
export const pmNodeSchema: z.ZodType<PMNode> = z.lazy(() =>
  z.object({
    type: z.string().min(1).max(100),
    attrs: z.record(z.string(), z.unknown()).optional(),
    content: z.array(pmNodeSchema).optional(),
    text: z.string().optional(),
    marks: z.array(z.object({ type: z.string().min(1).max(100), attrs: z.record(z.string(), z.unknown()).optional() })).optional(),
  }),
).refine((node) => depth(node) <= MAX_DEPTH, `nested deeper than ${MAX_DEPTH}`);

function depth(node: PMNode): number {
  let deepest = 0;
  const stack: Array<[PMNode, number]> = [[node, 1]];
  while (stack.length > 0) {
    const [next, level] = stack.pop()!;
    deepest = Math.max(deepest, level);
    if (level > MAX_DEPTH) break;
    for (const child of next.content ?? []) stack.push([child, level + 1]);
  }
  return deepest;
}

export const EMPTY_PM_DOC: PMNode = { type: 'doc', content: [] };

