import { inflateRawSync } from 'node:zlib';

/**
 * A strict reader for archive packages. The verifier does not trust a zip library's view of a
 * file: it reads the central directory itself, so that every entry, whatever its attributes
 * (directory bit, symlink mode, encryption), is seen and judged; and it requires the local entries
 * to tile the file exactly as the central directory says, so that a tool which extracts by
 * walking local headers (or one which reads a prepended zip) cannot find anything the verifier
 * did not see.
 */
export interface ZipEntry {
  /** The name exactly as stored (decoded as UTF-8). */
  name: string;
  /** Directory by name (`/` at the end), by the DOS attribute bit, or by the Unix mode. */
  isDirectory: boolean;
  /** Anything that is not a plain file: a symlink, device, fifo... (Unix mode), or encrypted. */
  special: string | null;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Where the compressed data starts. */
  dataOffset: number;
}

export class ZipFormatError extends Error {}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const DESCRIPTOR_SIGNATURE = 0x08074b50;
const EOCD_BYTES = 22;
const CENTRAL_BYTES = 46;
const LOCAL_BYTES = 30;
const HOST_UNIX = 3;
const DOS_DIRECTORY = 0x10;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

function findEndOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes plus a comment of up to 65535; it must end exactly at the end of the file.
  for (let at = zip.length - EOCD_BYTES; at >= Math.max(0, zip.length - EOCD_BYTES - 0xffff); at--) {
    if (zip.readUInt32LE(at) === EOCD_SIGNATURE && at + EOCD_BYTES + zip.readUInt16LE(at + 20) === zip.length) return at;
  }
  throw new ZipFormatError('not a zip file (no end of central directory record)');
}

function specialKind(versionMadeBy: number, external: number, flags: number): string | null {
  if (flags & 0x1) return 'encrypted';
  if (versionMadeBy >> 8 !== HOST_UNIX) return null;
  const type = (external >>> 16) & S_IFMT;
  if (type === 0 || type === S_IFREG || type === S_IFDIR) return null;
  return type === S_IFLNK ? 'symbolic link' : `special file (mode ${(external >>> 16).toString(8)})`;
}

function decodeName(bytes: Uint8Array, index: number): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ZipFormatError(`entry ${index} has a name that is not UTF-8`);
  }
}

/** Every entry of the zip, in central-directory order. Throws ZipFormatError for anything irregular. */
export function readZipEntries(bytes: Uint8Array): ZipEntry[] {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (zip.length < EOCD_BYTES) throw new ZipFormatError('not a zip file (too short)');
  const eocd = findEndOfCentralDirectory(zip);
  if (zip.readUInt16LE(eocd + 4) !== 0 || zip.readUInt16LE(eocd + 6) !== 0) throw new ZipFormatError('multi-disk zip files are not archive packages');
  const count = zip.readUInt16LE(eocd + 10);
  const centralSize = zip.readUInt32LE(eocd + 12);
  const centralOffset = zip.readUInt32LE(eocd + 16);
  if (count !== zip.readUInt16LE(eocd + 8)) throw new ZipFormatError('inconsistent entry counts');
  if (centralOffset + centralSize !== eocd) throw new ZipFormatError('data between the central directory and its end record');
  const entries: Array<ZipEntry & { localOffset: number; end: number }> = [];
  let at = centralOffset;
  for (let i = 0; i < count; i++) {
    if (at + CENTRAL_BYTES > eocd || zip.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw new ZipFormatError(`central directory entry ${i} is malformed`);
    const versionMadeBy = zip.readUInt16LE(at + 4);
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const uncompressedSize = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const external = zip.readUInt32LE(at + 38);
    const localOffset = zip.readUInt32LE(at + 42);
    const nameBytes = zip.subarray(at + CENTRAL_BYTES, at + CENTRAL_BYTES + nameLength);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localOffset === 0xffffffff) throw new ZipFormatError('zip64 entries are not archive packages');
    const name = decodeName(nameBytes, i);
    at += CENTRAL_BYTES + nameLength + extraLength + commentLength;
    if (at > eocd) throw new ZipFormatError(`central directory entry ${i} runs past its end`);
    const unixType = versionMadeBy >> 8 === HOST_UNIX ? (external >>> 16) & S_IFMT : 0;
    const isDirectory = name.endsWith('/') || (external & DOS_DIRECTORY) !== 0 || unixType === S_IFDIR;
    // The local header must repeat the name: what a streaming extractor reads is what we read.
    if (localOffset + LOCAL_BYTES > centralOffset || zip.readUInt32LE(localOffset) !== LOCAL_SIGNATURE) throw new ZipFormatError(`${name}: no local header where the directory says`);
    const localName = zip.subarray(localOffset + LOCAL_BYTES, localOffset + LOCAL_BYTES + zip.readUInt16LE(localOffset + 26));
    if (!localName.equals(nameBytes)) throw new ZipFormatError(`${name}: the local header names another file`);
    const dataOffset = localOffset + LOCAL_BYTES + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    let end = dataOffset + compressedSize;
    if (flags & 0x8) {
      // A data descriptor follows the data: crc and sizes, with or without its signature.
      const signed = end + 4 <= zip.length && zip.readUInt32LE(end) === DESCRIPTOR_SIGNATURE;
      end += signed ? 16 : 12;
    }
    if (end > centralOffset) throw new ZipFormatError(`${name}: data runs into the central directory`);
    entries.push({ name, isDirectory, special: specialKind(versionMadeBy, external, flags), method, compressedSize, uncompressedSize, dataOffset, localOffset, end });
  }
  if (at !== eocd) throw new ZipFormatError('the central directory holds more than its entries');
  // Local entries tile the file from byte 0 to the central directory: nothing hidden between them.
  let expected = 0;
  for (const entry of [...entries].sort((a, b) => a.localOffset - b.localOffset)) {
    if (entry.localOffset !== expected) throw new ZipFormatError(`unlisted bytes before ${entry.name}`);
    expected = entry.end;
  }
  if (expected !== centralOffset) throw new ZipFormatError('unlisted bytes before the central directory');
  return entries.map(({ localOffset: _l, end: _e, ...entry }) => entry);
}

/**
 * The entry's content, inflated to at most `maxBytes` (the size the manifest states, so a
 * package cannot make the verifier inflate more than it claims to hold).
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, maxBytes: number): Buffer {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (entry.uncompressedSize > maxBytes) throw new ZipFormatError(`${entry.name}: larger than stated`);
  const data = zip.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  if (entry.method === 0) return Buffer.from(data);
  if (entry.method !== 8) throw new ZipFormatError(`${entry.name}: unsupported compression method ${entry.method}`);
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, maxBytes) });
  } catch (error) {
    throw new ZipFormatError(`${entry.name}: cannot be decompressed (${(error as Error).message})`);
  }
}

/**
 * Why a path inside a package is unsafe to extract, or null. Applied to every entry and every
 * name the manifest lists: no parent or current segments, nothing absolute, no backslashes, no
 * drive letters, no control characters, no empty segments.
 */
export function unsafeEntryName(name: string): string | null {
  if (name.length === 0) return 'empty name';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'control character in name';
  if (name.includes('\\')) return 'backslash in name';
  if (name.startsWith('/')) return 'absolute name';
  if (/^[A-Za-z]:/.test(name)) return 'drive letter in name';
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.some((s) => s === '..')) return 'parent directory (..) in name';
  if (segments.some((s) => s === '.' || s === '')) return 'empty or "." segment in name';
  return null;
}
