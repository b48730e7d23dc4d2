/** `node --import tsx bench/render.ts [results.json]`: re-renders the Markdown table of a results file. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rerender } from './lib/report.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
console.log(rerender(path.resolve(process.argv[2] ?? path.join(here, 'results', 'latest.json'))));
