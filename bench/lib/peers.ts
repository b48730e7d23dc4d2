import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { compiledLauncher, productionServer } from './compile.ts';

/** The protocol family a peer speaks (Hocuspocus frames every message with the document name). */
export type PeerKind = 'quorum' | 'yws' | 'hocuspocus' | 'echo';

export interface PeerSpec {
  /** Name in the results. */
  name: string;
  kind: PeerKind;
  /** Launcher script under bench/servers (a .ts launcher runs compiled: lib/compile.ts). */
  script: string;
  /** Instead of a launcher: the file to run and node flags (the production entry, measured idle). */
  entry?: () => Promise<{ file: string; nodeArgs: string[] }>;
  /** Whether edits reach a durable store (memory and store workloads). */
  persistent: boolean;
  env?: (dataDir: string) => Record<string, string>;
  /** Why the peer is skipped in this run, if it is. */
  skip?: string;
  /** Processes started for this peer (clients are spread over them); 1 by default. */
  processes?: number;
  /** Shared resources of a multi-process peer (a PostgreSQL schema, a Redis prefix). */
  shared?: () => Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }>;
  /** Runs from bench/node_modules (bench/package.json), installed on first use, not with the product. */
  benchInstall?: boolean;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const serversDir = path.join(here, '..', 'servers');
const rootDir = path.join(here, '..', '..');

const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
let sharedCounter = 0;

/** A fresh PostgreSQL schema and Redis prefix for one start of the two-process peer; dropped after. */
async function postgresAndRedis(): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  const tag = `${process.pid}_${Date.now() % 1_000_000}_${++sharedCounter}`;
  const schema = `bench_${tag}`;
  return {
    env: { DATABASE_URL: BENCH_DATABASE_URL, DATABASE_SCHEMA: schema, REDIS_URL: BENCH_REDIS_URL, REDIS_PREFIX: `quorum-bench-${tag}:` },
    cleanup: async () => {
      const client = new pg.Client({ connectionString: BENCH_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Marks the PostgreSQL + Redis peer skipped (with the reason) when either is unreachable. */
export async function checkPeerServices(): Promise<void> {
  const specs = ALL_PEERS.filter((p) => p.shared === postgresAndRedis);
  if (specs.length === 0) return;
  const problems: string[] = [];
  const client = new pg.Client({ connectionString: BENCH_DATABASE_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    problems.push(`PostgreSQL at ${BENCH_DATABASE_URL} unreachable (${(error as Error).message})`);
  } finally {
    await client.end().catch(() => undefined);
  }
  const redis = new Redis(BENCH_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 3_000, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    problems.push(`Redis at ${BENCH_REDIS_URL} unreachable (${(error as Error).message})`);
  } finally {
    redis.disconnect();
  }
  if (problems.length > 0) for (const spec of specs) spec.skip = problems.join('; ');
}

export const ALL_PEERS: PeerSpec[] = [
  { name: 'quorum-sqlite', kind: 'quorum', script: 'quorum.ts', persistent: true },
  {
    name: 'quorum-pg-redis-2p',
    kind: 'quorum',
    script: 'quorum.ts',
    persistent: true,
    processes: 2,
    shared: postgresAndRedis,
  },
  { name: 'y-websocket-mem', kind: 'yws', script: 'yws.cjs', persistent: false, benchInstall: true },
  { name: 'y-websocket-leveldb', kind: 'yws', script: 'yws.cjs', persistent: true, benchInstall: true, env: (dir) => ({ YPERSISTENCE: path.join(dir, 'leveldb') }) },
  { name: 'hocuspocus-sqlite', kind: 'hocuspocus', script: 'hocuspocus.mjs', persistent: true, benchInstall: true },
  // What a team would run instead of quorum-pg-redis-2p: Hocuspocus's Redis extension between two
  // processes, documents stored in PostgreSQL through its Database extension.
  {
    name: 'hocuspocus-pg-redis-2p',
    kind: 'hocuspocus',
    script: 'hocuspocus-redis.mjs',
    persistent: true,
    benchInstall: true,
    processes: 2,
    shared: postgresAndRedis,
  },
  { name: 'ws-echo', kind: 'echo', script: 'echo.cjs', persistent: false },
];

/**
 * Quorum exactly as `npm start` runs it (dist/server/index.js, production configuration, accounts
 * enforced), with the monitor preloaded: measured idle (start-to-ready, memory), not under load.
 */
export const QUORUM_PRODUCTION: PeerSpec = {
  name: 'quorum-production',
  kind: 'quorum',
  script: 'index.js',
  persistent: true,
  entry: async () => ({ file: await productionServer(), nodeArgs: ['--require', path.join(serversDir, 'monitor-preload.cjs')] }),
  env: (dataDir) => ({ DATA_DIR: dataDir, HOST: '127.0.0.1', LOG_LEVEL: 'info' }),
};

export interface ServerStats {
  eld: { p50: number; p99: number; max: number };
  rss: number;
  heapUsed: number;
  peakRss: number;
  cpuMs: number;
}

/** Every server the bench started, so an interrupted run still kills them all. */
const live = new Set<RunningServer>();

/** One child process (a launcher and its in-process monitor, or a bench helper) and its IPC request channel. */
export class ServerProcess {
  private nextId = 1;
  private readonly waiting = new Map<number, (message: any) => void>();

  constructor(readonly name: string, readonly child: ChildProcess, readonly port: number) {
    child.on('message', (message: any) => {
      const resolve = this.waiting.get(message?.id);
      if (resolve) {
        this.waiting.delete(message.id);
        resolve(message);
      }
    });
  }

  request(message: Record<string, unknown>, timeoutMs = 30_000): Promise<any> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name}: no answer to ${String(message.cmd)}`)), timeoutMs);
      this.waiting.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      this.child.send({ ...message, id });
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}

/**
 * A peer under test: one process, or several (Quorum on PostgreSQL + Redis) that clients are
 * spread over; figures are summed (CPU, memory) or the worst taken (event-loop delay).
 */
export class RunningServer {
  constructor(readonly spec: PeerSpec, readonly processes: ServerProcess[], readonly dataDir: string, private readonly cleanup: () => Promise<void> = async () => {}) {}

  get port(): number {
    return this.processes[0]!.port;
  }

  get child(): ChildProcess {
    return this.processes[0]!.child;
  }

  /** ws URL for a document, in the peer's own addressing; `client` picks the process. */
  url(docName: string, client = 0): string {
    const port = this.processes[client % this.processes.length]!.port;
    const base = `ws://127.0.0.1:${port}`;
    if (this.spec.kind === 'quorum') return `${base}/collab/${docName}`;
    if (this.spec.kind === 'hocuspocus') return base;
    return `${base}/${docName}`;
  }

  async reset(): Promise<void> {
    await Promise.all(this.processes.map((p) => p.request({ cmd: 'reset' })));
  }

  async stats(gc = false): Promise<ServerStats> {
    const all: ServerStats[] = await Promise.all(this.processes.map((p) => p.request({ cmd: 'stats', gc })));
    const max = (f: (s: ServerStats) => number) => Math.max(...all.map(f));
    const sum = (f: (s: ServerStats) => number) => all.reduce((total, s) => total + f(s), 0);
    return {
      eld: { p50: max((s) => s.eld.p50), p99: max((s) => s.eld.p99), max: max((s) => s.eld.max) },
      rss: sum((s) => s.rss),
      heapUsed: sum((s) => s.heapUsed),
      peakRss: sum((s) => s.peakRss),
      cpuMs: sum((s) => s.cpuMs),
    };
  }

  /**
   * Bytes the server processes have caused to be written to storage (/proc/<pid>/io write_bytes,
   * page-granular, counted when pages are dirtied); the data directory's size where /proc is absent.
   * A PostgreSQL server's own writes are not counted.
   */
  writtenBytes(): number {
    let total = 0;
    for (const p of this.processes) {
      try {
        const io = fs.readFileSync(`/proc/${p.child.pid}/io`, 'utf8');
        const match = /^write_bytes: (\d+)$/m.exec(io);
        if (!match) return dirBytes(this.dataDir);
        total += Number(match[1]);
      } catch {
        return dirBytes(this.dataDir); // not Linux, or the process is gone
      }
    }
    return total;
  }

  /**
   * Stops the (single) process gracefully and starts it again on the same port and data directory,
   * as an operator's restart would; resolves once it is ready again.
   */
  async restart(): Promise<void> {
    const old = this.processes[0]!;
    await old.stop();
    this.processes[0] = await launch(this.spec, this.dataDir, { ...(this.sharedEnv ?? {}), PORT: String(old.port) });
  }

  /** Environment shared by every process of a multi-process peer (database, Redis prefix). */
  sharedEnv: Record<string, string> | null = null;

  async stop(): Promise<void> {
    live.delete(this);
    await Promise.all(this.processes.map((p) => p.stop()));
    await this.cleanup().catch(() => undefined);
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

/** `node <args>` pinned to one CPU with taskset (unpinned where taskset is missing): [command, args]. */
export function pinnedNode(cpu: string, nodeArgs: string[]): [string, string[]] {
  return fs.existsSync('/usr/bin/taskset') ? ['taskset', ['-c', cpu, process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
}

async function launch(spec: PeerSpec, dataDir: string, extraEnv: Record<string, string>): Promise<ServerProcess> {
  const entry = spec.entry ? await spec.entry() : null;
  const launcher = path.join(serversDir, spec.script);
  const script = entry?.file ?? (launcher.endsWith('.ts') ? compiledLauncher(launcher) : launcher);
  const nodeArgs = ['--expose-gc', '--max-old-space-size=2048', ...(entry?.nodeArgs ?? []), ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [])];
  const [command, args] = pinnedNode(SERVER_CPU, [...nodeArgs, script]);
  const child = spawn(command, args, {
    cwd: rootDir,
    env: { ...process.env, PORT: '0', BENCH_DATA_DIR: dataDir, NODE_ENV: 'production', ...(spec.env?.(dataDir) ?? {}), ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr = (stderr + String(chunk)).slice(-4000)));
  const port = await new Promise<number>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${spec.name} did not start in 30 s: ${stderr}`));
    }, 30_000);
    child.stdout!.on('data', (chunk) => {
      stdout += String(chunk);
      // Launchers print BENCH_READY; the production entry logs its port when it listens.
      const match = /BENCH_READY (\d+)/.exec(stdout) ?? /"port":(\d+)[^\n]*Quorum listening/.exec(stdout);
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
  return new ServerProcess(spec.name, child, port);
}

/** Starts a peer's launcher(s) pinned to SERVER_CPU, in a fresh temporary data directory. */
export async function startServer(spec: PeerSpec): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `quorum-bench-${spec.name}-`));
  const shared = spec.shared ? await spec.shared() : { env: {}, cleanup: async () => {} };
  const processes: ServerProcess[] = [];
  const server = new RunningServer(spec, processes, dataDir, shared.cleanup);
  server.sharedEnv = shared.env;
  live.add(server);
  try {
    // One after the other: the first one migrates a shared database before the next opens it.
    for (let i = 0; i < (spec.processes ?? 1); i++) {
      const processDir = spec.processes ? path.join(dataDir, `p${i}`) : dataDir;
      fs.mkdirSync(processDir, { recursive: true });
      processes.push(await launch(spec, processDir, shared.env));
    }
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** Kills every server still running (on exit, on Ctrl-C, after a failure). */
export function killAllServers(): void {
  for (const server of live) {
    for (const p of server.processes) p.child.kill('SIGKILL');
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  }
  live.clear();
}
