/**
 * The remote writers of the client benchmark, in their own Node process (pinned to CPU 1 by
 * writerPool.ts): stock y-websocket `WebsocketProvider` clients over `ws`, each typing into a
 * paragraph of its own at the end of one minutes fragment, English or Chinese, at a steady rate,
 * each signed in as its own delegate, optionally with a caret (awareness `user` + `cursor`, the
 * fields CollaborationCaret reads).
 * Driven over IPC (protocol.ts); answers carry the request id.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { minutesField } from '../../../shared/src/schema/fields.ts';
import type { StartWriters, WriterAnswer, WriterCommand, WriterSpec, WriterStats } from './protocol.ts';

const ENGLISH = 'the delegates noted the progress report and agreed to circulate the revised work plan ';
const CHINESE = '與會代表聽取進度報告並同意於下次會議前分送修訂後之工作計畫。';
const SYNC_TIMEOUT_MS = 60_000;

class Writer {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  private text: Y.XmlText | null = null;
  private timer: NodeJS.Timeout | null = null;
  private typed = 0;

  constructor(command: StartWriters, private readonly placement: WriterSpec, private readonly stats: WriterStats) {
    this.provider = new WebsocketProvider(command.wsUrl, command.docName, this.doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      // A stock client cannot send a cookie: the delegate's personal access token.
      params: { token: placement.token },
      disableBc: true,
    });
    this.provider.on('connection-close', (event: CloseEvent | null) => {
      if (event) stats.closes.push({ code: event.code ?? null, reason: String(event.reason ?? '') });
    });
    if (command.carets) this.provider.awareness.setLocalStateField('user', { ...placement.user, color: '#2b6cb0' });
  }

  synced(): Promise<void> {
    if (this.provider.synced) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`writer in ${this.placement.slotId}/${this.placement.lang} not synced after ${SYNC_TIMEOUT_MS} ms`)), SYNC_TIMEOUT_MS);
      this.provider.once('sync', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Appends the writer's own paragraph and starts typing into it, `charsPerSecond` characters a second. */
  start(charsPerSecond: number, delayMs: number, caret: boolean): void {
    const fragment = this.doc.getXmlFragment(minutesField(this.placement.slotId, this.placement.lang));
    this.doc.transact(() => {
      const paragraph = new Y.XmlElement('paragraph');
      this.text = new Y.XmlText();
      paragraph.insert(0, [this.text]);
      fragment.insert(fragment.length, [paragraph]);
    });
    const source = this.placement.lang === 'en' ? ENGLISH : CHINESE;
    setTimeout(() => {
      this.timer = setInterval(() => {
        this.insert(source[this.typed % source.length]!);
        this.typed++;
        this.stats.typed++;
        if (caret) this.moveCaret();
      }, 1000 / charsPerSecond);
    }, delayMs);
  }

  insert(chars: string): void {
    this.text?.insert(this.text.length, chars);
  }

  /** The caret after the last character, as y-prosemirror publishes it (relative positions). */
  private moveCaret(): void {
    if (!this.text) return;
    const at = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(this.text, this.text.length));
    this.provider.awareness.setLocalStateField('cursor', { anchor: at, head: at });
  }

  stop(): boolean {
    if (this.timer) clearInterval(this.timer);
    const wasSynced = this.provider.synced;
    this.provider.destroy();
    this.doc.destroy();
    return wasSynced;
  }
}

let writers: Writer[] = [];
let stats: WriterStats = { typed: 0, closes: [], unsynced: 0 };

async function handle(command: WriterCommand): Promise<WriterAnswer> {
  switch (command.cmd) {
    case 'start': {
      stats = { typed: 0, closes: [], unsynced: 0 };
      writers = command.writers.map((placement) => new Writer(command, placement, stats));
      await Promise.all(writers.map((w) => w.synced()));
      // Staggered, so that the writers' characters do not all arrive in the same millisecond.
      const period = 1000 / command.charsPerSecond;
      writers.forEach((w, i) => w.start(command.charsPerSecond, (period * i) / writers.length, command.carets));
      return { ok: true };
    }
    case 'marker': {
      const first = writers[0];
      if (!first) return { ok: false, error: 'no writer' };
      const sentAt = Date.now();
      first.insert(command.marker);
      return { ok: true, sentAt };
    }
    case 'stop': {
      for (const w of writers) if (!w.stop()) stats.unsynced++;
      writers = [];
      return { ok: true, stats };
    }
    case 'exit':
      setImmediate(() => process.exit(0));
      return { ok: true };
  }
}

process.on('message', (message: WriterCommand & { id: number }) => {
  handle(message).then(
    (answer) => process.send!({ ...answer, id: message.id }),
    (error: Error) => process.send!({ ok: false, error: error.message, id: message.id }),
  );
});
process.on('disconnect', () => process.exit(0));
