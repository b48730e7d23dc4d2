/**
 * A PDF/A-2b conformance check of the properties a PDF writer can get wrong, for the PDFs Quorum
 * itself writes (pdfkit: classic cross-reference table, no object streams, so the catalog, the
 * font dictionaries and the XMP packet are plain text in the file).
 *
 * No full PDF/A validator (veraPDF) is packaged for Debian or npm, so this is the check we
 * document and run in CI. It covers what PDF/A-2b (ISO 19005-2, level B) requires of structure
 * and metadata; it does not re-render glyphs or colour-manage images (the report's photos are embedded
 * only when they are RGB or grey PNG/JPEG, see export/report/reportImages.ts).
 */
export interface PdfACheck {
  ok: boolean;
  problems: string[];
  /** What was found, for reports: part and conformance from XMP, fonts (descriptors) and embedded programs. */
  found: { part: string | null; conformance: string | null; fonts: number; embeddedFonts: number };
}

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

export function checkPdfA(bytes: Uint8Array): PdfACheck {
  // latin1 keeps one character per byte, so offsets and binary bytes survive.
  const text = Buffer.from(bytes).toString('latin1');
  const problems: string[] = [];
  if (!/^%PDF-1\.[4-7]\r?\n/.test(text)) problems.push('header: not %PDF-1.4 to 1.7 followed by an end of line');
  // ISO 19005-2 6.1.2: the header is followed by a comment of at least four bytes above 127.
  const second = text.split(/\r?\n/)[1] ?? '';
  if (!/^%[\x80-\xff]{4}/.test(second)) problems.push('header: no binary comment line after the version');
  if (!/trailer[\s\S]*\/ID\s*\[\s*<[0-9a-fA-F]+>\s*<[0-9a-fA-F]+>\s*\]/.test(text)) problems.push('trailer: no /ID');
  // Forbidden keys are looked for in the objects' dictionaries, not inside streams: compressed
  // image or font data can hold the bytes "/JS" by chance (report photos did).
  const dictionaries = text.replace(/stream\r?\n[\s\S]*?endstream/g, 'stream endstream');
  if (/\/Encrypt\b/.test(dictionaries)) problems.push('encrypted (forbidden)');
  if (/\/JavaScript\b|\/JS\b/.test(dictionaries)) problems.push('JavaScript (forbidden)');
  if (/\/S\s*\/Launch\b/.test(dictionaries)) problems.push('Launch action (forbidden)');
  if (/\/EmbeddedFiles\b/.test(dictionaries)) problems.push('embedded files (allowed only when they are PDF/A themselves; we write none)');
  if (/\/ObjStm\b/.test(text)) problems.push('object streams: this checker reads only files without them');

  // Output intent: PDF/A needs a GTS_PDFA1 intent with an embedded ICC profile.
  const intent = /\/OutputIntents\s*\[[^\]]*\]/.test(text) && /\/S\s*\/GTS_PDFA1\b/.test(text) && /\/DestOutputProfile\s+\d+\s+\d+\s+R/.test(text);
  if (!intent) problems.push('no GTS_PDFA1 output intent with an ICC profile');

  // XMP metadata with the PDF/A identification schema.
  const xmp = /<x:xmpmeta[\s\S]*?<\/x:xmpmeta>/.exec(text)?.[0] ?? '';
  if (!/\/Type\s*\/Metadata\b/.test(text) || !xmp) problems.push('no XMP metadata stream');
  const part = /<pdfaid:part>(\d)<\/pdfaid:part>|pdfaid:part="(\d)"/.exec(xmp);
  const conformance = /<pdfaid:conformance>([ABU])<\/pdfaid:conformance>|pdfaid:conformance="([ABU])"/.exec(xmp);
  const partValue = part ? (part[1] ?? part[2] ?? null) : null;
  const conformanceValue = conformance ? (conformance[1] ?? conformance[2] ?? null) : null;
  if (partValue !== '2') problems.push(`XMP pdfaid:part is ${partValue ?? 'missing'}, expected 2`);
  if (conformanceValue !== 'B') problems.push(`XMP pdfaid:conformance is ${conformanceValue ?? 'missing'}, expected B`);

  // Every font embedded: each font descriptor carries a font program; no standard-14 font by name only.
  const descriptors = count(text, /\/Type\s*\/FontDescriptor\b/g);
  const programs = count(text, /\/FontFile[23]?\s+\d+\s+\d+\s+R/g);
  const fonts = count(text, /\/Type\s*\/Font\b(?!Descriptor)/g);
  if (descriptors === 0 && fonts > 0) problems.push('fonts without descriptors (standard 14 fonts are not embedded)');
  if (programs < descriptors) problems.push(`${descriptors - programs} of ${descriptors} fonts not embedded`);
  if (/\/BaseFont\s*\/(Helvetica|Times-Roman|Courier|Symbol|ZapfDingbats)\b/.test(text)) problems.push('a standard 14 font is referenced without being embedded');

  return { ok: problems.length === 0, problems, found: { part: partValue, conformance: conformanceValue, fonts: descriptors, embeddedFonts: programs } };
}
