// `npm run check-pdfa -- <file.pdf> [...]`: the PDF/A-2b check of server/src/export/pdfaCheck.ts
// on files you have (an export, or minutes.pdf out of an archive package). Exit 0 when all pass.
import fs from 'node:fs';
import { checkPdfA } from '../server/src/export/pdfaCheck.ts';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npm run check-pdfa -- <file.pdf> [...]');
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  const result = checkPdfA(fs.readFileSync(file));
  const { part, conformance, fonts, embeddedFonts } = result.found;
  console.log(`${result.ok ? 'PASS' : 'FAIL'} ${file}: PDF/A-${part ?? '?'}${(conformance ?? '?').toLowerCase()}, ${embeddedFonts}/${fonts} font programs embedded`);
  for (const problem of result.problems) console.log(`  - ${problem}`);
  if (!result.ok) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
