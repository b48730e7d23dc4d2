import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { connectClient, destroyAllClients, waitSynced, type ProviderClient } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { startTestServer, stopAllTestServers } from '../helpers/testServer.ts';

afterAll(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

const FIELDS = [minutesField('s1', 'en'), minutesField('s1', 'zh-Hant')];

type Op =
  | { kind: 'insert'; client: number; field: number; at: number; text: string }
  | { kind: 'delete'; client: number; field: number; at: number; len: number }
  | { kind: 'paragraph'; client: number; field: number }
  | { kind: 'disconnect'; client: number }
  | { kind: 'connect'; client: number }
  | { kind: 'wait'; ms: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('insert' as const), client: fc.nat(4), field: fc.nat(1), at: fc.nat(), text: fc.constantFrom('會議', 'minutes ', '主席', 'x', '。') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), client: fc.nat(4), field: fc.nat(1), at: fc.nat(), len: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('paragraph' as const), client: fc.nat(4), field: fc.nat(1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('disconnect' as const), client: fc.nat(4) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('connect' as const), client: fc.nat(4) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 15 }) }) },
);

/** The paragraph texts of a fragment (each paragraph holds one Y.XmlText). */
function texts(doc: Y.Doc, field: string): Y.XmlText[] {
  return doc
    .getXmlFragment(field)
    .toArray()
    .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement)
    .map((p) => p.get(0))
    .filter((t): t is Y.XmlText => t instanceof Y.XmlText);
}

function apply(op: Op, clients: ProviderClient[]): Promise<void> | void {
  if (op.kind === 'wait') return new Promise((r) => setTimeout(r, op.ms));
  const client = clients[op.client]!;
  if (op.kind === 'disconnect') return client.provider.disconnect();
  if (op.kind === 'connect') return client.provider.connect();
  const field = FIELDS[op.field]!;
  const paragraphs = texts(client.doc, field);
  if (op.kind === 'paragraph' || paragraphs.length === 0) {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('')]);
    client.doc.getXmlFragment(field).push([p]);
    return;
  }
  const text = paragraphs[op.at % paragraphs.length]!;
  if (op.kind === 'insert') text.insert(op.at % (text.length + 1), op.text);
  else if (text.length > 0) text.delete(op.at % text.length, Math.min(op.len, text.length - (op.at % text.length)));
}

describe('convergence through the real server (yjs testHelper property, peer-failures A)', () => {
  it('5 clients with random edits, disconnects and reconnects end identical, and so does the store', async () => {
    const server = await startTestServer({ serveClient: false, env: { COMPACT_AFTER_UPDATES: '40' } });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 150, maxLength: 300 }), async (ops) => {
        const docName = `meeting.converge-${run++}`;
        const clients = Array.from({ length: 5 }, () => connectClient(server.wsUrl, docName));
        await waitSynced(...clients);
        for (const op of ops) await apply(op, clients);
        for (const c of clients) c.provider.connect();
        await waitSynced(...clients);
        await eventually(() => {
          const reference = Y.encodeStateVector(clients[0]!.doc);
          for (const c of clients) {
            expect(Y.encodeStateVector(c.doc)).toEqual(reference);
            for (const f of FIELDS) expect(c.doc.getXmlFragment(f).toString()).toBe(clients[0]!.doc.getXmlFragment(f).toString());
          }
          expect(Y.equalSnapshots(Y.snapshot(clients[0]!.doc), Y.snapshot(clients[4]!.doc))).toBe(true);
        }, 15_000);
        // The store holds exactly what the clients converged to, also after a restart.
        await server.server.rooms.get(docName)?.idle();
        const stored = new Y.Doc();
        for (const u of await server.server.store.load(docName)) Y.applyUpdate(stored, u);
        for (const f of FIELDS) expect(stored.getXmlFragment(f).toString()).toBe(clients[0]!.doc.getXmlFragment(f).toString());
        expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(clients[0]!.doc));
        for (const c of clients) c.destroy();
      }),
      { numRuns: 10 },
    );
    await server.restart();
    const reader = connectClient(server.wsUrl, 'meeting.converge-0');
    await waitSynced(reader);
    expect(reader.doc.getXmlFragment(FIELDS[0]!).length + reader.doc.getXmlFragment(FIELDS[1]!).length).toBeGreaterThan(0);
  }, 120_000);
});
