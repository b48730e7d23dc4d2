import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { updateFrom } from '../../../tests/helpers/yjsUpdates.ts';
import { approvalsMap, readApproval, setApproval } from '../../../shared/src/model/approvals.ts';
import { minutesField, writableRootFields } from '../../../shared/src/schema/fields.ts';
import { validateUpdate, type ValidationOptions } from './updateValidation.ts';


function seeded(): Y.Doc {
  const doc = new Y.Doc();
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText('The chair opened the meeting.')]);
  doc.getXmlFragment(minutesField('s1', 'en')).insert(0, [p]);
  return doc;
}

const DEL = { id: 'u-del', name: 'Delegate' };
const CHAIR = { id: 'u-chair', name: 'Chair' };
const delegate: ValidationOptions = { docKind: 'minutes', canWriteRoot: writableRootFields('delegate', 'minutes'), signer: { userId: DEL.id, userName: DEL.name }, mayApprove: false };
const chair: ValidationOptions = { docKind: 'minutes', signer: { userId: CHAIR.id, userName: CHAIR.name }, mayApprove: true };

describe('approval rules in update validation', () => {
  it('a delegate marks ready and back to draft, under their own name', () => {
    const doc = seeded();
    const ready = updateFrom(doc, (d) => setApproval(d, 's1', 'en', 'ready', DEL));
    expect(validateUpdate(doc, ready, delegate)).toEqual({ ok: true, addsContent: true });
    Y.applyUpdate(doc, ready);
    const draft = updateFrom(doc, (d) => setApproval(d, 's1', 'en', 'draft', DEL));
    expect(validateUpdate(doc, draft, delegate).ok).toBe(true);
  });

  it('a delegate may not approve, sign as someone else, or undo the chair’s approval', () => {
    const doc = seeded();
    const forged = updateFrom(doc, (d) => setApproval(d, 's1', 'en', 'approved', DEL));
    expect(validateUpdate(doc, forged, delegate)).toMatchObject({ ok: false, reason: 'forbidden-value' });
    const impersonated = updateFrom(doc, (d) => setApproval(d, 's1', 'en', 'ready', CHAIR));
    expect(validateUpdate(doc, impersonated, delegate)).toMatchObject({ ok: false, reason: 'not-signer' });
    // The chair approves; the delegate cannot replace or delete that approval.
    Y.applyUpdate(doc, updateFrom(doc, (d) => setApproval(d, 's1', 'en', 'approved', CHAIR)));
    expect(readApproval(doc, 's1', 'en')?.state).toBe('approved');
    const back = updateFrom(doc, (d) => setApproval(d, 's1', 'en', 'draft', DEL));
    const removed = updateFrom(doc, (d) => approvalsMap(d).delete('s1/en'));
    expect(validateUpdate(doc, back, delegate)).toMatchObject({ ok: false, reason: 'forbidden-value' });
    expect(validateUpdate(doc, removed, delegate)).toMatchObject({ ok: false, reason: 'forbidden-value' });
    // The chair may send it back with a note.
    const sentBack = updateFrom(doc, (d) => setApproval(d, 's1', 'en', 'draft', CHAIR, 'Name the speakers'));
    expect(validateUpdate(doc, sentBack, chair).ok).toBe(true);
  });

  it('an offline delegate’s ready -> draft -> ready arrives as one update and passes', () => {
    const doc = seeded();
    const update = updateFrom(doc, (d) => {
      setApproval(d, 's1', 'en', 'ready', DEL);
      setApproval(d, 's1', 'en', 'draft', DEL);
      setApproval(d, 's1', 'en', 'ready', DEL);
    });
    expect(validateUpdate(doc, update, delegate).ok).toBe(true);
  });

  it('refuses malformed entries from anyone: bad keys, nested types, odd values', () => {
    const doc = seeded();
    const badKey = updateFrom(doc, (d) => approvalsMap(d).set('../../etc', { state: 'ready', by: CHAIR.id, at: 1 }));
    const nested = updateFrom(doc, (d) => approvalsMap(d).set('s1/en', new Y.Map()));
    const junk = updateFrom(doc, (d) => approvalsMap(d).set('s1/en', 'approved'));
    const noDigest = updateFrom(doc, (d) => approvalsMap(d).set('s1/en', { state: 'approved', by: CHAIR.id, at: 1, digest: '' }));
    for (const update of [badKey, nested, junk, noDigest]) {
      expect(validateUpdate(doc, update, chair).ok).toBe(false);
      expect(validateUpdate(doc, update, { docKind: 'minutes' }).ok).toBe(false);
    }
    expect(validateUpdate(doc, updateFrom(doc, (d) => setApproval(d, 's1', 'en', 'approved', CHAIR)), chair).ok).toBe(true);
  });
});
