import * as Y from 'yjs';
import { LIMITS, clip } from '../model/schema/limits.ts';
import { readLocalizedMap, reportInvalid, tryReadValue } from '../model/schema/read.ts';
import { IMAGE_ID_PATTERN, imageIdFromUrl } from '../api/images.ts';
import { reportPhotoValues } from '../model/schema/values.ts';
import { REPORT_PHOTOS_FIELD } from './reportFields.ts';
import type { Localized } from './reportModel.ts';

/**
 * The report's own photos (`photos` in `report.<id>`): a Y.Array of Y.Maps {imageId, caption},
 * in the order the chapter shows them. Readers and writers for the client and the model builder,
 * with the schema the server checks (shared/src/model/schema/documents.ts, REPORT_PHOTO): writers
 * clip captions to its cap, so an honest client never writes what the server refuses.
 */
export interface ReportPhotoEntry {
  imageId: string;
  caption: Localized;
}

export const photosArray = (doc: Y.Doc): Y.Array<Y.Map<unknown>> => doc.getArray<Y.Map<unknown>>(REPORT_PHOTOS_FIELD);

/** The photos that fit the schema, in order (at most LIMITS.reportPhotos; others are skipped and reported). */
export function readReportPhotos(doc: Y.Doc): ReportPhotoEntry[] {
  const photos: ReportPhotoEntry[] = [];
  photosArray(doc).forEach((entry, index) => {
    const path = `${REPORT_PHOTOS_FIELD}/${index}`;
    if (!(entry instanceof Y.Map)) return reportInvalid(path, 'not a map');
    const imageId = tryReadValue(reportPhotoValues.imageId, entry.get('imageId'), `${path}/imageId`);
    if (!imageId.ok || photos.length >= LIMITS.reportPhotos) return;
    photos.push({ imageId: imageId.value, caption: readLocalizedMap(entry.get('caption'), `${path}/caption`, LIMITS.caption) });
  });
  return photos;
}

function captionMap(caption: Localized): Y.Map<string> {
  const map = new Y.Map<string>();
  for (const [lang, text] of Object.entries(caption).slice(0, LIMITS.localizedEntries)) map.set(lang, clip(text, LIMITS.caption));
  return map;
}

/** Adds a photo at `index` (default: last). Refuses an id the schema would refuse rather than be closed for it. */
export function addReportPhoto(doc: Y.Doc, photo: ReportPhotoEntry, index?: number): void {
  if (!IMAGE_ID_PATTERN.test(photo.imageId)) throw new Error(`not an image id: ${photo.imageId.slice(0, 80)}`);
  const photos = photosArray(doc);
  if (photos.length >= LIMITS.reportPhotos) throw new Error(`a report holds at most ${LIMITS.reportPhotos} photos`);
  const entry = new Y.Map<unknown>();
  // Both keys are set before the map is inserted: the server requires them in the same update.
  entry.set('imageId', photo.imageId);
  entry.set('caption', captionMap(photo.caption));
  photos.insert(Math.min(index ?? photos.length, photos.length), [entry]);
}

/** Sets one language of a photo's caption (an empty text keeps the key: the fallback shows the other language). */
export function setReportPhotoCaption(doc: Y.Doc, index: number, lang: string, text: string): void {
  const entry = photosArray(doc).get(index);
  const caption = entry instanceof Y.Map ? entry.get('caption') : undefined;
  if (caption instanceof Y.Map) caption.set(lang, clip(text, LIMITS.caption));
}

/**
 * Moves a photo: Yjs lists have no move, so the entry is re-created at its new place (an edit of
 * its caption made elsewhere at the same moment is lost; the order is what a move changes).
 */
export function moveReportPhoto(doc: Y.Doc, from: number, to: number): void {
  const photos = photosArray(doc);
  const entry = photos.get(from);
  if (!(entry instanceof Y.Map) || from === to) return;
  const imageId = entry.get('imageId');
  const caption = entry.get('caption');
  if (typeof imageId !== 'string') return;
  const copy = { imageId, caption: caption instanceof Y.Map ? (caption.toJSON() as Localized) : {} };
  doc.transact(() => {
    photos.delete(from, 1);
    addReportPhoto(doc, copy, to);
  });
}

export function removeReportPhoto(doc: Y.Doc, index: number): void {
  const photos = photosArray(doc);
  if (index >= 0 && index < photos.length) photos.delete(index, 1);
}

/** `/api/images/<id>` as the minutes' image nodes name a stored image; null for any other source. */
export function imageIdFromSrc(src: unknown): string | null {
  return typeof src === 'string' ? imageIdFromUrl(src) : null;
}
