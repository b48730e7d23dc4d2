import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initialiseMeetingDoc } from '../agenda/meetingDocInit.ts';
import { buildExportModel } from './exportModel.ts';
import { renderPdf } from './pdf.ts';
import { checkPdfA } from './pdfaCheck.ts';

async function samplePdf(): Promise<Buffer> {
  const doc = new Y.Doc();
  const meta = { title: { en: 'Check', 'zh-Hant': '檢查' }, languages: ['zh-Hant', 'en'], timezone: 'Asia/Taipei', days: ['2022-02-14'], series: 'T', number: null, venue: {}, virtual: false };
  initialiseMeetingDoc(doc, meta, [{ day: 0, start: '09:00', end: '09:30', kind: 'session', title: { en: 'Opening', 'zh-Hant': '開幕' }, speakers: [], scribes: [] }]);
  const model = buildExportModel({ id: 'm1', status: 'draft' }, doc, { label: 'live draft', createdAt: 0, finalisedAt: null, finalisedBy: null });
  return renderPdf(model, { lang: 'all', layout: 'side-by-side', numbering: 'decimal' });
}

const tamper = (pdf: Buffer, from: string, to: string) => Buffer.from(pdf.toString('latin1').replace(from, to), 'latin1');

describe('PDF/A-2b check', () => {
  it('passes the PDFs the exporter writes', async () => {
    const result = checkPdfA(await samplePdf());
    expect(result.problems).toEqual([]);
    expect(result.found).toMatchObject({ part: '2', conformance: 'B' });
    expect(result.found.embeddedFonts).toBeGreaterThan(0);
  });

  it('names what is missing in a file that is not PDF/A', async () => {
    const pdf = await samplePdf();
    expect(checkPdfA(tamper(pdf, '/GTS_PDFA1', '/GTS_PDFX1')).problems).toContain('no GTS_PDFA1 output intent with an ICC profile');
    expect(checkPdfA(tamper(pdf, '<pdfaid:part>2</pdfaid:part>', '<pdfaid:part>1</pdfaid:part>')).problems).toContain('XMP pdfaid:part is 1, expected 2');
    expect(checkPdfA(tamper(pdf, '/FontFile2', '/FontFileX')).problems.some((p) => /not embedded/.test(p))).toBe(true);
    const withObject = (object: string) => Buffer.from(pdf.toString('latin1').replace(/%%EOF\s*$/, `${object}\n%%EOF\n`), 'latin1');
    expect(checkPdfA(withObject('9999 0 obj\n<< /Type /Action /S /JavaScript /JS (app.alert(1)) >>\nendobj')).problems).toContain('JavaScript (forbidden)');
    // The same bytes inside a stream (compressed image data can hold them by chance) are no action.
    expect(checkPdfA(withObject('9999 0 obj\n<< /Length 12 >>\nstream\nxx/JS yy/JSx\nendstream\nendobj')).problems).toEqual([]);
    expect(checkPdfA(Buffer.from('%PDF-1.7\n%abc\n1 0 obj << /Type /Font /BaseFont /Helvetica >> endobj\ntrailer << >>')).ok).toBe(false);
  });
});
