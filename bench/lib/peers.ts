import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The protocol family a peer speaks (Hocuspocus frames every message with the document name). */
export type PeerKind = 'quorum' | 'yws' | 'hocuspocus' | 'echo';

export interface PeerSpec {
  /** Name in the results. */
  name: string;
  kind: PeerKind;
  /** Launcher script under bench/servers. */
  script: string;
  /** Whether edits reach a durable store (memory and store workloads). */
  persistent: boolean;
  env?: (dataDir: string) => Record<string, string>;
  /** Why the peer is skipped in this run, if it is. */
  skip?: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const serversDir = path.join(here, '..', 'servers');
const rootDir = path.join(here, '..', '..');

export const ALL_PEERS: PeerSpec[] = [
  { name: 'quorum-sqlite', kind: 'quorum', script: 'quorum.ts', persistent: true },
  {
    name: 'quorum-pg-redis-2p',
    kind: 'quorum',
    script: 'quorum.ts',
    persistent: true,
    skip: 'DATABASE_URL / REDIS_URL are parsed by config.ts but the server does not use them yet (issue 7 part 1 in progress)',
  },
  { name: 'y-websocket-mem', kind: 'yws', script: 'yws.cjs', persistent: false },
  { name: 'y-websocket-leveldb', kind: 'yws', script: 'yws.cjs', persistent: true, env: (dir) => ({ YPERSISTENCE: path.join(dir, 'leveldb') }) },
  { name: 'hocuspocus-sqlite', kind: 'hocuspocus', script: 'hocuspocus.mjs', persistent: true },
  { name: 'ws-echo', kind: 'echo', script: 'echo.cjs', persistent: false },
];

export interface ServerStats {
  eld: { p50: number; p99: number; max: number };
  rss: number;
  heapUsed: number;
  peakRss: number;
  cpuMs: number;
}

/** Every server the bench started, so an interrupted run still kills them all. */
const live = new Set<RunningServer>();

export class RunningServer {
  private nextId = 1;
  private readonly waiting = new Map<number, (message: any) => void>();

  constructor(readonly spec: PeerSpec, readonly child: ChildProcess, readonly port: number, readonly dataDir: string) {
    child.on('message', (message: any) => {
      const resolve = this.waiting.get(message?.id);
      if (resolve) {
        this.waiting.delete(message.id);
        resolve(message);
      }
    });
  }

  /** ws URL for a document, in the peer's own addressing. */
  url(docName: string): string {
    const base = `ws://127.0.0.1:${this.port}`;
    if (this.spec.kind === 'quorum') return `${base}/collab/${docName}`;
    if (this.spec.kind === 'hocuspocus') return base;
    return `${base}/${docName}`;
  }

  private request(message: Record<string, unknown>): Promise<any> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.spec.name}: no answer to ${String(message.cmd)}`)), 30_000);
      this.waiting.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      this.child.send({ ...message, id });
    });
  }

  async reset(): Promise<void> {
    await this.request({ cmd: 'reset' });
  }

  async stats(gc = false): Promise<ServerStats> {
    return this.request({ cmd: 'stats', gc });
  }

  /**
   * Bytes the server process has caused to be written to storage (/proc/<pid>/io write_bytes,
   * page-granular, counted when pages are dirtied); the data directory's size where /proc is absent.
   */
  writtenBytes(): number {
    try {
      const io = fs.readFileSync(`/proc/${this.child.pid}/io`, 'utf8');
      const match = /^write_bytes: (\d+)$/m.exec(io);
      if (match) return Number(match[1]);
    } catch {
      // not Linux, or the process is gone
    }
    return dirBytes(this.dataDir);
  }

  async stop(): Promise<void> {
    live.delete(this);
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

function dirBytes(dir: string): number {
  let total = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? dirBytes(full) : fs.statSync(full).size;
  }
  return total;
}

/** The CPU the server under test is pinned to (the load generator runs on the other one). */
export const SERVER_CPU = process.env.BENCH_SERVER_CPU ?? '0';

/** Starts a peer's launcher pinned to SERVER_CPU, in a fresh temporary data directory. */
export async function startServer(spec: PeerSpec): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `quorum-bench-${spec.name}-`));
  const script = path.join(serversDir, spec.script);
  const nodeArgs = ['--expose-gc', '--max-old-space-size=2048', ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [])];
  if (script.endsWith('.ts')) nodeArgs.push('--import', 'tsx');
  const command = fs.existsSync('/usr/bin/taskset') ? 'taskset' : process.execPath;
  const args = command === 'taskset' ? ['-c', SERVER_CPU, process.execPath, ...nodeArgs, script] : [...nodeArgs, script];
  const child = spawn(command, args, {
    cwd: rootDir,
    env: { ...process.env, PORT: '0', BENCH_DATA_DIR: dataDir, NODE_ENV: 'production', ...(spec.env?.(dataDir) ?? {}) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr = (stderr + String(chunk)).slice(-4000)));
  const port = await new Promise<number>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`${spec.name} did not start in 30 s: ${stderr}`)), 30_000);
    child.stdout!.on('data', (chunk) => {
      stdout += String(chunk);
      const match = /BENCH_READY (\d+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${spec.name} exited with ${code} before it was ready: ${stderr}`));
    });
  });
  child.stdout!.resume();
  const server = new RunningServer(spec, child, port, dataDir);
  live.add(server);
  return server;
}

/** Kills every server still running (on exit, on Ctrl-C, after a failure). */
export function killAllServers(): void {
  for (const server of live) {
    server.child.kill('SIGKILL');
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  }
  live.clear();
}
