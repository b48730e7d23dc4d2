import * as decoding from 'lib0/decoding';
import JSZip from 'jszip';
import * as Y from 'yjs';
import { MessageType, SyncStep } from '../../shared/src/protocol/messageType.ts';
import { storedUpdates, type StoredDoc } from '../../server/src/store/docStore.ts';
import { RawClient, syncMessage } from './rawClient.ts';

/**
 * For tests of what happens to edits sent while a meeting is finalised: a raw writer that sends
 * one paragraph per update, the archive's minutes, and the paragraphs of a doc to compare them.
 */
export interface ParagraphWriter {
  raw: RawClient;
  readonly sent: number;
  /** Appends a paragraph (`edit <n>` by default) to `field` on its own replica and sends the update. */
  send(text?: string): void;
  /** Sends an edit every millisecond until `until()` resolves or the server closes the socket. */
  streamUntil<T>(until: () => Promise<T>): Promise<T>;
  /** The reasons of every permission-denied message received. */
  deniedReasons(): string[];
}

/** Opens `url` (a `/collab/<doc>?token=…` address) and waits until its room is ready. */
export async function paragraphWriter(url: string, field: string): Promise<ParagraphWriter> {
  const raw = await RawClient.connect(url);
  await raw.waitReady();
  const replica = new Y.Doc();
  let sent = 0;
  const writer: ParagraphWriter = {
    raw,
    get sent() {
      return sent;
    },
    send(text = `edit ${sent}`) {
      sent++;
      const before = Y.encodeStateVector(replica);
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      replica.getXmlFragment(field).push([paragraph]);
      raw.sendBytes(syncMessage(SyncStep.Update, Y.encodeStateAsUpdate(replica, before)));
    },
    async streamUntil(until) {
      let stop = false;
      const stream = (async () => {
        while (!stop && raw.isOpen) {
          writer.send();
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
      })();
      try {
        return await until();
      } finally {
        stop = true;
        await stream;
      }
    },
    deniedReasons: () =>
      raw.received.filter((m) => m[0] === MessageType.Auth).map((m) => {
        const decoder = decoding.createDecoder(m);
        decoding.readVarUint(decoder); // message type
        decoding.readVarUint(decoder); // permission denied
        return decoding.readVarString(decoder);
      }),
  };
  return writer;
}

/** A doc from updates, or from what a DocStore loaded (snapshot, then tail). */
export function docOf(source: Uint8Array[] | StoredDoc): Y.Doc {
  const doc = new Y.Doc();
  for (const update of Array.isArray(source) ? source : storedUpdates(source)) Y.applyUpdate(doc, update);
  return doc;
}

/** The text of each paragraph of `field`, in order. */
export const paragraphTexts = (doc: Y.Doc, field: string) =>
  doc.getXmlFragment(field).toArray().map((p) => (p as Y.XmlElement).toArray().map((t) => (t as Y.XmlText).toString()).join(''));

/** The minutes doc as the archive package holds it (`minutes.ystate`; a report's `report.ystate`). */
export async function archivedMinutes(baseUrl: string, archiveId: string, token: string, file = 'minutes.ystate'): Promise<Y.Doc> {
  const response = await fetch(`${baseUrl}/api/archive/${archiveId}/package`, { headers: { authorization: `Bearer ${token}` } });
  const zip = await JSZip.loadAsync(Buffer.from(await response.arrayBuffer()));
  return docOf([await zip.file(file)!.async('uint8array')]);
}
