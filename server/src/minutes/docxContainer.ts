import zlib from 'node:zlib';
import JSZip from 'jszip';
import { scanXml } from './markupShape.ts';
import { tooDeep, tooManyBlocks, tooManyCharacters, tooManyUnzippedBytes, unreadable, type ImportLimits } from './importLimits.ts';

/**
 * Opening a DOCX (a zip) without trusting it. A zip's directory declares each entry's unzipped
 * size; a hostile one declares little and inflates to gigabytes (a 196 KB file that unzips to
 * 64 MB ran the server out of memory, issue 13). So:
 * 1. the directory is read first and the declared sizes summed against IMPORT_MAX_UNZIPPED_MB,
 *    before anything is unzipped;
 * 2. each entry is then inflated with its declared size as a hard cap (zlib's maxOutputLength),
 *    so an entry that lies is caught while unzipping, not after;
 * 3. the XML the converter will read is scanned for nesting, paragraphs and characters;
 * 4. only the XML parts are repacked, uncompressed, for mammoth (images are never read: the
 *    minutes schema has no images).
 */
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_ENTRIES = 10_000;

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

function centralDirectory(zip: Buffer): Entry[] {
  // The end record is in the last 22 bytes plus at most a 64 KiB comment.
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw unreadable('not a DOCX file (no zip directory found)');
  const count = zip.readUInt16LE(end + 10);
  const offset = zip.readUInt32LE(end + 16);
  if (count === 0xffff || offset === 0xffffffff) throw unreadable('the DOCX file uses ZIP64, which a document of this size never needs');
  if (count > MAX_ENTRIES) throw unreadable(`the DOCX file has ${count} parts; a document has far fewer`);
  const entries: Entry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) throw unreadable('the DOCX file is damaged (bad zip directory)');
    const nameLength = zip.readUInt16LE(at + 28);
    entries.push({
      flags: zip.readUInt16LE(at + 8),
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** One entry's bytes, never more than it declared. */
function inflate(zip: Buffer, entry: Entry, limits: ImportLimits): Buffer {
  const at = entry.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL) throw unreadable(`the DOCX file is damaged (${entry.name})`);
  if (entry.flags & 1) throw unreadable('the DOCX file is encrypted');
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  if (start + entry.compressedSize > zip.length) throw unreadable(`the DOCX file is damaged (${entry.name} is cut short)`);
  const data = zip.subarray(start, start + entry.compressedSize);
  let out: Buffer;
  if (entry.method === 0) out = data;
  else if (entry.method === 8) {
    try {
      out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooManyUnzippedBytes(-1, limits);
      throw unreadable(`the DOCX file is damaged (${entry.name}: ${(error as Error).message})`);
    }
  } else throw unreadable(`the DOCX file uses an unsupported compression method (${entry.method})`);
  if (out.length !== entry.size) throw unreadable(`the DOCX file is damaged (${entry.name} is not the size it declares)`);
  return out;
}

/** The parts mammoth reads (document, styles, numbering, notes, relationships): XML only. */
const isXmlPart = (name: string) => /\.(xml|rels)$/i.test(name);
/** The parts whose text becomes minutes: counted against the paragraph and character limits. */
const isTextPart = (name: string) => /^word\/(document|footnotes|endnotes|comments)\.xml$/i.test(name);

/**
 * Checks a DOCX against the limits and returns it repacked (XML parts only, stored uncompressed)
 * for the converter. Throws ImportRefusal.
 */
export async function openDocx(bytes: Buffer, limits: ImportLimits): Promise<Buffer> {
  if (bytes.length < 22 || bytes.toString('latin1', 0, 2) !== 'PK') throw unreadable('not a DOCX file (expected a ZIP container)');
  const entries = centralDirectory(bytes);
  const declared = entries.reduce((sum, e) => sum + e.size, 0);
  if (declared > limits.maxUnzippedBytes) throw tooManyUnzippedBytes(declared, limits);
  // Word nests a table in 4 elements and a text box in about 12; beyond this, nobody's document.
  const maxXmlDepth = 64 + 4 * limits.maxNesting;
  const repacked = new JSZip();
  let paragraphs = 0;
  let characters = 0;
  for (const entry of entries) {
    if (!isXmlPart(entry.name) || entry.name.endsWith('/')) continue;
    const xml = inflate(bytes, entry, limits);
    const shape = scanXml(xml.toString('utf8'), maxXmlDepth);
    if (shape.depth > maxXmlDepth) throw tooDeep(null, limits);
    if (isTextPart(entry.name)) {
      if ((paragraphs += shape.paragraphs) > limits.maxBlocks) throw tooManyBlocks(paragraphs, limits);
      if ((characters += shape.characters) > limits.maxCharacters) throw tooManyCharacters(characters, limits);
    }
    repacked.file(entry.name, xml);
  }
  return repacked.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
}
