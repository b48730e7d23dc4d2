import { generateJSON } from '@tiptap/html/server';
import mammoth from 'mammoth';
import { marked } from 'marked';
import { createSchemaExtensions } from '../../../shared/src/schema/extensions.ts';
import { openDocx } from './docxContainer.ts';
import { checkDocumentBounds, ImportRefusal, tooDeep, unreadable, type ImportLimits, type ImportRefusalData } from './importLimits.ts';
import { checkHtmlShape, checkMarkdownShape } from './markupShape.ts';

export type DraftFormat = 'docx' | 'markdown' | 'html';

export type DraftParseResult = { ok: true; json: Record<string, unknown>; blocks: number } | { ok: false; refusal: ImportRefusalData };

/** Images are dropped (the minutes schema has none), so they are never even unzipped. */
const skipImages = mammoth.images.imgElement(async () => ({ src: '' }));

async function draftHtml(bytes: Buffer, format: DraftFormat, limits: ImportLimits): Promise<string> {
  if (format === 'docx') {
    const docx = await openDocx(bytes, limits);
    try {
      return (await mammoth.convertToHtml({ buffer: docx }, { convertImage: skipImages })).value;
    } catch (error) {
      if (isStackOverflow(error)) throw error;
      throw unreadable(`the DOCX file could not be read: ${(error as Error).message}`);
    }
  }
  const text = bytes.toString('utf8');
  if (format === 'html') return text;
  checkMarkdownShape(text, limits);
  return marked.parse(text, { async: true });
}

const isStackOverflow = (error: unknown) => error instanceof RangeError && /call stack/i.test(error.message);

/**
 * Worker side of an import: an existing draft (DOCX, Markdown or HTML) as ProseMirror JSON in the
 * minutes schema, checked against the limits before and after parsing. Whatever the schema does
 * not know (scripts, styles, javascript: links, images) is dropped by the parser. A refusal is a
 * result, not an exception, so that its status and message cross the thread boundary intact.
 */
export async function parseDraft(bytes: Uint8Array, format: DraftFormat, limits: ImportLimits): Promise<DraftParseResult> {
  try {
    const html = await draftHtml(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), format, limits);
    checkHtmlShape(html, limits);
    const json = generateJSON(html, createSchemaExtensions());
    return { ok: true, json, blocks: checkDocumentBounds(json, limits).blocks };
  } catch (error) {
    if (error instanceof ImportRefusal) return { ok: false, refusal: error.data };
    // The pre-scans stop what they can see; a parser that still recurses too deep lands here.
    if (isStackOverflow(error)) return { ok: false, refusal: tooDeep(null, limits).data };
    if (format === 'docx') return { ok: false, refusal: unreadable(`the DOCX file could not be read: ${(error as Error).message}`).data };
    throw error;
  }
}
