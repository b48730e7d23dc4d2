import type { ChangeRule } from './valueRules.ts';

/**
 * Who may confirm for a delegation (review doc, `confirmations/<rosterId>`, issue 14): an account
 * the roster links to that delegation (`roster/<rosterId>/accounts` in the minutes doc), or the
 * chair, whose confirmation must say it is the chair's (`asChair: true`) so that nobody reads it
 * as the delegation's own. Withdrawing one follows the same rule. Signing (`by`, `byName` naming
 * the writer) is checked separately, like every signed field.
 *
 * Applies when the room knows the writer and can read the roster (`isMemberOf`); server changes
 * and the check of stored documents have neither.
 */
export const confirmationChangeProblem: ChangeRule = ({ key, next, mayApprove, isMemberOf }) => {
  if (mayApprove === undefined || !isMemberOf || key === null) return null;
  const member = isMemberOf(key);
  // Short: the reason goes into a close frame of at most 123 bytes, after the field's label.
  if (next === undefined) return member || mayApprove ? null : 'only a member of this delegation or the chair may withdraw it';
  const asChair = (next as { asChair?: unknown }).asChair === true;
  if (asChair) return mayApprove ? null : 'only the chair confirms as the chair';
  if (member) return null;
  return mayApprove ? 'the chair confirms for it as the chair (asChair: true)' : 'only a member of this delegation or the chair may confirm for it';
};
