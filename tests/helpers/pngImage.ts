import zlib from 'node:zlib';

/**
 * A real PNG file (8-bit RGB, not interlaced), written byte by byte, so report exports can be
 * tested with photos of a realistic size without an image library. `noise` (0..1) makes a share
 * of the pixels random, which is what makes photos hard to compress.
 */
export function pngImage(width: number, height: number, options: { seed?: number; noise?: number } = {}): Buffer {
  const noise = options.noise ?? 0.5;
  let state = (options.seed ?? 1) >>> 0 || 1;
  const random = () => {
    // xorshift32: deterministic, so a test's images are the same on every run.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x1_0000_0000;
  };
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    raw[y * stride] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const at = y * stride + 1 + x * 3;
      const shade = random() < noise ? Math.floor(random() * 256) : 0;
      raw[at] = ((x * 255) / width + shade) & 0xff;
      raw[at + 1] = ((y * 255) / height + shade) & 0xff;
      raw[at + 2] = (128 + shade) & 0xff;
    }
  }
  return rgbPng(width, height, zlib.deflateSync(raw, { level: 1 }));
}

/** One PNG chunk: length, type, data, CRC-32 over type and data. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A PNG whose IHDR claims `width` x `height` 8-bit RGB around the given compressed IDAT data; the
 * IDAT need not match the claim, which is how tests build decompression bombs.
 */
export function rgbPng(width: number, height: number, idat: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', idat),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}
