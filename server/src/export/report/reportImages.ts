/**
 * The photos a report export embeds. The report model names its photos by `imageId` only (plain
 * JSON, no bytes); whoever asks for an export passes the stored bytes beside the model, keyed by
 * image id. An image that is absent, or whose bytes are not a PNG or JPEG we can embed, is drawn as
 * a placeholder with its caption, so one bad photo never fails the whole report.
 */
export type ReportImageBytes = Record<string, Uint8Array>;

export interface EmbeddableImage {
  data: Uint8Array;
  type: 'png' | 'jpeg';
  /** Pixels. */
  width: number;
  height: number;
}

/** Bounds on what an export accepts beside its model (the route should refuse more before this). */
export const REPORT_IMAGE_LIMITS = {
  /** Photos embedded per export. */
  maxImages: 200,
  /** Bytes of one image. */
  maxImageBytes: 20 * 1024 * 1024,
  /** Bytes of all images of one export. */
  maxTotalBytes: 400 * 1024 * 1024,
  /** Pixels of one side (a decoder bomb is refused before any decoding). */
  maxSide: 12_000,
} as const;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngInfo(data: Uint8Array): EmbeddableImage | null {
  if (data.length < 33 || !PNG_SIGNATURE.every((b, i) => data[i] === b)) return null;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  // The first chunk is IHDR: width, height, bit depth, colour type, compression, filter, interlace.
  if (String.fromCharCode(...data.subarray(12, 16)) !== 'IHDR') return null;
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const bitDepth = data[24]!;
  const interlace = data[28]!;
  // pdfkit copies 8-bit non-interlaced PNGs without decoding them; 16-bit and interlaced ones it
  // decodes into memory, which a 12000-pixel photo would turn into gigabytes.
  if (bitDepth > 8 || interlace !== 0) return null;
  return { data, type: 'png', width, height };
}

/** JPEG: walks the markers up to the first start-of-frame (SOF0..SOF15 but not DHT/JPG/DAC). */
function jpegInfo(data: Uint8Array): EmbeddableImage | null {
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8) return null;
  let at = 2;
  while (at + 9 < data.length) {
    if (data[at] !== 0xff) return null;
    const marker = data[at + 1]!;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    const length = (data[at + 2]! << 8) | data[at + 3]!;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      const height = (data[at + 5]! << 8) | data[at + 6]!;
      const width = (data[at + 7]! << 8) | data[at + 8]!;
      const components = data[at + 9]!;
      // CMYK (4 components) would break PDF/A's sRGB output intent; grey and RGB are fine.
      if (components !== 1 && components !== 3) return null;
      return { data, type: 'jpeg', width, height };
    }
    if (length < 2) return null;
    at += 2 + length;
  }
  return null;
}

/** The image's type and size, or null when it cannot be embedded (unknown type, too large, malformed). */
export function embeddableImage(data: Uint8Array | undefined): EmbeddableImage | null {
  if (!data || data.length === 0 || data.length > REPORT_IMAGE_LIMITS.maxImageBytes) return null;
  const info = pngInfo(data) ?? jpegInfo(data);
  if (!info || info.width <= 0 || info.height <= 0 || info.width > REPORT_IMAGE_LIMITS.maxSide || info.height > REPORT_IMAGE_LIMITS.maxSide) return null;
  return info;
}

/** Fits width x height into a box, keeping the aspect ratio. */
export function fitInto(width: number, height: number, maxWidth: number, maxHeight: number): { width: number; height: number } {
  const scale = Math.min(maxWidth / width, maxHeight / height, 1);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
