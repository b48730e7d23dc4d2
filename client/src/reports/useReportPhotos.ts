import { useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { photosArray, readReportPhotos, type ReportPhotoEntry } from '../../../shared/src/report/reportPhotos.ts';

const cache = new WeakMap<Y.Doc, ReportPhotoEntry[]>();

/**
 * The report's own photos as the live document has them (uploaded, captioned, moved or removed by
 * anyone, shown at once); read again only when the `photos` list changes.
 */
export function useReportPhotos(doc: Y.Doc): ReportPhotoEntry[] {
  return useSyncExternalStore(
    (onChange) => {
      const photos = photosArray(doc);
      const observer = () => {
        cache.delete(doc);
        onChange();
      };
      photos.observeDeep(observer);
      return () => photos.unobserveDeep(observer);
    },
    () => {
      let photos = cache.get(doc);
      if (!photos) cache.set(doc, (photos = readReportPhotos(doc)));
      return photos;
    },
  );
}
