import type { DocKind } from '../../../shared/src/model/schema/documents.ts';
import * as Y from 'yjs';
import { ItemPlacer } from './itemPlacement.ts';
import { DeleteLookup, UpdateRules, type RefusalReason, type RuleOptions } from './itemRules.ts';

export { MAX_NESTING } from './itemPlacement.ts';
// Validation needs the editor schema, loaded on first use: await this before validating.
export { loadEditorSchema } from './richTextRules.ts';

// Bound once: run through tsx, each `Y.X` is a getter call (see itemPlacement.ts).
const { ID, Item, Skip, getItem, getState } = Y;

/**
 * Checks an incoming Yjs update before it is stored or applied: it must decode, every struct must
 * follow what the document already has, and every value it writes must fit the document model
 * (shared/src/model/schema: types, ranges, enumerations, who may change what, signer fields naming
 * the writer) as the doc would be after it. Only what the update changes is looked at: each new
 * item is placed (its root field, the keys down to it) and checked at that place, each deleted
 * item likewise (see itemRules.ts). An update that fails here is never stored or forwarded, so a
 * hostile or buggy client cannot leave a document that fails to load or to read (etherpad #7773,
 * yjs #417), edit a part of the meeting its role does not own, or sign as someone else.
 */
export type UpdateVerdict = { ok: true; addsContent: boolean } | { ok: false; reason: RefusalReason; detail: string };

export type ValidationOptions = RuleOptions;

/** Validates `update` against the current state of `doc` (a room's doc). Never throws. */
export function validateUpdate(doc: Y.Doc, update: Uint8Array, options: ValidationOptions): UpdateVerdict {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (error) {
    return { ok: false, reason: 'malformed', detail: `update does not decode: ${(error as Error).message}` };
  }
  try {
    return check(doc, decoded, options);
  } catch (error) {
    // Yjs internals may throw on inconsistent references; that is a malformed update, not a crash.
    return { ok: false, reason: 'malformed', detail: `update is inconsistent: ${(error as Error).message}` };
  }
}

/**
 * The first value of a whole document outside the document model, or null (check-store): its
 * state checked by the same per-item rules, as one update onto an empty document (no writer, so
 * no signer or ownership rule).
 */
export function documentSchemaProblem(doc: Y.Doc, docKind: DocKind): string | null {
  const empty = new Y.Doc();
  try {
    const verdict = validateUpdate(empty, Y.encodeStateAsUpdate(doc), { docKind });
    return verdict.ok ? null : `${verdict.reason}: ${verdict.detail}`;
  } finally {
    empty.destroy();
  }
}

function check(doc: Y.Doc, { structs, ds }: ReturnType<typeof Y.decodeUpdate>, options: ValidationOptions): UpdateVerdict {
  // Pass 1: structs of each client must continue that client's known history without gaps.
  const reach = new Map<number, number>();
  const known = (client: number): number => reach.get(client) ?? getState(doc.store, client);
  let addsContent = false;
  for (const struct of structs) {
    const { client, clock } = struct.id;
    if (clock > known(client)) {
      return { ok: false, reason: 'missing-dependencies', detail: `client ${client} jumps to clock ${clock}` };
    }
    if (struct instanceof Skip) continue;
    const end = clock + struct.length;
    if (end > known(client)) {
      reach.set(client, end);
      addsContent = true;
    }
  }

  const placer = new ItemPlacer(doc, options.docKind, structs);
  const rules = new UpdateRules(doc, placer, new DeleteLookup(ds), options);
  // Pass 2: references must point at known structs; every new item must fit the document model
  // where it lands, and land in a root field this connection may write.
  for (const struct of structs) {
    if (!(struct instanceof Item)) continue;
    // Yjs resolves the references of every struct, even one it already has (a dangling one leaves
    // the rest of the update pending), and does not check references to the struct's own client
    // at all: one to a later clock makes applyUpdate throw. Both are refused, known or not.
    for (const ref of [struct.origin, struct.rightOrigin, struct.parent instanceof ID ? struct.parent : null]) {
      const ownLater = ref !== null && ref.client === struct.id.client && ref.clock >= struct.id.clock;
      if (ref && (ref.clock >= known(ref.client) || ownLater)) {
        return { ok: false, reason: 'missing-dependencies', detail: `reference to unknown item ${ref.client}:${ref.clock}` };
      }
    }
    if (struct.id.clock + struct.length <= getState(doc.store, struct.id.client)) continue; // already known
    const refusal = rules.newItem(struct);
    if (refusal) return { ok: false, ...refusal };
  }

  // Pass 3, deletions: only of content the doc or this update has (Yjs would keep any other
  // deletion pending, store it, forward it, and apply it to whatever later arrives at those ids: a
  // client could delete another client's future edits); each removal of live content is checked.
  let deletesNew = false;
  for (const [client, ranges] of ds.clients) {
    for (const { clock, len } of ranges) {
      for (let at = clock; at < clock + len; ) {
        const inDoc = at < getState(doc.store, client);
        const item = inDoc ? getItem(doc.store, Y.createID(client, at)) : placer.updateStruct(client, at);
        if (!item) return { ok: false, reason: 'missing-dependencies', detail: `deletes unknown content ${client}:${at}` };
        if (!item.deleted || !inDoc) {
          deletesNew = true;
          if (inDoc && item instanceof Item) {
            const refusal = rules.deletion(item);
            if (refusal) return { ok: false, ...refusal };
          }
        }
        at = item.id.clock + item.length;
      }
    }
  }
  const refusal = rules.finish();
  if (refusal) return { ok: false, ...refusal };
  return { ok: true, addsContent: addsContent || deletesNew };
}
