import { meetingImageScope, reportImageScope, type ImageScope } from '../../../shared/src/api/images.ts';
import type { ReportModel } from '../../../shared/src/report/reportModel.ts';
import { REPORT_IMAGE_LIMITS, type ReportImageBytes } from '../export/report/reportImages.ts';

/**
 * The bytes of a report's photos for an export, read from the image store and bounded before they
 * reach the export workers: at most REPORT_IMAGE_LIMITS.maxImages images, none over maxImageBytes,
 * maxTotalBytes in all. An image that is missing (deleted, never stored, of another meeting or
 * report) or beyond a bound is simply not passed: the renderers draw a placeholder with its
 * caption, so one photo never fails the report.
 *
 * Each photo is read from the scope it belongs to: the report's own photos from the report's
 * images, a photo slot's images from that meeting's images (the report's readers already read
 * that meeting's minutes in its chapter).
 */
/** Reads stored images of one scope by id (services.images.loadImageBytes); ids it does not hold are left out. */
export type LoadImageBytes = (scope: ImageScope, ids: string[]) => Promise<Record<string, Uint8Array>>;

/** Images read per call: the transient memory beyond the running total is at most this many images. */
const BATCH = 4;

export type PhotoBytesLimits = Record<'maxImages' | 'maxImageBytes' | 'maxTotalBytes', number>;

/** `limits` is REPORT_IMAGE_LIMITS but for tests (which would otherwise need 400 MiB of images). */
export async function loadReportPhotoBytes(model: ReportModel, load: LoadImageBytes, limits: PhotoBytesLimits = REPORT_IMAGE_LIMITS): Promise<ReportImageBytes> {
  const wanted = new Map<string, { scope: ImageScope; ids: string[] }>();
  const seen = new Set<string>();
  for (const chapter of model.chapters) {
    if (chapter.kind !== 'photos') continue;
    for (const photo of chapter.photos) {
      if (seen.has(photo.imageId) || seen.size >= limits.maxImages) continue;
      seen.add(photo.imageId);
      const scope = photo.source ? meetingImageScope(photo.source.meetingId) : reportImageScope(model.reportId);
      let group = wanted.get(scope);
      if (!group) wanted.set(scope, (group = { scope, ids: [] }));
      group.ids.push(photo.imageId);
    }
  }

  const images: ReportImageBytes = {};
  let total = 0;
  for (const { scope, ids } of wanted.values()) {
    for (let at = 0; at < ids.length; at += BATCH) {
      const batch = ids.slice(at, at + BATCH);
      const loaded = await load(scope, batch);
      for (const id of batch) {
        const bytes = Object.hasOwn(loaded, id) ? loaded[id] : undefined;
        if (!bytes || bytes.byteLength > limits.maxImageBytes) continue;
        if (total + bytes.byteLength > limits.maxTotalBytes) continue;
        total += bytes.byteLength;
        images[id] = bytes;
      }
    }
  }
  return images;
}
