import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureMeeting } from '../helpers/fixtureMeeting.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

/**
 * Golden files: the HTML and Markdown exports of the fixture meeting, in both numbering styles,
 * compared byte for byte after the parts that differ per run (ids, timestamps, the embedded font
 * subsets) are replaced by placeholders. `UPDATE_GOLDEN=1` rewrites them; review the diff.
 */
const ADMIN = 'admin-token-for-tests-0123456789';
const GOLDEN_DIR = path.resolve('tests/fixtures/golden');
let server: TestServer;
let fixture: Awaited<ReturnType<typeof createFixtureMeeting>>;
let ids: string[];

beforeAll(async () => {
  server = await startTestServer({ serveClient: false, access: 'enforced', env: { ADMIN_TOKEN: ADMIN } });
  fixture = await createFixtureMeeting(server, ADMIN);
  const meeting = (await fixture.admin.get(`/api/meetings/${fixture.meeting.id}`)).body as { id: string; agenda: Array<{ id: string }> };
  ids = [meeting.id, ...meeting.agenda.map((s) => s.id)];
});
afterAll(stopAllTestServers);

function normalise(text: string): string {
  let out = text;
  ids.forEach((id, i) => (out = out.split(id).join(i === 0 ? '<meeting-id>' : `<slot-${i}>`)));
  return out
    .replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/g, '<timestamp>')
    .replace(/base64,[A-Za-z0-9+/=]+/g, 'base64,<font-subset>');
}

const CASES = [
  { file: 'fixture-all-decimal.html', query: 'format=html&lang=all&numbering=decimal' },
  { file: 'fixture-zh-Hant-chinese.html', query: 'format=html&lang=zh-Hant&numbering=chinese' },
  { file: 'fixture-all-sequence-chinese.md', query: 'format=md&lang=all&layout=sequence&numbering=chinese' },
  { file: 'fixture-en-decimal.md', query: 'format=md&lang=en&numbering=decimal' },
];

describe('export golden files', () => {
  for (const { file, query } of CASES) {
    it(`${query} matches ${file}`, async () => {
      const res = await fetch(`${server.url}/api/meetings/${fixture.meeting.id}/export?${query}`, { headers: { authorization: `Bearer ${ADMIN}` } });
      expect(res.status).toBe(200);
      const actual = normalise(await res.text());
      const golden = path.join(GOLDEN_DIR, file);
      if (process.env.UPDATE_GOLDEN === '1' || !fs.existsSync(golden)) {
        if (process.env.CI === 'true') throw new Error(`golden file ${file} is missing; run UPDATE_GOLDEN=1 locally and review it`);
        fs.mkdirSync(GOLDEN_DIR, { recursive: true });
        fs.writeFileSync(golden, actual);
      }
      expect(actual).toBe(fs.readFileSync(golden, 'utf8'));
    });
  }
});
