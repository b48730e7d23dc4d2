import { Extension } from '@tiptap/core';
import type { DecisionOutcome } from './minutesItems.ts';

/**
 * Attributes that make a paragraph part of the record, not just text:
 *  - `speaker`: the roster id of the person or delegation speaking ("Chinese Taipei / 中華臺北: …");
 *  - `item`: `decision` (with `outcome`) or `action` (with `owner` from the roster and a `due` date),
 *    like W3C scribes' RESOLVED/ACTION lines but inside the rich text;
 *  - `anchor`: a stable id, so a decision or action can be linked to and survives edits.
 * They live on paragraphs and headings, so the server and every export read them from the same
 * Yjs XML attributes.
 */
export { DECISION_OUTCOMES, type DecisionOutcome, type MinutesItemAttrs, type MinutesItemKind } from './minutesItems.ts';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    minutesAttributes: {
      /** Attributes the current paragraph to a roster entry (null clears). */
      setSpeaker: (rosterId: string | null) => ReturnType;
      /** Marks the current paragraph as a decision with this outcome. */
      markDecision: (outcome: DecisionOutcome) => ReturnType;
      /** Marks the current paragraph as an action item. */
      markAction: (owner: string | null, due: string | null) => ReturnType;
      /** Makes the current paragraph plain text again. */
      clearItem: () => ReturnType;
    };
  }
}

const TYPES = ['paragraph', 'heading'];

const attr = (name: string) => ({
  default: null,
  parseHTML: (element: HTMLElement) => element.getAttribute(`data-${name}`),
  renderHTML: (attributes: Record<string, unknown>) => (attributes[name] ? { [`data-${name}`]: String(attributes[name]) } : {}),
});

/** A short random anchor id; unique enough within one meeting. */
export const newAnchor = () => `a${Math.random().toString(36).slice(2, 10)}`;

export const MinutesAttributes = Extension.create({
  name: 'minutesAttributes',

  addGlobalAttributes() {
    return [{ types: TYPES, attributes: { speaker: attr('speaker'), item: attr('item'), outcome: attr('outcome'), owner: attr('owner'), due: attr('due'), anchor: attr('anchor') } }];
  },

  addCommands() {
    type Ctx = { editor: { getAttributes: (type: string) => Record<string, unknown> }; commands: { updateAttributes: (type: string, attrs: Record<string, unknown>) => boolean } };
    const update = (attrs: (current: Record<string, unknown>) => Record<string, unknown>) => ({ editor, commands }: Ctx) => {
      const current = { ...editor.getAttributes('heading'), ...editor.getAttributes('paragraph') };
      return TYPES.map((type) => commands.updateAttributes(type, attrs(current))).some(Boolean);
    };
    // Re-marking keeps the anchor: links to a decision survive a change of outcome.
    const anchorOf = (current: Record<string, unknown>) => (typeof current.anchor === 'string' ? current.anchor : newAnchor());
    return {
      setSpeaker: (rosterId) => update(() => ({ speaker: rosterId })),
      markDecision: (outcome) => update((c) => ({ item: 'decision', outcome, owner: null, due: null, anchor: anchorOf(c) })),
      markAction: (owner, due) => update((c) => ({ item: 'action', outcome: null, owner, due, anchor: anchorOf(c) })),
      clearItem: () => update(() => ({ item: null, outcome: null, owner: null, due: null, anchor: null })),
    };
  },
});
