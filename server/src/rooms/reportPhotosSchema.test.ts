import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { withoutDeleteSet } from '../../../tests/helpers/yjsUpdates.ts';
import { LIMITS } from '../../../shared/src/model/schema/limits.ts';
import { addReportPhoto, moveReportPhoto, photosArray, readReportPhotos, removeReportPhoto, setReportPhotoCaption } from '../../../shared/src/report/reportPhotos.ts';
import { documentSchemaProblem, validateUpdate } from './updateValidation.ts';

/**
 * The report's photos (`photos` in `report.<id>`) under the document schema, like every other
 * value: what the writers of shared/src/report/reportPhotos.ts produce passes; a photo of the
 * wrong shape, an image id that is not one, a caption too long or of the wrong type, a list past
 * its cap, or a required key removed is refused.
 */
const WRITER = { id: 'u-author', name: 'Author' };
/** An image id as the image store hands them out (22 characters of base64url). */
const img = (n: number | string) => `img_${String(n).padStart(18, '0')}`;

function write(doc: Y.Doc, change: (replica: Y.Doc) => void, strip = false) {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
  replica.clientID = 7;
  const before = Y.encodeStateVector(replica);
  change(replica);
  const update = strip ? withoutDeleteSet(Y.encodeStateAsUpdate(replica, before)) : Y.encodeStateAsUpdate(replica, before);
  const verdict = validateUpdate(doc, update, { docKind: 'report', signer: { userId: WRITER.id, userName: WRITER.name } });
  if (verdict.ok) Y.applyUpdate(doc, update);
  return verdict;
}

/** A photo map built by hand, as a hostile client would. */
const photoMap = (fields: Record<string, unknown>) => (d: Y.Doc) => {
  const entry = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) entry.set(key, value);
  photosArray(d).push([entry]);
};
const caption = (texts: Record<string, string>) => {
  const map = new Y.Map<string>();
  for (const [lang, text] of Object.entries(texts)) map.set(lang, text);
  return map;
};

describe('report photos: what honest clients write passes', () => {
  it('adding, captioning in both languages, moving and removing photos', () => {
    const doc = new Y.Doc();
    expect(write(doc, (d) => addReportPhoto(d, { imageId: img(1), caption: { 'zh-Hant': '工作坊大合照', en: 'Workshop group photo' } }))).toMatchObject({ ok: true });
    expect(write(doc, (d) => addReportPhoto(d, { imageId: img(2), caption: {} }))).toMatchObject({ ok: true });
    expect(write(doc, (d) => setReportPhotoCaption(d, 1, 'en', 'x'.repeat(5_000)))).toMatchObject({ ok: true }); // clipped by the writer
    expect(write(doc, (d) => moveReportPhoto(d, 1, 0))).toMatchObject({ ok: true });
    expect(readReportPhotos(doc).map((p) => [p.imageId, p.caption.en?.length])).toEqual([[img(2), LIMITS.caption], [img(1), 'Workshop group photo'.length]]);
    expect(write(doc, (d) => removeReportPhoto(d, 0))).toMatchObject({ ok: true });
    expect(readReportPhotos(doc).map((p) => p.imageId)).toEqual([img(1)]);
    expect(documentSchemaProblem(doc, 'report')).toBeNull();
  });

  it(`up to ${LIMITS.reportPhotos} photos in one update`, () => {
    const doc = new Y.Doc();
    expect(write(doc, (d) => d.transact(() => {
      for (let i = 0; i < LIMITS.reportPhotos; i++) addReportPhoto(d, { imageId: img(i), caption: { en: `Photo ${i}` } });
    }))).toMatchObject({ ok: true });
    expect(readReportPhotos(doc)).toHaveLength(LIMITS.reportPhotos);
  });
});

describe('report photos: values outside the schema are refused', () => {
  const refused = { ok: false, reason: 'outside-schema' };

  it('a photo that is not a map, or a map without its image id or caption', () => {
    const doc = new Y.Doc();
    expect(write(doc, (d) => photosArray(d as Y.Doc).push([img(1) as never]))).toMatchObject(refused);
    expect(write(doc, (d) => d.getArray('photos').push([new Y.Array()]))).toMatchObject(refused);
    expect(write(doc, photoMap({ caption: caption({ en: 'no image' }) }))).toMatchObject(refused);
    expect(write(doc, photoMap({ imageId: img(1) }))).toMatchObject(refused);
    expect(write(doc, (d) => d.getMap('photos').set(img(1), 'x'))).toMatchObject(refused); // the root is a list, not a map
  });

  it('image ids that are not ids: a path, a URL, a number, too long', () => {
    const doc = new Y.Doc();
    for (const imageId of ['../etc/passwd', '/api/images/img-1', 'https://example.org/a.png', 'img 1', '', 'x'.repeat(65), 5, null, { id: img(1) }]) {
      expect(write(doc, photoMap({ imageId, caption: caption({ en: 'c' }) })), String(imageId)).toMatchObject(refused);
    }
    expect(readReportPhotos(doc)).toEqual([]);
  });

  it('captions: too long, not text, not a map of languages, shared text instead of a value', () => {
    const doc = new Y.Doc();
    expect(write(doc, photoMap({ imageId: img(1), caption: caption({ en: 'x'.repeat(LIMITS.caption + 1) }) }))).toMatchObject(refused);
    expect(write(doc, photoMap({ imageId: img(1), caption: caption({ 'not a tag': 'x' }) }))).toMatchObject(refused);
    expect(write(doc, photoMap({ imageId: img(1), caption: { en: 'plain object' } }))).toMatchObject(refused);
    expect(write(doc, photoMap({ imageId: img(1), caption: 'text' }))).toMatchObject(refused);
    expect(write(doc, (d) => {
      const map = new Y.Map<unknown>();
      map.set('en', new Y.Text('shared text'));
      photoMap({ imageId: img(1), caption: map })(d);
    })).toMatchObject(refused);
    expect(write(doc, photoMap({ imageId: img(1), caption: caption({ en: 'fine' }), onclick: 'alert(1)' }))).toMatchObject(refused);
    expect(write(doc, (d) => addReportPhoto(d, { imageId: img(1), caption: { en: 'fine' } }))).toMatchObject({ ok: true });
    const entry = (d: Y.Doc) => photosArray(d).get(0);
    expect(write(doc, (d) => (entry(d).get('caption') as Y.Map<unknown>).set('en', 5))).toMatchObject(refused);
    expect(write(doc, (d) => (entry(d).get('caption') as Y.Map<unknown>).set('en', 'x'.repeat(LIMITS.caption + 1)), true)).toMatchObject(refused);
    expect(write(doc, (d) => entry(d).set('imageId', '../x'), true)).toMatchObject(refused);
  });

  it('required keys are not removed while the photo lives; the whole photo may go', () => {
    const doc = new Y.Doc();
    expect(write(doc, (d) => addReportPhoto(d, { imageId: img(1), caption: { en: 'c' } }))).toMatchObject({ ok: true });
    expect(write(doc, (d) => photosArray(d).get(0).delete('imageId'))).toMatchObject(refused);
    expect(write(doc, (d) => photosArray(d).get(0).delete('caption'))).toMatchObject(refused);
    expect(write(doc, (d) => removeReportPhoto(d, 0))).toMatchObject({ ok: true });
  });

  it(`at most ${LIMITS.reportPhotos} photos, whether in one update or one more at a time`, () => {
    const doc = new Y.Doc();
    const add = (from: number, count: number) => (d: Y.Doc) => {
      for (let i = from; i < from + count; i++) photoMap({ imageId: img(i), caption: caption({ en: `${i}` }) })(d);
    };
    expect(write(doc, add(0, LIMITS.reportPhotos + 1))).toMatchObject(refused);
    expect(write(doc, add(0, LIMITS.reportPhotos))).toMatchObject({ ok: true });
    expect(write(doc, add(LIMITS.reportPhotos, 1))).toMatchObject(refused);
    expect(() => addReportPhoto(doc, { imageId: img('x'), caption: {} })).toThrow(/at most/);
  });

  it('readers skip stored values that do not fit (written before the server checked them)', () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      photoMap({ imageId: '../x', caption: caption({ en: 'bad id' }) })(doc);
      photoMap({ imageId: img('ok'), caption: caption({ en: 'fine', fr: 'x'.repeat(LIMITS.caption + 1) }) })(doc);
      photosArray(doc).push([5 as never]);
    });
    expect(documentSchemaProblem(doc, 'report')).toMatch(/outside-schema/);
    expect(readReportPhotos(doc)).toEqual([{ imageId: img('ok'), caption: { en: 'fine' } }]);
  });
});
