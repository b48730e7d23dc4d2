import { describe, expect, it } from 'vitest';
import type { ReportModel, ReportPhoto } from '../../../shared/src/report/reportModel.ts';
import { REPORT_IMAGE_LIMITS } from '../export/report/reportImages.ts';
import type { ImageScope } from '../../../shared/src/api/images.ts';
import { loadReportPhotoBytes } from './reportPhotoBytes.ts';

/** Only what the loader reads of a model: its id and the photos chapter. */
const modelWith = (photos: Array<Omit<ReportPhoto, 'position'>>): ReportModel =>
  ({ reportId: 'r1', chapters: [{ kind: 'photos', id: 'photos', number: null, title: {}, photos: photos.map((p, i) => ({ ...p, position: i + 1 })) }] }) as unknown as ReportModel;

/** An image store of `sizes` (scope:id -> bytes) that records every call. */
function store(sizes: Record<string, number>) {
  const calls: Array<{ scope: ImageScope; ids: string[] }> = [];
  const load = async (scope: ImageScope, ids: string[]) => {
    calls.push({ scope, ids });
    const found: Record<string, Uint8Array> = {};
    for (const id of ids) {
      const size = sizes[`${scope}:${id}`];
      if (size !== undefined) found[id] = new Uint8Array(size).fill(id.length);
    }
    return found;
  };
  return { load, calls };
}

describe('loading a report’s photo bytes for an export', () => {
  it('own photos from the report’s images, slot photos from their meeting’s; each image once; missing ones left out', async () => {
    const { load, calls } = store({ 'report:r1:a': 10, 'meeting:m1:g1': 20, 'report:r1:g1': 999 });
    const model = modelWith([
      { imageId: 'a', caption: {} },
      { imageId: 'gone', caption: {} },
      { imageId: 'g1', caption: {}, source: { meetingId: 'm1', slotId: 's1' } },
      { imageId: 'a', caption: {} },
      { imageId: 'm-other', caption: {}, source: { meetingId: 'm2', slotId: 's1' } },
    ]);
    const images = await loadReportPhotoBytes(model, load);
    expect(Object.fromEntries(Object.entries(images).map(([id, bytes]) => [id, bytes.byteLength]))).toEqual({ a: 10, g1: 20 });
    expect(calls).toEqual([
      { scope: 'report:r1', ids: ['a', 'gone'] },
      { scope: 'meeting:m1', ids: ['g1'] },
      { scope: 'meeting:m2', ids: ['m-other'] },
    ]);
  });

  it('bounded: images over the per-image cap and beyond the total are not passed (placeholders), reads come in small batches', async () => {
    const limits = { maxImages: 200, maxImageBytes: 1_000, maxTotalBytes: 5_000 };
    const big = limits.maxImageBytes;
    const count = Math.floor(limits.maxTotalBytes / big) + 2;
    const sizes: Record<string, number> = { 'report:r1:huge': big + 1 };
    const photos: Array<Omit<ReportPhoto, 'position'>> = [{ imageId: 'huge', caption: {} }];
    for (let i = 0; i < count; i++) {
      sizes[`report:r1:p${i}`] = big;
      photos.push({ imageId: `p${i}`, caption: {} });
    }
    const { load, calls } = store(sizes);
    const images = await loadReportPhotoBytes(modelWith(photos), load, limits);
    expect(images.huge).toBeUndefined();
    expect(Object.keys(images)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
    expect(Object.values(images).reduce((sum, b) => sum + b.byteLength, 0)).toBe(limits.maxTotalBytes);
    expect(Math.max(...calls.map((c) => c.ids.length))).toBeLessThanOrEqual(4);
  });

  it(`at most ${REPORT_IMAGE_LIMITS.maxImages} images are asked for`, async () => {
    const { load, calls } = store({});
    const photos = Array.from({ length: REPORT_IMAGE_LIMITS.maxImages + 50 }, (_, i) => ({ imageId: `p${i}`, caption: {} }));
    await loadReportPhotoBytes(modelWith(photos), load);
    expect(calls.flatMap((c) => c.ids)).toHaveLength(REPORT_IMAGE_LIMITS.maxImages);
  });
});
