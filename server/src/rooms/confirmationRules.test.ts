import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { setConfirmation } from '../../../shared/src/model/confirmations.ts';
import { validateUpdate } from './updateValidation.ts';

/** Who confirms for a delegation (issue 14), at the validator: the room supplies `isMemberOf` from the roster. */
const members = new Map([['chile', ['u-del']]]);
const isMemberOf = (userId: string) => (rosterId: string) => members.get(rosterId)?.includes(userId) ?? false;

function judge(userId: string, mayApprove: boolean, change: (doc: Y.Doc) => void, base = new Y.Doc()) {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(replica);
  change(replica);
  const update = Y.encodeStateAsUpdate(replica, before);
  return validateUpdate(base, update, { docKind: 'review', signer: { userId, userName: userId }, mayApprove, isMemberOf: isMemberOf(userId) });
}
const by = (id: string) => ({ id, name: id });

describe('confirmation rule', () => {
  it('lets a member confirm for their delegation and nobody else', () => {
    expect(judge('u-del', false, (d) => setConfirmation(d, 'chile', 'confirmed', '', by('u-del')))).toMatchObject({ ok: true });
    expect(judge('u-del', false, (d) => setConfirmation(d, 'peru', 'confirmed', '', by('u-del')))).toMatchObject({ ok: false, reason: 'forbidden-value', detail: expect.stringContaining('only a member of this delegation') });
    expect(judge('u-rev', false, (d) => setConfirmation(d, 'chile', 'amendments', '', by('u-rev')))).toMatchObject({ ok: false, reason: 'forbidden-value' });
  });

  it('lets the chair confirm only as the chair, and only the chair claim it', () => {
    expect(judge('u-chair', true, (d) => setConfirmation(d, 'chile', 'confirmed', '', by('u-chair')))).toMatchObject({ ok: false, detail: expect.stringContaining('as the chair (asChair: true)') });
    expect(judge('u-chair', true, (d) => setConfirmation(d, 'chile', 'confirmed', '', by('u-chair'), { asChair: true }))).toMatchObject({ ok: true });
    expect(judge('u-del', false, (d) => setConfirmation(d, 'chile', 'confirmed', '', by('u-del'), { asChair: true }))).toMatchObject({ ok: false, detail: expect.stringContaining('only the chair confirms as the chair') });
  });

  it('applies to withdrawing a confirmation too', () => {
    const base = new Y.Doc();
    setConfirmation(base, 'chile', 'confirmed', '', by('u-del'));
    expect(judge('u-rev', false, (d) => d.getMap('confirmations').delete('chile'), base)).toMatchObject({ ok: false, detail: expect.stringContaining('withdraw') });
    expect(judge('u-del', false, (d) => d.getMap('confirmations').delete('chile'), base)).toMatchObject({ ok: true });
  });

  it('does not apply without a known writer or roster (server changes, check-store)', () => {
    const doc = new Y.Doc();
    const replica = new Y.Doc();
    setConfirmation(replica, 'peru', 'confirmed', '', by('anyone'));
    expect(validateUpdate(doc, Y.encodeStateAsUpdate(replica), { docKind: 'review' })).toMatchObject({ ok: true });
  });
});
