import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writableRootFields } from '../../../shared/src/schema/fields.ts';
import { updateFrom } from '../../../tests/helpers/yjsUpdates.ts';
import { validateUpdate } from './updateValidation.ts';

/**
 * Images inside the minutes (issue 15): an `image` node may only point at the server's own image
 * URL. A hostile update with any other source is refused like any value outside the schema.
 */
const delegate = { docKind: 'minutes' as const, canWriteRoot: writableRootFields('delegate', 'minutes') };
const GOOD = '/api/images/AbCdEfGhIjKlMnOpQrStUv';

function imageUpdate(doc: Y.Doc, attrs: Record<string, unknown>) {
  return updateFrom(doc, (d) => {
    const image = new Y.XmlElement('image');
    for (const [key, value] of Object.entries(attrs)) image.setAttribute(key, value as string);
    d.getXmlFragment('minutes/s1/en').insert(0, [image]);
  });
}

describe('image nodes in the minutes', () => {
  it('accept the server image URL with an alt text', () => {
    const doc = new Y.Doc();
    expect(validateUpdate(doc, imageUpdate(doc, { src: GOOD, alt: 'Group photo 團體照' }), delegate)).toEqual({ ok: true, addsContent: true });
  });

  it('refuse data:, javascript:, other hosts, other paths and over-long alt texts', () => {
    const bad = [
      { src: 'data:image/png;base64,iVBORw0KGgo=' },
      { src: 'javascript:alert(1)' },
      { src: 'https://evil.example/track.png' },
      { src: '//evil.example/api/images/AbCdEfGhIjKlMnOpQrStUv' },
      { src: '/api/images/AbCdEfGhIjKlMnOpQrStUv?x=1' },
      { src: '/api/meetings/m1/export?format=pdf' },
      { src: '/api/images/../auth/logout' },
      { src: GOOD, alt: 'x'.repeat(501) },
      { src: GOOD, onerror: 'alert(1)' },
    ];
    for (const attrs of bad) {
      const doc = new Y.Doc();
      const verdict = validateUpdate(doc, imageUpdate(doc, attrs), delegate);
      expect(verdict.ok, JSON.stringify(attrs)).toBe(false);
    }
  });
});
