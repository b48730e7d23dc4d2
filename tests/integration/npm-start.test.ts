import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.ts';
import { makeTempDir } from '../helpers/testServer.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** `npm start` as an operator runs it: the real npm, the real build check, the compiled server. */
function npmStart(env: Record<string, string>): { child: ChildProcess; ready: Promise<number>; output: () => string } {
  const child = spawn('npm', ['start'], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += String(chunk);
      const match = /"port":(\d+).*Quorum listening/.exec(output);
      if (match) resolve(Number(match[1]));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => reject(new Error(`npm start ended (${code ?? signal}) before it was ready:\n${output}`)));
  });
  return { child, ready, output: () => output };
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

/** Whether something accepts connections on the port. */
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

describe('npm start', () => {
  it('runs the compiled server; SIGTERM to npm stops it and frees the port, so a second start on that port succeeds', async () => {
    const dataDir = makeTempDir('quorum-npm-start-');
    // The first start may build (the client and the compiled server) when the sources are newer.
    const first = npmStart({ PORT: '0', DATA_DIR: dataDir });
    started.push(first.child);
    const port = await first.ready;
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).ok).toBe(true);
    // No intermediate shell and no tsx: npm's child is node itself, serving from the compiled output
    // in that same process (no server process below it).
    const server = childrenOf(first.child.pid!);
    expect(server).toHaveLength(1);
    expect(fs.readFileSync(`/proc/${server[0]}/cmdline`, 'utf8').split('\0').join(' ')).toMatch(/node\S* \S*scripts\/start\.mjs/);
    expect(childrenOf(server[0]!)).toEqual([]);

    first.child.kill('SIGTERM');
    await exited(first.child);
    expect(first.child.exitCode).toBe(0);
    expect(await listening(port)).toBe(false);

    const second = npmStart({ PORT: String(port), DATA_DIR: dataDir });
    started.push(second.child);
    expect(await second.ready).toBe(port);
    await eventually(async () => expect((await fetch(`http://127.0.0.1:${port}/readyz`)).ok).toBe(true));
    second.child.kill('SIGTERM');
    await exited(second.child);
    expect(second.child.exitCode).toBe(0);
    expect(await listening(port)).toBe(false);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 180_000);
});

/** Child processes of a process (from /proc; threads are not children). */
function childrenOf(pid: number): number[] {
  return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}
