import zlib from 'node:zlib';
import type { ImageType } from '../../../shared/src/api/images.ts';

/**
 * Checks an uploaded image and rewrites it without its metadata. Runs in a worker thread
 * (workers/tasks.worker.ts): the walk is linear in the file's size, but a 10 MiB file is still
 * too much work for the event loop that serves the sockets.
 *
 * The type is sniffed from the bytes (magic numbers), never taken from the request's header.
 * Nothing is decoded: the dimensions come from the header (IHDR, SOF), and the structure is walked
 * to its end so that a truncated or malformed file is refused rather than stored.
 *
 * Removed: JPEG APP1..APP15 (EXIF with GPS, XMP, IPTC/Photoshop, MPF) except an ICC profile in
 * APP2, COM comments and anything after EOI; PNG eXIf, tEXt, iTXt, zTXt, tIME and every other
 * ancillary chunk that does not describe colour or pixel size. The EXIF orientation goes with the
 * EXIF block: pixels are stored as they were taken (documented in docs/api.md).
 */
export interface ImageLimits {
  maxBytes: number;
  maxSide: number;
  maxPixels: number;
}

export type SanitizeResult =
  | { ok: true; type: ImageType; width: number; height: number; data: Uint8Array }
  | { ok: false; code: 'unsupported_image_type' | 'image_malformed' | 'image_dimensions_too_large'; message: string };

class Malformed extends Error {}

/** A copy with its own ArrayBuffer: a Buffer may be a view into a shared pool, and the whole pool would be cloned back to the main thread. */
const fresh = (bytes: Buffer): Uint8Array => new Uint8Array(bytes);

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function sniffImageType(data: Uint8Array): ImageType | null {
  if (data.length >= 8 && PNG_SIGNATURE.equals(Buffer.from(data.buffer, data.byteOffset, 8))) return 'image/png';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  return null;
}

/** What a file starting with these bytes probably is, to name it in the refusal. */
function describe(data: Uint8Array): string {
  const head = Buffer.from(data.buffer, data.byteOffset, Math.min(data.length, 12)).toString('latin1');
  if (head.startsWith('GIF8')) return 'GIF';
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'WebP';
  if (head.startsWith('<svg') || head.startsWith('<?xml')) return 'SVG/XML';
  if (head.slice(4, 8) === 'ftyp') return 'HEIC/AVIF';
  if (head.startsWith('BM')) return 'BMP';
  if (head.startsWith('%PDF')) return 'PDF';
  return 'not an image we know';
}

export function sanitizeImage(input: Uint8Array, limits: ImageLimits): SanitizeResult {
  const data = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const type = sniffImageType(data);
  if (!type) return { ok: false, code: 'unsupported_image_type', message: `only PNG and JPEG images are accepted (image/png, image/jpeg); this file is ${describe(data)}` };
  try {
    const result = type === 'image/png' ? sanitizePng(data) : sanitizeJpeg(data);
    const { width, height } = result;
    if (width > limits.maxSide || height > limits.maxSide || width * height > limits.maxPixels) {
      return {
        ok: false,
        code: 'image_dimensions_too_large',
        message: `the image is ${width} x ${height} pixels; at most ${limits.maxSide} pixels a side and ${limits.maxPixels / 1_000_000} megapixels are accepted`,
      };
    }
    return { ok: true, type, ...result };
  } catch (error) {
    if (error instanceof Malformed) return { ok: false, code: 'image_malformed', message: `the ${type === 'image/png' ? 'PNG' : 'JPEG'} file is damaged or incomplete: ${error.message}` };
    throw error;
  }
}

// ---- PNG ----

/** Ancillary chunks kept: they change how the pixels look (colour, transparency, pixel size), and say nothing about who, where or when. */
const PNG_KEPT_ANCILLARY = new Set(['tRNS', 'cHRM', 'gAMA', 'iCCP', 'sBIT', 'sRGB', 'cICP', 'bKGD', 'pHYs']);
const PNG_CRITICAL = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND']);
/** Valid bit depths per colour type (PNG spec, table 11.1). */
const PNG_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

function sanitizePng(data: Buffer): { width: number; height: number; data: Uint8Array } {
  const kept: Buffer[] = [data.subarray(0, 8)];
  let at = 8;
  let width = 0;
  let height = 0;
  let sawIdat = false;
  let first = true;
  for (;;) {
    if (at + 12 > data.length) throw new Malformed('it ends before its IEND chunk');
    const length = data.readUInt32BE(at);
    const type = data.subarray(at + 4, at + 8).toString('latin1');
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > data.length) throw new Malformed(`its ${JSON.stringify(type)} chunk runs past the end of the file`);
    if (!/^[A-Za-z]{4}$/.test(type)) throw new Malformed('a chunk has an invalid name');
    const crc = data.readUInt32BE(end - 4);
    if (zlib.crc32(data.subarray(at + 4, end - 4)) !== crc) throw new Malformed(`its ${type} chunk fails its checksum`);
    if (first) {
      if (type !== 'IHDR' || length !== 13) throw new Malformed('it does not start with an IHDR chunk');
      width = data.readUInt32BE(at + 8);
      height = data.readUInt32BE(at + 12);
      const depth = data[at + 16]!;
      const colour = data[at + 17]!;
      if (width === 0 || height === 0) throw new Malformed('its width or height is zero');
      if (!PNG_DEPTHS[colour]?.includes(depth)) throw new Malformed(`bit depth ${depth} with colour type ${colour} is not valid`);
      first = false;
    }
    const critical = type[0]! >= 'A' && type[0]! <= 'Z';
    if (critical && !PNG_CRITICAL.has(type)) throw new Malformed(`it has an unknown critical chunk ${type}`);
    if (type === 'IDAT') sawIdat = true;
    if (PNG_CRITICAL.has(type) || PNG_KEPT_ANCILLARY.has(type)) kept.push(data.subarray(at, end));
    at = end;
    if (type === 'IEND') break;
  }
  if (!sawIdat) throw new Malformed('it has no image data');
  return { width, height, data: fresh(Buffer.concat(kept)) };
}

// ---- JPEG ----

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;
const ICC_PROFILE = Buffer.from('ICC_PROFILE\0', 'latin1');

/** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
const isFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function keepJpegSegment(marker: number, payload: Buffer): boolean {
  if (marker === COM) return false;
  if (marker === 0xe0) return true; // APP0: JFIF/JFXX (density, thumbnail of the same picture)
  if (marker === 0xe2) return payload.subarray(0, ICC_PROFILE.length).equals(ICC_PROFILE);
  return !(marker >= 0xe1 && marker <= 0xef); // APP1..APP15: EXIF, XMP, IPTC, MPF, maker data
}

function sanitizeJpeg(data: Buffer): { width: number; height: number; data: Uint8Array } {
  const kept: Buffer[] = [data.subarray(0, 2)];
  let at = 2;
  let width = 0;
  let height = 0;
  let sawScan = false;
  for (;;) {
    if (at + 2 > data.length) throw new Malformed('it ends before its end-of-image marker');
    if (data[at] !== 0xff) throw new Malformed(`expected a marker at byte ${at}`);
    const marker = data[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte before a marker
      continue;
    }
    if (marker === EOI) {
      if (!sawScan) throw new Malformed('it has no image data');
      kept.push(data.subarray(at, at + 2)); // whatever follows EOI (another image, a zip) is dropped
      break;
    }
    if (marker === SOI || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) throw new Malformed(`unexpected marker FF${marker.toString(16).toUpperCase()}`);
    if (at + 4 > data.length) throw new Malformed('a segment runs past the end of the file');
    const length = data.readUInt16BE(at + 2);
    const end = at + 2 + length;
    if (length < 2 || end > data.length) throw new Malformed('a segment runs past the end of the file');
    const payload = data.subarray(at + 4, end);
    if (isFrame(marker)) {
      if (payload.length < 6) throw new Malformed('its frame header is too short');
      height = payload.readUInt16BE(1);
      width = payload.readUInt16BE(3);
      // A height of 0 defers it to a DNL marker after the scan: too rare to be worth trusting.
      if (width === 0 || height === 0) throw new Malformed('its width or height is zero');
    }
    if (marker === SOS && width === 0) throw new Malformed('its image data comes before its frame header');
    if (keepJpegSegment(marker, payload)) kept.push(data.subarray(at, end));
    at = end;
    if (marker === SOS) {
      sawScan = true;
      // Entropy-coded data: runs until a marker other than a stuffed zero or a restart marker.
      const start = at;
      for (;;) {
        at = data.indexOf(0xff, at);
        if (at < 0 || at + 1 >= data.length) throw new Malformed('its image data is cut off');
        const next = data[at + 1]!;
        if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7)) break;
        at += 2;
      }
      kept.push(data.subarray(start, at));
    }
  }
  return { width, height, data: fresh(Buffer.concat(kept)) };
}
