import * as Y from 'yjs';
import type { z } from 'zod';
import { APPROVAL_ENTRY, CONFIRMATION, SUGGESTION, signatureOf, type DocNode, type ValueNode } from '../../../shared/src/model/schema/documents.ts';
import { approvalChangeProblem } from './approvalRules.ts';
import { confirmationChangeProblem } from './confirmationRules.ts';

// Bound once: run through tsx, each `Y.X` is a getter call (see itemPlacement.ts).
const { ContentAny } = Y;

/**
 * Checks of plain values (one Yjs ContentAny element each) against their node: the zod schema,
 * the signature (a value naming its writer must name the writing socket's user), and the change
 * rules of the few fields whose transitions depend on the writer (approvals, suggestions).
 */
export interface Signer {
  userId: string;
  /** Null when the socket has no display name (then only ids are checked). */
  userName: string | null;
}

/** What a change rule knows about a write to one field. */
export interface Change {
  /** The value the field held before (undefined: none). */
  previous: unknown;
  /** The value written (undefined: the field is removed). */
  next: unknown;
  /** Whether the writer may approve minutes; undefined when the writer is not known (server changes). */
  mayApprove: boolean | undefined;
  /** Whether the writer is the author of the enclosing map (review doc); undefined when no ownership rule applies. */
  ownsEnclosing: boolean | undefined;
  /** The key of the field in its map or record (a confirmation's roster id); null in a list. */
  key: string | null;
  /** Whether the writer is linked to a roster entry (review doc rooms); undefined when not known. */
  isMemberOf: ((rosterId: string) => boolean) | undefined;
}
export type ChangeRule = (change: Change) => string | null;

/**
 * A suggestion is its author's proposal: others decide it (accept or reject, signed), but only its
 * author makes, rewrites or withdraws it.
 */
export const suggestionChangeProblem: ChangeRule = ({ previous, next, ownsEnclosing }) => {
  if (ownsEnclosing !== false) return null;
  if (next === undefined) return 'only the thread’s author may withdraw its suggestion';
  const before = SUGGESTION.schema.safeParse(previous);
  if (!before.success) return 'only the thread’s author may make a suggestion on it';
  const after = next as { replacement?: unknown };
  return after.replacement === (before.data as { replacement: string }).replacement ? null : 'only the thread’s author may change the suggested text';
};

const CHANGE_RULES = new Map<DocNode, ChangeRule>([
  [APPROVAL_ENTRY, approvalChangeProblem],
  [SUGGESTION, suggestionChangeProblem],
  [CONFIRMATION, confirmationChangeProblem],
]);

export function changeRuleOf(node: DocNode): ChangeRule | undefined {
  return CHANGE_RULES.get(node);
}

/** The first issue of a zod error, short enough for a close reason. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'does not fit the schema';
  const path = issue.path.length > 0 ? `${issue.path.map(String).join('.').slice(0, 40)}: ` : '';
  return `${path}${issue.message}`.slice(0, 100);
}

export type ValueVerdict = { ok: true; values: unknown[] } | { ok: false; reason: 'outside-schema' | 'not-signer'; detail: string };

/**
 * Checks the content of a new item at a value node: one plain value under a map key, any number
 * in a list. Returns the parsed values; a refusal's detail follows the caller's label of the place.
 */
export function checkValues(node: ValueNode, content: Y.Item['content'], inMap: boolean, signer: Signer | undefined): ValueVerdict {
  if (!(content instanceof ContentAny)) return { ok: false, reason: 'outside-schema', detail: ' must be a plain value, not a shared type' };
  if (inMap && content.arr.length !== 1) return { ok: false, reason: 'outside-schema', detail: ' must be one plain value' };
  const values: unknown[] = [];
  for (const element of content.arr) {
    const parsed = node.schema.safeParse(element);
    if (!parsed.success) return { ok: false, reason: 'outside-schema', detail: `: ${describeIssue(parsed.error)}` };
    const problem = signer ? signatureProblem(node, parsed.data, signer) : null;
    if (problem) return { ok: false, reason: 'not-signer', detail: `: ${problem}` };
    values.push(parsed.data);
  }
  return { ok: true, values };
}

function signatureProblem(node: ValueNode, value: unknown, signer: Signer): string | null {
  const signature = signatureOf(node, value);
  if (!signature) return null;
  if (signature.id !== undefined && signature.id !== null && signature.id !== signer.userId) return 'must name its writer (the user id of this connection)';
  if (signer.userName !== null && signature.name !== undefined && signature.name !== null && signature.name !== signer.userName) {
    return 'must name its writer (the display name of this connection)';
  }
  return null;
}
