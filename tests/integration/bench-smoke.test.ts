import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/testServer.ts';

/**
 * The benchmark harness end to end, on a small slice: real server processes (Quorum and the echo
 * floor) started by bench/bench.sh, real clients, result files written. Figures are not asserted
 * (they depend on the machine), only that the run measured something and cleaned up after itself.
 */
describe('npm run bench (a slice of the quick run)', () => {
  it('runs the peers, writes JSON and Markdown results, and leaves no server or data directory behind', () => {
    const out = makeTempDir('quorum-bench-smoke-');
    const before = fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('quorum-bench-quorum-sqlite-') || name.startsWith('quorum-bench-ws-echo-'));
    const run = spawnSync('bash', ['bench/bench.sh', '--quick', '--only=light,wire', '--peers=quorum-sqlite,ws-echo', `--out=${out}`], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(path.join(out, 'quick.json'));

    const results = JSON.parse(fs.readFileSync(path.join(out, 'quick.json'), 'utf8'));
    const light = results.light.filter((row: { peer: string }) => row.peer === 'quorum-sqlite');
    expect(light.length).toBeGreaterThan(0);
    expect(light[0].latencyMs.n).toBeGreaterThan(0);
    expect(light[0].deliveryRatio).toBeGreaterThan(0);
    expect(results.wire.map((row: { peer: string }) => row.peer).sort()).toEqual(['quorum-sqlite', 'ws-echo']);
    const markdown = fs.readFileSync(path.join(out, 'quick.md'), 'utf8');
    expect(markdown).toContain('## Targets');
    expect(markdown).toContain('| quorum-sqlite |');

    const after = fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('quorum-bench-quorum-sqlite-') || name.startsWith('quorum-bench-ws-echo-'));
    expect(after.filter((name) => !before.includes(name))).toEqual([]);
    fs.rmSync(out, { recursive: true, force: true });
  }, 150_000);
});
