/**
 * Metadata written into real images by hand, so tests can prove the server strips it: an EXIF
 * APP1 block with a GPS location (TIFF little-endian, IFD0 -> GPS IFD), an XMP APP1, a COM
 * comment; and PNG tEXt / eXIf / tIME chunks. No image library: every byte is spelled out.
 */
import zlib from 'node:zlib';
import { pngChunk, rgbPng } from './pngImage.ts';

/** 25°02'00" N, 121°33'54" E (Taipei 101): the rationals below, as they appear in the file. */
export const GPS_LATITUDE = [25, 1, 2, 1, 0, 1] as const;
export const GPS_LONGITUDE = [121, 1, 33, 1, 54, 1] as const;
export const EXIF_MARKER_TEXT = 'Exif\0\0';
export const XMP_TEXT = 'http://ns.adobe.com/xap/1.0/';
export const COMMENT_TEXT = 'secret comment: taken at the delegation hotel';

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}
function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

/** One 12-byte IFD entry: tag, type, count, value or offset. */
function entry(tag: number, type: number, count: number, value: Buffer): Buffer {
  const field = Buffer.alloc(4);
  value.copy(field);
  return Buffer.concat([u16(tag), u16(type), u32(count), field]);
}

/** The TIFF structure of an EXIF block: IFD0 {Orientation=6, GPS pointer} -> GPS IFD {N, lat, E, lon}. */
export function exifTiff(): Buffer {
  const ifd0Offset = 8;
  const ifd0Entries = 2;
  const ifd0Size = 2 + ifd0Entries * 12 + 4;
  const gpsOffset = ifd0Offset + ifd0Size;
  const gpsEntries = 4;
  const gpsSize = 2 + gpsEntries * 12 + 4;
  const latOffset = gpsOffset + gpsSize;
  const lonOffset = latOffset + 24;
  const rationals = (values: readonly number[]) => Buffer.concat(values.map(u32));
  return Buffer.concat([
    Buffer.from('II*\0', 'latin1'),
    u32(ifd0Offset),
    u16(ifd0Entries),
    entry(0x0112, 3, 1, u16(6)), // Orientation: rotate 90° CW to view
    entry(0x8825, 4, 1, u32(gpsOffset)), // GPSInfo IFD pointer
    u32(0),
    u16(gpsEntries),
    entry(0x0001, 2, 2, Buffer.from('N\0', 'latin1')),
    entry(0x0002, 5, 3, u32(latOffset)),
    entry(0x0003, 2, 2, Buffer.from('E\0', 'latin1')),
    entry(0x0004, 5, 3, u32(lonOffset)),
    u32(0),
    rationals(GPS_LATITUDE),
    rationals(GPS_LONGITUDE),
  ]);
}

/** The GPS latitude as stored (three little-endian rationals): what must not survive an upload. */
export function gpsLatitudeBytes(): Buffer {
  return Buffer.concat(GPS_LATITUDE.map(u32));
}

function segment(marker: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header[0] = 0xff;
  header[1] = marker;
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

/** A JPEG with EXIF (GPS), XMP and a comment inserted right after SOI. */
export function jpegWithMetadata(jpeg: Buffer): Buffer {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG');
  return Buffer.concat([
    jpeg.subarray(0, 2),
    segment(0xe1, Buffer.concat([Buffer.from(EXIF_MARKER_TEXT, 'latin1'), exifTiff()])),
    segment(0xe1, Buffer.from(`${XMP_TEXT}\0<x:xmpmeta><rdf:Description exif:GPSLatitude="25,2N"/></x:xmpmeta>`, 'latin1')),
    segment(0xfe, Buffer.from(COMMENT_TEXT, 'latin1')),
    jpeg.subarray(2),
  ]);
}

/** A PNG with tEXt (a comment), eXIf (the same GPS block) and tIME chunks inserted after IHDR. */
export function pngWithMetadata(png: Buffer): Buffer {
  const ihdrEnd = 8 + 25;
  return Buffer.concat([
    png.subarray(0, ihdrEnd),
    pngChunk('tEXt', Buffer.from(`Comment\0${COMMENT_TEXT}`, 'latin1')),
    pngChunk('eXIf', exifTiff()),
    pngChunk('tIME', Buffer.from([0x07, 0xea, 11, 27, 14, 0, 0])),
    png.subarray(ihdrEnd),
  ]);
}

/** A PNG header claiming `width` x `height` with one tiny IDAT: a decompression bomb's calling card. */
export function pngHeaderOnly(width: number, height: number): Buffer {
  return rgbPng(width, height, zlib.deflateSync(Buffer.alloc(1024)));
}
