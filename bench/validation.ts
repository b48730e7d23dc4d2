import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { addSlot } from '../shared/src/model/agendaDoc.ts';
import { setApproval } from '../shared/src/model/approvals.ts';
import { createThread, reply } from '../shared/src/model/reviewDoc.ts';
import { minutesField, writableRootFields } from '../shared/src/schema/fields.ts';
import { validateUpdate, type ValidationOptions, loadEditorSchema } from '../server/src/rooms/updateValidation.ts';

// The validator reads the editor schema, which the server loads with the first room.
await loadEditorSchema();

/**
 * Cost of checking one incoming update (server/src/rooms/updateValidation.ts) on realistic
 * updates, the baseline for the write-path work of issue 16:
 *
 *   node --import tsx bench/validation.ts [--out=bench/results] [--baseline=<path>/server/src/rooms/updateValidation.ts]
 *
 * With --baseline (the validator of an older checkout, e.g. \`git archive 57157ee | tar -x -C /tmp/old\`,
 * its node_modules linked to this one's), every case is also measured on it, in the same process,
 * interleaved batch by batch, so that both see the same machine. Validators from before issue 13
 * took the writer as \`approvals: {userId, mayApprove}\`: it is passed too.
 *
 * Each case validates the same update against the same document many times (validation does not
 * change the document) and reports the median of 7 batches in microseconds of CPU time per update
 * (process.cpuUsage, so that other processes on a shared machine do not count). Typing one
 * character into minutes of 100 KB, 1 MB and 4 MB shows whether the cost follows the update or the
 * document: it must follow the update.
 */
const DELEGATE = { id: 'u-delegate', name: 'Delegate' };
const REVIEWER = { id: 'u-reviewer', name: 'Reviewer' };
const LINE = 'The delegation of Chinese Taipei thanked the chair and noted progress on the work plan. ';

function minutesDoc(bytes: number): Y.Doc {
  const doc = new Y.Doc();
  const paragraph = LINE.repeat(4);
  const paragraphs = Math.ceil(bytes / (paragraph.length + 30));
  const slots = 40;
  doc.transact(() => {
    for (let slot = 0; slot < slots; slot++) {
      for (const lang of ['en', 'zh-Hant']) {
        const items: Y.XmlElement[] = [];
        for (let p = 0; p < paragraphs / slots / 2; p++) {
          const element = new Y.XmlElement('paragraph');
          element.insert(0, [new Y.XmlText(paragraph)]);
          items.push(element);
        }
        doc.getXmlFragment(minutesField(`s${slot}`, lang)).insert(0, items);
      }
    }
  });
  return doc;
}

function reviewDoc(threads: number): { doc: Y.Doc; threadId: string } {
  const doc = new Y.Doc();
  const text = new Y.XmlText('x');
  new Y.Doc().getXmlFragment(minutesField('s1', 'en')).insert(0, [text]);
  const anchor = { start: Y.createRelativePositionFromTypeIndex(text, 0), end: Y.createRelativePositionFromTypeIndex(text, 1) };
  let threadId = '';
  for (let i = 0; i < threads; i++) {
    threadId = createThread(doc, { slotId: 's1', lang: 'en', anchor, quote: 'x', author: REVIEWER, text: `Comment ${i}` });
    reply(doc, threadId, DELEGATE, 'A reply');
    reply(doc, threadId, REVIEWER, 'Another reply');
  }
  return { doc, threadId };
}

/** The update `change` makes on a replica of `doc`. */
function updateOn(doc: Y.Doc, change: (replica: Y.Doc) => void): Uint8Array {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(replica);
  change(replica);
  return Y.encodeStateAsUpdate(replica, before);
}

const typeOneCharacter = (replica: Y.Doc) => ((replica.getXmlFragment(minutesField('s20', 'en')).get(1) as Y.XmlElement).get(0) as Y.XmlText).insert(100, 'x');

type Validate = typeof validateUpdate;
const baselinePath = process.argv.find((a) => a.startsWith('--baseline='))?.slice('--baseline='.length);
let baseline: Validate | null = null;

/** Median CPU microseconds per update of each validator, batches interleaved. */
function microsecondsPerUpdate(doc: Y.Doc, update: Uint8Array, options: ValidationOptions): { current: number; baseline: number | null } {
  const validators = baseline ? [validateUpdate, baseline] : [validateUpdate];
  for (const validate of validators) {
    const verdict = validate(doc, update, options);
    if (!verdict.ok) throw new Error(`the benchmark's update is refused: ${verdict.detail}`);
  }
  const batch = Math.max(20, Math.round(200_000 / Math.max(1, update.byteLength)));
  for (const validate of validators) for (let i = 0; i < batch; i++) validate(doc, update, options); // warm-up
  const samples = validators.map((): number[] => []);
  for (let run = 0; run < 7; run++) {
    validators.forEach((validate, v) => {
      // CPU time of this process, not wall time: on a shared machine other processes' turns on the
      // core would otherwise count as validation.
      const start = process.cpuUsage();
      for (let i = 0; i < batch; i++) validate(doc, update, options);
      const used = process.cpuUsage(start);
      samples[v]!.push((used.user + used.system) / batch);
    });
  }
  const median = (values: number[]) => Number(values.sort((a, b) => a - b)[3]!.toFixed(2));
  return { current: median(samples[0]!), baseline: baseline ? median(samples[1]!) : null };
}

/** The writer, also in the shape validators before issue 13 took (ignored by the current one). */
const writer = (userId: string, userName: string, mayApprove: boolean) => ({ signer: { userId, userName }, mayApprove, approvals: { userId, mayApprove } });
const delegate = { docKind: 'minutes', canWriteRoot: writableRootFields('delegate', 'minutes'), ...writer(DELEGATE.id, DELEGATE.name, false) } as ValidationOptions;
const chair = { docKind: 'minutes', ...writer('u-chair', 'Chair', true) } as ValidationOptions;
const reviewer: ValidationOptions = { docKind: 'review', ownership: { userId: REVIEWER.id, ownerOf: () => REVIEWER.id }, signer: { userId: REVIEWER.id, userName: REVIEWER.name } };

const results: Array<{ case: string; docBytes: number; updateBytes: number; microseconds: number; baselineMicroseconds: number | null; decodeMicroseconds: number }> = [];
function measure(name: string, doc: Y.Doc, change: (replica: Y.Doc) => void, options: ValidationOptions): void {
  const update = updateOn(doc, change);
  const docBytes = Y.encodeStateAsUpdate(doc).byteLength;
  const { current, baseline: before } = microsecondsPerUpdate(doc, update, options);
  // Decoding is part of every validation and Yjs's own cost: the floor under any validator.
  const start = process.cpuUsage();
  for (let i = 0; i < 200; i++) Y.decodeUpdate(update);
  const decode = process.cpuUsage(start);
  results.push({ case: name, docBytes, updateBytes: update.byteLength, microseconds: current, baselineMicroseconds: before, decodeMicroseconds: Number(((decode.user + decode.system) / 200).toFixed(2)) });
  console.log(`${name}: ${current} µs${before === null ? '' : ` (baseline ${before} µs)`}`);
}

/** Runs every case; the baseline validator is loaded first when asked for. */
function main(): void {
  // require, not import(): the baseline must share this process's Yjs (one copy of its classes).
  if (baselinePath) baseline = (createRequire(import.meta.url)(path.resolve(baselinePath)) as { validateUpdate: Validate }).validateUpdate;
  for (const size of [100_000, 1_000_000, 4_000_000]) measure(`delegate types one character (minutes of ${size / 1_000_000} MB)`, minutesDoc(size), typeOneCharacter, delegate);
  const oneMegabyte = minutesDoc(1_000_000);
  measure('delegate marks a slot ready (an approval entry, 1 MB minutes)', oneMegabyte, (d) => setApproval(d, 's3', 'en', 'ready', DELEGATE), delegate);
  measure('chair adds an agenda slot (a new map with 8 required keys, 1 MB minutes)', oneMegabyte, (d) => addSlot(d, { day: 0, start: '09:00', end: '10:00', kind: 'session', title: { en: 'Item', 'zh-Hant': '議題' }, speakers: [{ name: { en: 'Lin' } }], scribes: [] }), chair);
  measure('delegate pastes 200 paragraphs (1 MB minutes)', oneMegabyte, (d) => {
    const items = Array.from({ length: 200 }, () => {
      const element = new Y.XmlElement('paragraph');
      element.insert(0, [new Y.XmlText(LINE)]);
      return element;
    });
    d.getXmlFragment(minutesField('s7', 'en')).insert(3, items);
  }, delegate);
  const review = reviewDoc(500);
  measure('reviewer replies in a thread (review doc with 500 threads of 3 comments)', review.doc, (d) => reply(d, review.threadId, REVIEWER, 'Agreed.'), reviewer);

  const out = process.argv.find((a) => a.startsWith('--out='))?.slice('--out='.length) ?? path.join('bench', 'results');
  fs.mkdirSync(out, { recursive: true });
  const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? '', loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))), node: process.version };
  fs.writeFileSync(path.join(out, 'validation.json'), `${JSON.stringify({ at: new Date().toISOString(), machine, baseline: baselinePath ?? null, results }, null, 2)}\n`);
  const table = [
    '| case | doc bytes | update bytes | µs CPU per update (median of 7 batches) | baseline µs | of which decoding µs |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...results.map((r) => `| ${r.case} | ${r.docBytes} | ${r.updateBytes} | ${r.microseconds} | ${r.baselineMicroseconds ?? '–'} | ${r.decodeMicroseconds} |`),
  ];
  const heading = `${new Date().toISOString()}, ${machine.cpus} × ${machine.model}, load ${machine.loadAverage.join(' / ')}, Node ${machine.node}. \`node --import tsx bench/validation.ts${baselinePath ? ` --baseline=${baselinePath}` : ''}\``;
  fs.writeFileSync(path.join(out, 'validation.md'), `# Update validation cost\n\n${heading}\n\n${table.join('\n')}\n`);
  console.log(`wrote ${path.join(out, 'validation.{json,md}')}`);
}

main();
