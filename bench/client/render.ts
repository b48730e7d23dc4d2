/** `node --import tsx bench/client/render.ts [client.json]`: re-renders the Markdown of a client benchmark's results. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderMarkdown, type ClientBenchResults } from './report.ts';

const json = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'results', 'client.json'));
const md = json.replace(/\.json$/, '.md');
fs.writeFileSync(md, renderMarkdown(JSON.parse(fs.readFileSync(json, 'utf8')) as ClientBenchResults) + '\n');
console.log(md);
