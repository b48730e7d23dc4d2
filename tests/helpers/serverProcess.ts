import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { sqliteFileIn } from '../../server/src/store/checkStore.ts';
import { makeTempDir } from './testServer.ts';

export interface ServerProcess {
  url: string;
  wsUrl: string;
  port: number;
  dataDir: string;
  adminToken: string;
  /** The SQLite write-ahead log: every commit (an append, a compaction) writes here first. */
  walFile: string;
  /** Starts (again) on the same port and data directory. */
  start(): Promise<void>;
  /** Sends `signal` and resolves with the exit code (null when a signal ended the process). */
  kill(signal: NodeJS.Signals): Promise<number | null>;
  /** Sends `signal` at once, without waiting for the process to end (a SIGTERM to kill later). */
  signal(signal: NodeJS.Signals): void;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });

/** The real server as a child process (`node --import tsx server/src/index.ts`), for kill -9 tests. */
export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = makeTempDir('quorum-proc-');
  const adminToken = 'process-admin-token-0123456789';
  let child: ChildProcess | null = null;
  const handle: ServerProcess = {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    port,
    dataDir,
    adminToken,
    walFile: `${sqliteFileIn(dataDir)}-wal`,
    async start() {
      child = spawn(process.execPath, ['--import', 'tsx', path.resolve('server/src/index.ts')], {
        env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ADMIN_TOKEN: adminToken, ...env },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      const deadline = Date.now() + 60_000; // generous: a shared 2-core machine under load starts tsx slowly
      for (;;) {
        try {
          const res = await fetch(`${handle.url}/healthz`);
          if (res.ok) return;
        } catch {
          /* not up yet */
        }
        if (Date.now() > deadline) {
          child.kill('SIGKILL'); // not left running behind a failed test
          throw new Error('server process did not start');
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    kill(signal) {
      const proc = child;
      // A process already ended by a signal has exitCode null but signalCode set: nothing to wait for.
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve(proc?.exitCode ?? null);
      return new Promise((resolve) => {
        proc.once('exit', (code) => resolve(code));
        proc.kill(signal);
      });
    },
    signal(signal) {
      child?.kill(signal);
    },
  };
  await handle.start();
  return handle;
}

/** What a file looks like now (size and modification time in ns), to tell when it is written. */
export function fileState(file: string): string {
  const stat = fs.statSync(file, { bigint: true, throwIfNoEntry: false });
  return stat ? `${stat.size}:${stat.mtimeNs}` : 'absent';
}

/**
 * Waits until `file` differs from `before`, polling synchronously: a SIGKILL sent right after
 * must land while the server is still writing, so this does not yield to the event loop (whose
 * timers are far coarser than one write). Send everything the server needs before calling it.
 * Returns false if nothing was written within `timeoutMs`.
 */
export function waitForFileWrite(file: string, before: string, timeoutMs = 10_000): boolean {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) if (fileState(file) !== before) return true;
  return false;
}
