import * as decoding from 'lib0/decoding';
import { expect } from 'vitest';
import * as Y from 'yjs';
import { MessageType } from '../../shared/src/protocol/messageType.ts';
import { readStoredAck } from '../../shared/src/protocol/storedAck.ts';
import { connectClient, fragmentText, type ProviderClient } from './clients.ts';
import { eventually } from './eventually.ts';
import { startServerProcess, type ServerProcess } from './serverProcess.ts';
import { createTestSchema, REDIS_URL, uniqueRedisPrefix, type TestSchema } from './services.ts';

/**
 * Several real Quorum processes sharing one PostgreSQL schema and one Redis channel prefix (both
 * unique to this test file), as a multi-process deployment would run.
 */
export interface TestCluster {
  schema: TestSchema;
  prefix: string;
  processes: ServerProcess[];
  /** Starts one more process; `redisUrl` lets a test route it through a cuttable proxy. */
  launch(options?: { redisUrl?: string }): Promise<ServerProcess>;
  stop(): Promise<void>;
}

export async function startCluster(): Promise<TestCluster> {
  const schema = await createTestSchema();
  const prefix = uniqueRedisPrefix();
  const processes: ServerProcess[] = [];
  return {
    schema,
    prefix,
    processes,
    async launch(options = {}) {
      const proc = await startServerProcess({ ...schema.env, REDIS_URL: options.redisUrl ?? REDIS_URL, REDIS_PREFIX: prefix });
      processes.push(proc);
      return proc;
    },
    async stop() {
      await Promise.all(processes.map((p) => p.kill('SIGKILL')));
      await schema.drop();
    },
  };
}

/** A client of `proc` that records the server's durable acks (StoredAck state vectors). */
export function ackingClient(proc: { wsUrl: string; adminToken?: string }, docName: string, doc?: Y.Doc): ProviderClient & { stored: () => Map<number, number> } {
  const params: Record<string, string> = proc.adminToken ? { ack: '1', token: proc.adminToken } : { ack: '1' };
  const client = connectClient(proc.wsUrl, docName, { params, doc });
  let stored = new Map<number, number>();
  client.provider.messageHandlers[MessageType.StoredAck] = (_e: unknown, decoder: decoding.Decoder) => {
    stored = Y.decodeStateVector(readStoredAck(decoder));
  };
  client.provider.messageHandlers[MessageType.StoreStatus] = () => {};
  return Object.assign(client, { stored: () => stored });
}

export const readyStatus = async (proc: ServerProcess) => (await fetch(`${proc.url}/readyz`)).status;

/** Waits until every client holds the same text in `field` (containing each of `mustContain`) and the same state vector. */
export const expectConverged = (field: string, clients: ProviderClient[], ...mustContain: string[]) =>
  eventually(() => {
    const first = fragmentText(clients[0]!.doc, field);
    for (const text of mustContain) expect(first).toContain(text);
    for (const c of clients) {
      expect(fragmentText(c.doc, field)).toBe(first);
      expect(Y.encodeStateVector(c.doc)).toEqual(Y.encodeStateVector(clients[0]!.doc));
    }
  }, 15_000);
