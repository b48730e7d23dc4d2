import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import JSZip from 'jszip';

/**
 * What a forger does to an archive package (issue 13, findings 6 and 7), for the verifier's tests:
 * change a file and re-sign, add entries a zip library may skip, and patch zip headers by hand
 * where JSZip cannot produce the entry (a name it would normalise, a duplicate, a DOS attribute).
 */
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

export const newSigningKey = () => generateKeyPairSync('ed25519');

/**
 * Changes `name` with `change`, writes the new hash into the manifest, re-signs it with
 * `privateKey` and, when given, puts `publicKeyPem` in the package as its own key.
 */
export async function reSign(zipBytes: Uint8Array, privateKey: KeyObject, options: { name?: string; change?: (data: Buffer) => Buffer; publicKeyPem?: string; keyId?: string } = {}): Promise<Buffer> {
  const zip = await JSZip.loadAsync(zipBytes);
  const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as { keyId: string; files: Array<{ name: string; sha256: string; bytes: number }> };
  if (options.name && options.change) {
    const data = options.change(await zip.file(options.name)!.async('nodebuffer'));
    zip.file(options.name, data);
    const entry = manifest.files.find((f) => f.name === options.name)!;
    entry.sha256 = sha256(data);
    entry.bytes = data.byteLength;
  }
  if (options.keyId) manifest.keyId = options.keyId;
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2));
  zip.file('manifest.json', manifestBytes);
  zip.file('manifest.sig', sign(null, manifestBytes, privateKey).toString('base64'));
  if (options.publicKeyPem) zip.file('public-key.pem', options.publicKeyPem);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Adds entries with JSZip's options (unix modes, DOS attributes, directories). */
export async function addEntries(zipBytes: Uint8Array, entries: Array<{ name: string; data?: string; options?: JSZip.JSZipFileOptions }>, platform: 'DOS' | 'UNIX' = 'DOS'): Promise<Buffer> {
  const zip = await JSZip.loadAsync(zipBytes);
  for (const entry of entries) zip.file(entry.name, entry.data ?? '', entry.options);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform });
}

/** Offsets of every central directory entry and of the end record. */
function centralDirectory(zip: Buffer): { eocd: number; entries: Array<{ at: number; name: string; localOffset: number }> } {
  let eocd = zip.length - 22;
  while (zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const entries = [];
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < zip.readUInt16LE(eocd + 10); i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    entries.push({ at, name: zip.subarray(at + 46, at + 46 + nameLength).toString('utf8'), localOffset: zip.readUInt32LE(at + 42) });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return { eocd, entries };
}

/**
 * Renames an entry in both its local and central headers to a name of the same length (a name
 * JSZip would not write as such: `..`, backslashes, a duplicate of another entry's name).
 */
export function renameEntry(zipBytes: Uint8Array, from: string, to: string): Buffer {
  if (Buffer.byteLength(from) !== Buffer.byteLength(to)) throw new Error('renameEntry keeps the length');
  const zip = Buffer.from(zipBytes);
  const entry = centralDirectory(zip).entries.find((e) => e.name === from);
  if (!entry) throw new Error(`no entry ${from}`);
  zip.write(to, entry.at + 46);
  zip.write(to, entry.localOffset + 30);
  return zip;
}

/** Sets an entry's external attributes in the central directory (e.g. 0x10, the DOS directory bit). */
export function setExternalAttributes(zipBytes: Uint8Array, name: string, attributes: number): Buffer {
  const zip = Buffer.from(zipBytes);
  const entry = centralDirectory(zip).entries.find((e) => e.name === name);
  if (!entry) throw new Error(`no entry ${name}`);
  zip.writeUInt32LE(attributes >>> 0, entry.at + 38);
  return zip;
}

/**
 * Inserts a stored local file entry just before the central directory, which does not list it:
 * invisible to a reader of the central directory, extracted by one that walks local headers.
 */
export function hideLocalEntry(zipBytes: Uint8Array, name: string, data: string): Buffer {
  const zip = Buffer.from(zipBytes);
  const { eocd } = centralDirectory(zip);
  const centralOffset = zip.readUInt32LE(eocd + 16);
  const nameBytes = Buffer.from(name);
  const content = Buffer.from(data);
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(10, 4);
  header.writeUInt32LE(content.length, 18);
  header.writeUInt32LE(content.length, 22);
  header.writeUInt16LE(nameBytes.length, 26);
  const hidden = Buffer.concat([header, nameBytes, content]);
  const out = Buffer.concat([zip.subarray(0, centralOffset), hidden, zip.subarray(centralOffset)]);
  out.writeUInt32LE(centralOffset + hidden.length, eocd + hidden.length + 16);
  return out;
}
