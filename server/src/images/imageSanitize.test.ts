import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMAGE_LIMITS } from '../../../shared/src/api/images.ts';
import { pngImage } from '../../../tests/helpers/pngImage.ts';
import { COMMENT_TEXT, EXIF_MARKER_TEXT, gpsLatitudeBytes, jpegWithMetadata, pngHeaderOnly, pngWithMetadata, XMP_TEXT } from '../../../tests/helpers/imageMetadata.ts';
import { sanitizeImage } from './imageSanitize.ts';

const jpeg = fs.readFileSync(path.resolve('tests/fixtures/report-photo.jpg'));
const ok = (result: ReturnType<typeof sanitizeImage>) => {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result;
};
const has = (bytes: Uint8Array, needle: Buffer | string) => Buffer.from(bytes).includes(typeof needle === 'string' ? Buffer.from(needle, 'latin1') : needle);

describe('sanitizeImage', () => {
  it('strips EXIF (with its GPS location), XMP and comments from a JPEG and keeps every other byte', () => {
    const tagged = jpegWithMetadata(jpeg);
    expect(has(tagged, gpsLatitudeBytes())).toBe(true);
    const result = ok(sanitizeImage(tagged, IMAGE_LIMITS));
    expect(result.type).toBe('image/jpeg');
    for (const needle of [EXIF_MARKER_TEXT, XMP_TEXT, COMMENT_TEXT, gpsLatitudeBytes()]) expect(has(result.data, needle)).toBe(false);
    // The picture itself (frame, tables, scan, ICC profile) is byte for byte what it was.
    expect(Buffer.from(result.data).equals(Buffer.from(ok(sanitizeImage(jpeg, IMAGE_LIMITS)).data))).toBe(true);
    expect(has(result.data, 'ICC_PROFILE')).toBe(true);
    expect(result.width).toBeGreaterThan(0);
  });

  it('strips tEXt, eXIf and tIME from a PNG; the image chunks stay', () => {
    const png = pngImage(40, 30, { seed: 3 });
    const result = ok(sanitizeImage(pngWithMetadata(png), IMAGE_LIMITS));
    expect({ type: result.type, width: result.width, height: result.height }).toEqual({ type: 'image/png', width: 40, height: 30 });
    expect(Buffer.from(result.data).equals(png)).toBe(true);
  });

  it('names the type it refuses, whatever the request said', () => {
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
    expect(sanitizeImage(gif, IMAGE_LIMITS)).toMatchObject({ ok: false, code: 'unsupported_image_type', message: expect.stringMatching(/PNG and JPEG.*GIF/) });
  });

  it('refuses huge dimensions from the header alone (a decompression bomb)', () => {
    expect(sanitizeImage(pngHeaderOnly(50_000, 50_000), IMAGE_LIMITS)).toMatchObject({ ok: false, code: 'image_dimensions_too_large' });
    // Within each side but over the pixel count.
    expect(sanitizeImage(pngHeaderOnly(7_000, 7_000), IMAGE_LIMITS)).toMatchObject({ ok: false, code: 'image_dimensions_too_large' });
  });

  it('refuses truncated and corrupt files at every cut without throwing', () => {
    const png = pngImage(20, 20, { seed: 5 });
    for (const file of [jpeg, png]) {
      for (let cut = 8; cut < file.length - 1; cut += Math.max(1, Math.floor(file.length / 97))) {
        expect(sanitizeImage(file.subarray(0, cut), IMAGE_LIMITS)).toMatchObject({ ok: false, code: 'image_malformed' });
      }
    }
    const flipped = Buffer.from(png);
    flipped[40] = flipped[40]! ^ 0xff; // inside IDAT: its checksum no longer matches
    expect(sanitizeImage(flipped, IMAGE_LIMITS)).toMatchObject({ ok: false, code: 'image_malformed' });
  });
});
