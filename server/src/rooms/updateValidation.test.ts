import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { updateFrom } from '../../../tests/helpers/yjsUpdates.ts';
import { writableRootFields } from '../../../shared/src/schema/fields.ts';
import { MAX_NESTING, validateUpdate } from './updateValidation.ts';


function seededDoc(): Y.Doc {
  const doc = new Y.Doc();
  const slot = new Y.Map<unknown>();
  doc.getMap('agenda').set('s1', slot);
  slot.set('start', '09:00');
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText('hello')]);
  doc.getXmlFragment('minutes/s1/en').insert(0, [p]);
  return doc;
}

const delegate = { docKind: 'minutes' as const, canWriteRoot: writableRootFields('delegate', 'minutes') };

describe('update validation', () => {
  it('accepts ordinary minutes edits from a delegate, including nested text', () => {
    const doc = seededDoc();
    const update = updateFrom(doc, (d) => {
      const text = (d.getXmlFragment('minutes/s1/en').get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.insert(5, ' world');
    });
    expect(validateUpdate(doc, update, delegate)).toEqual({ ok: true, addsContent: true });
  });

  it('refuses a delegate changing the agenda, also deep inside a slot and by deletion', () => {
    const doc = seededDoc();
    const nested = updateFrom(doc, (d) => (d.getMap('agenda').get('s1') as Y.Map<unknown>).set('start', '10:00'));
    const removed = updateFrom(doc, (d) => d.getMap('agenda').delete('s1'));
    const added = updateFrom(doc, (d) => d.getMap('agenda').set('s2', new Y.Map()));
    for (const update of [nested, removed, added]) {
      const verdict = validateUpdate(doc, update, delegate);
      expect(verdict.ok).toBe(false);
      if (!verdict.ok) expect(verdict.reason).toBe('forbidden-field');
    }
    // The chair may.
    expect(validateUpdate(doc, nested, { docKind: 'minutes' }).ok).toBe(true);
  });

  it('places items whose parent arrives in the same update', () => {
    const doc = seededDoc();
    const update = updateFrom(doc, (d) => {
      const p = new Y.XmlElement('heading');
      p.setAttribute('level', '2');
      p.insert(0, [new Y.XmlText('Decisions')]);
      d.getXmlFragment('minutes/s2/zh-Hant').insert(0, [p]);
    });
    expect(validateUpdate(doc, update, delegate).ok).toBe(true);
  });

  it('refuses nodes and fields outside the schema, and updates with missing dependencies', () => {
    const doc = seededDoc();
    const script = updateFrom(doc, (d) => d.getXmlFragment('minutes/s1/en').insert(0, [new Y.XmlElement('script')]));
    const evil = updateFrom(doc, (d) => d.getMap('evil').set('x', 1));
    expect(validateUpdate(doc, script, { docKind: 'minutes' })).toMatchObject({ ok: false, reason: 'outside-schema' });
    expect(validateUpdate(doc, evil, { docKind: 'minutes' })).toMatchObject({ ok: false, reason: 'outside-schema' });
    const other = new Y.Doc();
    other.getMap('meta').set('a', 1);
    const sv = Y.encodeStateVector(other);
    other.getMap('meta').set('b', 2);
    const dependent = Y.encodeStateAsUpdate(other, sv);
    expect(validateUpdate(doc, dependent, { docKind: 'minutes' })).toMatchObject({ ok: false, reason: 'missing-dependencies' });
    expect(validateUpdate(doc, new Uint8Array([1, 2, 3, 200, 7]), { docKind: 'minutes' })).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('says when an update adds nothing (a read-only client’s sync step 2)', () => {
    const doc = seededDoc();
    expect(validateUpdate(doc, Y.encodeStateAsUpdate(doc), delegate)).toEqual({ ok: true, addsContent: false });
  });

  it('refuses nesting deeper than MAX_NESTING, in one update or built up over several; accepts real depths', () => {
    /** `levels` blockquotes inside each other, the innermost found by walking down from the root. */
    const deepen = (doc: Y.Doc, levels: number) =>
      updateFrom(doc, (d) => {
        const fragment = d.getXmlFragment('minutes/s1/en');
        let outer: Y.XmlElement | Y.XmlFragment = fragment;
        while (outer.length > 0 && outer.get(outer.length - 1) instanceof Y.XmlElement && (outer.get(outer.length - 1) as Y.XmlElement).nodeName === 'blockquote') {
          outer = outer.get(outer.length - 1) as Y.XmlElement;
        }
        for (let i = 0; i < levels; i++) {
          outer.insert(outer.length, [new Y.XmlElement('blockquote')]);
          outer = outer.get(outer.length - 1) as Y.XmlElement;
        }
      });
    const doc = new Y.Doc();
    expect(validateUpdate(doc, deepen(doc, 12), delegate)).toEqual({ ok: true, addsContent: true });
    const tooDeep = validateUpdate(doc, deepen(doc, MAX_NESTING + 5), delegate);
    expect(tooDeep).toMatchObject({ ok: false, reason: 'outside-schema' });
    expect(!tooDeep.ok && tooDeep.detail).toContain('nesting');
    // Built up: each step is acceptable on its own until the total passes the limit.
    const growing = new Y.Doc();
    Y.applyUpdate(growing, deepen(growing, MAX_NESTING - 2));
    expect(validateUpdate(growing, deepen(growing, 2), delegate)).toMatchObject({ ok: true });
    expect(validateUpdate(growing, deepen(growing, 3), delegate)).toMatchObject({ ok: false, reason: 'outside-schema' });
  });
});
