import { approvalEntryValue } from '../../../shared/src/model/schema/values.ts';
import type { ChangeRule } from './valueRules.ts';

/**
 * Who may change an approval (`approvals/<slotId>/<lang>` in the minutes doc). The field is
 * writable by delegates (they mark their minutes ready for review), so root-level permissions are
 * not enough. The shape of an entry and its signer (`by`, `byName`: the writer) are checked like
 * every value (shared/src/model/schema); on top of that, a writer who may not approve (a delegate)
 * may only set draft or ready, and may not replace or delete an approval: only the chair approves
 * minutes or sends approved minutes back. Replacing an entry by writing its key again counts as
 * removing the old one.
 */
export const approvalChangeProblem: ChangeRule = ({ previous, next, mayApprove }) => {
  if (mayApprove !== false) return null;
  if ((next as { state?: unknown } | undefined)?.state === 'approved') return 'only the chair approves minutes';
  const before = previous === undefined ? null : approvalEntryValue.safeParse(previous);
  if (before?.success && before.data.state === 'approved') return 'only the chair sends approved minutes back';
  return null;
};
