import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { QuorumProvider, type QuorumProviderOptions } from '../../client/src/collab/quorumProvider.ts';
import { eventually } from './eventually.ts';

export interface ProviderClient<P extends WebsocketProvider = WebsocketProvider> {
  doc: Y.Doc;
  provider: P;
  destroy(): void;
}

const open = new Set<ProviderClient>();

/** A stock y-websocket WebsocketProvider client from Node, connected to `wsUrl`/`docName`. */
export function connectClient(wsUrl: string, docName: string, options: { params?: Record<string, string>; doc?: Y.Doc; webSocket?: typeof globalThis.WebSocket } = {}): ProviderClient {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, docName, doc, {
    WebSocketPolyfill: options.webSocket ?? (WebSocket as unknown as typeof globalThis.WebSocket),
    params: options.params ?? {},
    disableBc: true,
    maxBackoffTime: 500,
  });
  return track(doc, provider);
}

/**
 * A client with the web client's own provider (QuorumProvider: durable acks, store status and
 * denial reasons as `provider.serverEvents`, jittered reconnects), from Node.
 */
export function connectQuorumClient(wsUrl: string, docName: string, options: { params?: Record<string, string>; doc?: Y.Doc } & Pick<QuorumProviderOptions, 'maxBackoffMs'> = {}): ProviderClient<QuorumProvider> {
  const doc = options.doc ?? new Y.Doc();
  const provider = new QuorumProvider(wsUrl, docName, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: options.params,
    maxBackoffMs: options.maxBackoffMs ?? 500,
  });
  return track(doc, provider);
}

function track<P extends WebsocketProvider>(doc: Y.Doc, provider: P): ProviderClient<P> {
  const client: ProviderClient<P> = {
    doc,
    provider,
    destroy() {
      open.delete(client);
      try {
        provider.destroy();
      } catch {
        // A test that forged the doc's clientID leaves awareness inconsistent; the socket still closes.
        provider.ws?.close();
      }
      doc.destroy();
    },
  };
  open.add(client);
  return client;
}

export async function waitSynced(...clients: ProviderClient[]): Promise<void> {
  await eventually(() => {
    for (const c of clients) if (!c.provider.synced) throw new Error('not synced');
  }, 10_000);
}

export function destroyAllClients(): void {
  for (const client of [...open]) client.destroy();
}

/** Text of the y-prosemirror fragment `field`, as plain text (for convergence checks). */
export function fragmentText(doc: Y.Doc, field: string): string {
  return doc.getXmlFragment(field).toString();
}

/** Appends a paragraph with `text` to the fragment, as the editor would. */
export function appendParagraph(doc: Y.Doc, field: string, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(field).push([paragraph]);
}
