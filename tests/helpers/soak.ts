import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { MessageType } from '../../shared/src/protocol/messageType.ts';
import { readStoredAck } from '../../shared/src/protocol/storedAck.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { checkSqliteStore, formatReport, sqliteFileIn } from '../../server/src/store/checkStore.ts';
import { ApiClient } from './api.ts';
import { appendParagraph, connectClient, waitSynced, type ProviderClient } from './clients.ts';
import { startServerProcess } from './serverProcess.ts';

const FIELD = minutesField('general', 'en');

export interface SoakOptions {
  rounds: number;
  /** Clients typing at once in each round. */
  writers?: number;
  /** Longest typing time before the kill (ms); each round picks a random moment up to this. */
  maxTypingMs?: number;
  /**
   * Every other round, SIGTERM first and SIGKILL a random moment (up to 40 ms) later, so kills
   * also land while the graceful shutdown is storing and compacting (its flush).
   */
  killDuringShutdown?: boolean;
  log?: (line: string) => void;
}

export interface SoakReport {
  rounds: number;
  written: number;
  /** Paragraphs a client saw acknowledged (StoredAck) or saw arrive from another client before the kill. */
  promised: number;
  /** Promised paragraphs present after the restarts (must equal `promised`). */
  survived: number;
  /** Rounds whose SIGKILL ended a process that was still shutting down after its SIGTERM. */
  killedDuringShutdown: number;
}

interface Writer {
  client: ProviderClient;
  stored: Map<number, number>;
  /** Each paragraph this client wrote, with its own clock just after writing it. */
  lines: Array<{ text: string; clock: number }>;
  stop(): void;
}

/** A client that types a paragraph every few milliseconds and records the server's durable acks. */
function startWriter(wsUrl: string, docName: string, token: string, name: string): Writer {
  const client = connectClient(wsUrl, docName, { params: { ack: '1', token } });
  const writer: Writer = { client, stored: new Map(), lines: [], stop: () => {} };
  client.provider.messageHandlers[MessageType.StoredAck] = (_encoder: unknown, decoder: decoding.Decoder) => {
    writer.stored = Y.decodeStateVector(readStoredAck(decoder));
  };
  client.provider.messageHandlers[MessageType.StoreStatus] = () => {};
  let timer: NodeJS.Timeout | undefined;
  let n = 0;
  const type = () => {
    if (client.provider.synced) {
      const text = `${name} n${n++}`;
      appendParagraph(client.doc, FIELD, text);
      writer.lines.push({ text, clock: Y.getState(client.doc.store, client.doc.clientID) });
    }
    timer = setTimeout(type, 3 + Math.random() * 25);
  };
  type();
  writer.stop = () => clearTimeout(timer);
  return writer;
}

/** Counts `>text<` occurrences in the fragment's XML (each paragraph holds one whole line). */
function occurrences(xml: string, text: string): number {
  return xml.split(`>${text}<`).length - 1;
}

/**
 * The SIGKILL soak (issue 8, peer-failures C and E): clients type into one document of a real
 * server process, which is killed with SIGKILL at a random moment. After each kill the store must
 * pass check-store, and after the restart every paragraph a client was told is stored, or saw
 * arrive from another client, must be there exactly once. Throws on the first broken promise.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => {});
  const proc = await startServerProcess({ COMPACT_AFTER_UPDATES: '40' });
  const report: SoakReport = { rounds: 0, written: 0, promised: 0, survived: 0, killedDuringShutdown: 0 };
  const promised = new Set<string>();
  try {
    const api = new ApiClient(proc.url, proc.adminToken);
    const meeting = (await api.post('/api/meetings', { title: { en: 'Soak' } })).body as { docName: string };
    for (let round = 0; round < options.rounds; round++) {
      const writers = Array.from({ length: options.writers ?? 3 }, (_, i) => startWriter(proc.wsUrl, meeting.docName, proc.adminToken, `r${round} c${i}`));
      await waitSynced(...writers.map((w) => w.client));
      const typingMs = Math.floor(Math.random() * (options.maxTypingMs ?? 1_500));
      await new Promise((resolve) => setTimeout(resolve, typingMs));
      // What was promised at the moment of the kill: acked lines, and lines another client holds.
      for (const writer of writers) {
        const acked = writer.stored.get(writer.client.doc.clientID) ?? 0;
        for (const line of writer.lines) if (line.clock <= acked) promised.add(line.text);
        report.written += writer.lines.length;
      }
      for (const watcher of writers) {
        const xml = watcher.client.doc.getXmlFragment(FIELD).toString();
        for (const writer of writers) if (writer !== watcher) for (const line of writer.lines) if (occurrences(xml, line.text) > 0) promised.add(line.text);
      }
      const duringShutdown = options.killDuringShutdown === true && round % 2 === 1;
      if (duringShutdown) {
        proc.signal('SIGTERM');
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 40));
      }
      const code = await proc.kill('SIGKILL');
      for (const writer of writers) {
        writer.stop();
        writer.client.destroy();
      }
      // After a SIGTERM the process may have finished its flush and exited 0 before the SIGKILL.
      if (code !== null && !(duringShutdown && code === 0)) throw new Error(`round ${round}: the server had already exited (${code}) before the kill`);
      if (duringShutdown && code === null) report.killedDuringShutdown++;

      const check = await checkSqliteStore(sqliteFileIn(proc.dataDir));
      if (!check.ok) throw new Error(`round ${round}: store check failed after SIGKILL\n${formatReport(check, proc.dataDir)}`);
      await proc.start();
      const reader = connectClient(proc.wsUrl, meeting.docName, { params: { token: proc.adminToken } });
      try {
        await waitSynced(reader);
        const xml = reader.doc.getXmlFragment(FIELD).toString();
        for (const text of promised) {
          const n = occurrences(xml, text);
          if (n !== 1) throw new Error(`round ${round}: "${text}" was promised and appears ${n} times after the restart`);
        }
      } finally {
        reader.destroy();
      }
      report.rounds++;
      report.promised = promised.size;
      report.survived = promised.size;
      log(`round ${round + 1}/${options.rounds}: ${duringShutdown ? 'SIGTERM, then ' : ''}killed after ${typingMs} ms; ${report.written} written, ${promised.size} promised, all present once; store check ok (${check.documents.length} documents)`);
    }
    return report;
  } finally {
    await proc.kill('SIGKILL');
  }
}
