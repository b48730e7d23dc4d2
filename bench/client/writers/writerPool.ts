import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinnedNode, ServerProcess } from '../../lib/peers.ts';
import type { StartWriters, WriterAnswer, WriterStats } from './protocol.ts';

type Answered = Extract<WriterAnswer, { ok: true }>;

const here = path.dirname(fileURLToPath(import.meta.url));

/** The CPU of the remote writers (the server under test has CPU 0: bench/lib/peers.ts SERVER_CPU). */
export const WRITERS_CPU = process.env.BENCH_GENERATOR_CPU ?? '1';

/** The writer process (writerProcess.ts), pinned to WRITERS_CPU, driven over IPC. */
export class WriterPool {
  private constructor(private readonly channel: ServerProcess) {}

  static async start(): Promise<WriterPool> {
    const [command, args] = pinnedNode(WRITERS_CPU, ['--import', 'tsx', path.join(here, 'writerProcess.ts')]);
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    return new WriterPool(new ServerProcess('writers', child, 0));
  }

  private async ask(message: Record<string, unknown>, timeoutMs = 30_000): Promise<Answered> {
    const answer = (await this.channel.request(message, timeoutMs)) as WriterAnswer;
    if (!answer.ok) throw new Error(`writers: ${answer.error}`);
    return answer;
  }

  /** Connects the writers, waits until every one is synced, then they start typing. */
  async begin(command: Omit<StartWriters, 'cmd'>): Promise<void> {
    await this.ask({ cmd: 'start', ...command }, 90_000);
  }

  /** The first writer inserts `marker` where it types; returns Date.now() of the insert. */
  async marker(marker: string): Promise<number> {
    return (await this.ask({ cmd: 'marker', marker })).sentAt!;
  }

  async end(): Promise<WriterStats> {
    return (await this.ask({ cmd: 'stop' })).stats!;
  }

  async close(): Promise<void> {
    await this.ask({ cmd: 'exit' }).catch(() => undefined);
    await this.channel.stop();
  }

  /** For an interrupted run. */
  kill(): void {
    this.channel.child.kill('SIGKILL');
  }
}
