import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** Runs `change` on a replica of `base` and returns the update it produces (what a client would send). */
export function updateFrom(base: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(replica);
  change(replica);
  return Y.encodeStateAsUpdate(replica, before);
}

/**
 * The update's structs re-encoded without its delete set: what a hostile client sends to replace
 * a map value without saying it deletes the old one (Yjs still deletes it when the new item
 * lands: the item's left origin is the old value).
 */
export function withoutDeleteSet(update: Uint8Array): Uint8Array {
  const { structs } = Y.decodeUpdate(update);
  const byClient = new Map<number, typeof structs>();
  for (const struct of structs) byClient.set(struct.id.client, [...(byClient.get(struct.id.client) ?? []), struct]);
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, byClient.size);
  for (const [client, list] of [...byClient].sort((a, b) => b[0] - a[0])) {
    encoding.writeVarUint(encoder.restEncoder, list.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, list[0]!.id.clock);
    for (const struct of list) struct.write(encoder, 0);
  }
  encoding.writeVarUint(encoder.restEncoder, 0); // no deletions
  return encoder.toUint8Array();
}
