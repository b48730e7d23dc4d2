import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { replaceAgenda } from '../../../../shared/src/model/agendaDoc.ts';
import { writeMeta } from '../../../../shared/src/model/meetingDoc.ts';
import { addReportPhoto, imageIdFromSrc } from '../../../../shared/src/report/reportPhotos.ts';
import { minutesField } from '../../../../shared/src/schema/fields.ts';
import type { MeetingRecord } from '../../meetings/meetingRepo.ts';
import { REPORT_IMAGE_LIMITS } from '../../export/report/reportImages.ts';
import type { MeetingSourceDoc } from './meetingSources.ts';
import { reportPhotos } from './reportPhotos.ts';

/** An image id as the image store hands them out (22 characters of base64url). */
const img = (name: string) => name.padEnd(22, '_');

/** A meeting whose agenda has a session and a group photo slot, with `images` in the photo slot's minutes per language. */
function meeting(id: string, images: Record<string, Array<{ id: string; alt?: string } | 'https://example.org/x.png'>>, title: Record<string, string> = { 'zh-Hant': '大合照', en: 'Group photo' }): MeetingSourceDoc {
  const doc = new Y.Doc();
  writeMeta(doc, { languages: ['zh-Hant', 'en'], timezone: 'Asia/Bangkok', days: ['2022-02-14', '2022-02-15'] });
  const [, photoSlot] = replaceAgenda(doc, [
    { day: 0, start: '09:00', end: '10:00', kind: 'session', title: { en: 'Item 1' }, speakers: [], scribes: [] },
    { day: 1, start: '12:00', end: '12:10', kind: 'photo', title, speakers: [], scribes: [] },
  ]);
  for (const [lang, list] of Object.entries(images)) {
    const fragment = doc.getXmlFragment(minutesField(photoSlot!, lang));
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Before the photos.')]);
    fragment.push([paragraph]);
    for (const image of list) {
      const node = new Y.XmlElement('image');
      node.setAttribute('src', typeof image === 'string' ? image : `/api/images/${img(image.id)}`);
      if (typeof image !== 'string' && image.alt !== undefined) node.setAttribute('alt', image.alt);
      fragment.push([node]);
    }
  }
  return { meeting: { id } as MeetingRecord, doc, source: { meetingId: id, state: 'draft', versionId: null, archiveRevision: null, archiveId: null, digest: '', finalisedAt: null } };
}

describe('the photos chapter', () => {
  it('the report’s own photos first, in their order, then each photo slot’s images in report order', () => {
    const report = new Y.Doc();
    addReportPhoto(report, { imageId: img('own-1'), caption: { 'zh-Hant': '會場', en: 'The venue' } });
    addReportPhoto(report, { imageId: img('own-2'), caption: { en: 'Only English' } });
    const first = meeting('m1', { 'zh-Hant': [{ id: 'g1', alt: '第一天大合照' }, { id: 'g2' }], en: [{ id: 'g2', alt: 'Day two' }, { id: 'g1' }, 'https://example.org/x.png'] });
    const second = meeting('m2', { en: [{ id: 'g3' }] }, { en: 'Family photo' });
    const photos = reportPhotos(report, [first, second]);
    expect(photos.map((p) => [p.position, p.imageId.replace(/_+$/, ''), p.source?.meetingId ?? null])).toEqual([
      [1, 'own-1', null],
      [2, 'own-2', null],
      [3, 'g1', 'm1'],
      [4, 'g2', 'm1'],
      [5, 'g3', 'm2'],
    ]);
    expect(photos[1]!.caption).toEqual({ en: 'Only English' });
    // An alt in a language's minutes is that language's caption; otherwise the slot's title and day.
    expect(photos[2]!.caption).toEqual({ 'zh-Hant': '第一天大合照', en: 'Group photo (15 February 2022)' });
    expect(photos[3]!.caption).toEqual({ 'zh-Hant': '大合照（2022 年 2 月 15 日）', en: 'Day two' });
    // A title in one language only is used for both.
    expect(photos[4]!.caption).toEqual({ 'zh-Hant': 'Family photo（2022 年 2 月 15 日）', en: 'Family photo (15 February 2022)' });
    expect(photos[2]!.source).toEqual({ meetingId: 'm1', slotId: expect.any(String) });
  });

  it('no photos anywhere: an empty chapter; images outside photo slots are not gathered', () => {
    const m = meeting('m1', {});
    const fragment = m.doc.getXmlFragment(minutesField('general', 'en'));
    const node = new Y.XmlElement('image');
    node.setAttribute('src', `/api/images/${img('in-the-minutes')}`);
    fragment.push([node]);
    expect(reportPhotos(new Y.Doc(), [m])).toEqual([]);
  });

  it(`never more than one export embeds (${REPORT_IMAGE_LIMITS.maxImages})`, () => {
    const report = new Y.Doc();
    for (let i = 0; i < 100; i++) addReportPhoto(report, { imageId: img(`own-${i}`), caption: {} });
    const many = meeting('m1', { en: Array.from({ length: 150 }, (_, i) => ({ id: `g${i}` })) });
    const photos = reportPhotos(report, [many]);
    expect(photos).toHaveLength(REPORT_IMAGE_LIMITS.maxImages);
    expect(photos.at(-1)).toMatchObject({ imageId: img('g99'), position: REPORT_IMAGE_LIMITS.maxImages });
  });

  it('image sources: only the image store’s own URLs name an image', () => {
    expect(imageIdFromSrc(`/api/images/${img('abc-D')}`)).toBe(img('abc-D'));
    for (const src of ['/api/images/../x', `/api/images/${img('a')}/b`, `https://x/api/images/${img('a')}`, `/api/images/${img('a')}?x=1`, '/api/images/', 5, null]) expect(imageIdFromSrc(src), String(src)).toBeNull();
  });
});
