/**
 * The kinds of items a paragraph can be (see minutesAttributes.ts), without Tiptap: the server's
 * validation and text readers need these constants, not the editor extension, so they load them
 * from here and the server starts without Tiptap and ProseMirror.
 */
export const DECISION_OUTCOMES = ['adopted', 'agreed', 'noted', 'no_consensus', 'deferred'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];
export type MinutesItemKind = 'decision' | 'action';

export interface MinutesItemAttrs {
  item: MinutesItemKind | null;
  outcome: DecisionOutcome | null;
  owner: string | null;
  due: string | null;
  anchor: string | null;
}
