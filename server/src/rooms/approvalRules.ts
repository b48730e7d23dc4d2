import * as Y from 'yjs';
import { parseApprovalEntry } from '../../../shared/src/model/approvals.ts';
import { DocField } from '../../../shared/src/schema/fields.ts';

/**
 * Server-side rules for the `approvals` root field of the minutes doc. The field is writable by
 * delegates (they mark their minutes ready for review), so root-level permissions are not enough:
 * the values themselves are checked. Everyone: an entry is one well-formed plain value under a
 * `<slotId>/<lang>` key, no nested types. With a writer known: `by` must be that writer; a writer
 * who may not approve (a delegate) may only set draft or ready, and may not replace or delete an
 * approval (only the chair sends approved minutes back).
 */
export interface ApprovalWriter {
  userId: string;
  mayApprove: boolean;
}

const KEY = /^[a-z0-9][a-z0-9-]{0,63}\/[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

export const APPROVALS_ROOT = DocField.approvals;

/** A problem with a new item of the approvals field, or null. `key` is the entry's map key. */
export function approvalItemProblem(item: Y.Item, key: string | null, directlyInRoot: boolean, writer: ApprovalWriter | undefined): string | null {
  if (!directlyInRoot) return 'approval entries are plain values, not nested types';
  if (key === null || !KEY.test(key)) return `approval key ${JSON.stringify(String(key).slice(0, 80))} is not <slotId>/<lang>`;
  // Overwritten or deleted entries may arrive without their value (collected by the sender): harmless.
  if (item.content instanceof Y.ContentDeleted) return null;
  if (!(item.content instanceof Y.ContentAny) || item.content.arr.length !== 1) return 'an approval entry must be one plain value';
  const entry = parseApprovalEntry(item.content.arr[0]);
  if (!entry) return 'malformed approval entry';
  if (writer) {
    if (entry.by !== writer.userId) return 'an approval entry must name its writer';
    if (!writer.mayApprove && entry.state === 'approved') return 'only the chair approves minutes';
  }
  return null;
}

/** A problem with deleting (or replacing) an existing approvals entry, or null. */
export function approvalDeletionProblem(item: Y.Item, writer: ApprovalWriter | undefined): string | null {
  if (!writer || writer.mayApprove || item.deleted) return null;
  const value = item.content instanceof Y.ContentAny ? item.content.arr[0] : null;
  return parseApprovalEntry(value)?.state === 'approved' ? 'only the chair sends approved minutes back' : null;
}
