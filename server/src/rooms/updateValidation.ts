import * as Y from 'yjs';
import { isAllowedRootField } from '../../../shared/src/schema/fields.ts';
import { getMinutesSchema } from '../../../shared/src/schema/extensions.ts';

/**
 * Checks an incoming Yjs update before it is stored or applied: it must decode, every struct must
 * follow what the document (or the update itself) already has, and its content must fit the
 * document model. An update that fails here is never stored or forwarded, so a hostile or buggy
 * client cannot leave a document that fails to load (etherpad #7773, yjs #417).
 */
export type UpdateVerdict =
  | { ok: true; addsContent: boolean }
  | { ok: false; reason: 'malformed' | 'missing-dependencies' | 'outside-schema'; detail: string };

interface AllowedNames {
  nodes: Set<string>;
  marks: Set<string>;
}

let allowedNames: AllowedNames | null = null;
function getAllowedNames(): AllowedNames {
  if (!allowedNames) {
    const schema = getMinutesSchema();
    // y-prosemirror stores marks as text formatting attributes; `ychange` marks snapshot diffs.
    allowedNames = {
      nodes: new Set(Object.keys(schema.nodes)),
      marks: new Set([...Object.keys(schema.marks), 'ychange']),
    };
  }
  return allowedNames;
}

/**
 * Validates `update` against the current state of `doc` (a room's doc). `accepted` carries, per
 * client, the clock reached by earlier updates of the same batch that are accepted but not yet
 * applied; it is extended with this update's structs when the verdict is ok. Never throws.
 */
export function validateUpdate(
  doc: Y.Doc,
  update: Uint8Array,
  docKind: 'minutes' | 'review',
  accepted: Map<number, number> = new Map(),
): UpdateVerdict {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (error) {
    return { ok: false, reason: 'malformed', detail: `update does not decode: ${(error as Error).message}` };
  }
  const { structs, ds } = decoded;
  const names = getAllowedNames();

  // Pass 1: structs of each client must continue that client's known history without gaps.
  const reach = new Map<number, number>(accepted);
  const known = (client: number): number => reach.get(client) ?? Y.getState(doc.store, client);
  let addsContent = false;
  for (const struct of structs) {
    const { client, clock } = struct.id;
    if (clock > known(client)) {
      return { ok: false, reason: 'missing-dependencies', detail: `client ${client} jumps to clock ${clock}` };
    }
    if (struct instanceof Y.Skip) continue;
    const end = clock + struct.length;
    if (end > known(client)) {
      reach.set(client, end);
      addsContent = true;
    }
  }

  // Pass 2: references (left/right origin, parent item) must point at known structs, and content
  // must be part of the document model.
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    for (const ref of [struct.origin, struct.rightOrigin, struct.parent instanceof Y.ID ? struct.parent : null]) {
      if (ref && ref.clock >= known(ref.client)) {
        return { ok: false, reason: 'missing-dependencies', detail: `reference to unknown item ${ref.client}:${ref.clock}` };
      }
    }
    // Decoded (not integrated) items name a root type by string; Yjs's typings do not say so.
    const parent: unknown = struct.parent;
    if (typeof parent === 'string' && !isAllowedRootField(docKind, parent)) {
      return { ok: false, reason: 'outside-schema', detail: `field ${JSON.stringify(parent.slice(0, 80))} is not part of the document model` };
    }
    const problem = contentProblem(struct.content, names);
    if (problem) return { ok: false, reason: 'outside-schema', detail: problem };
  }

  if (!addsContent) addsContent = deletesSomethingNew(doc, ds);
  for (const [client, clock] of reach) accepted.set(client, clock);
  return { ok: true, addsContent };
}

function contentProblem(content: Y.Item['content'], names: AllowedNames): string | null {
  if (content instanceof Y.ContentDoc) return 'sub-documents are not allowed';
  if (content instanceof Y.ContentType) {
    const type = content.type;
    if (type instanceof Y.XmlHook) return 'XML hooks are not allowed';
    if (type instanceof Y.XmlElement && !names.nodes.has(type.nodeName)) {
      return `node ${JSON.stringify(type.nodeName.slice(0, 80))} is not in the editor schema`;
    }
  }
  if (content instanceof Y.ContentFormat && content.value !== null && !names.marks.has(content.key)) {
    return `mark ${JSON.stringify(content.key.slice(0, 80))} is not in the editor schema`;
  }
  return null;
}

/** True when the delete set removes something the doc still has (or does not know yet). */
function deletesSomethingNew(doc: Y.Doc, ds: ReturnType<typeof Y.decodeUpdate>['ds']): boolean {
  for (const [client, ranges] of ds.clients) {
    const state = Y.getState(doc.store, client);
    for (const { clock, len } of ranges) {
      let at = clock;
      while (at < clock + len) {
        if (at >= state) return true;
        const item = Y.getItem(doc.store, Y.createID(client, at));
        if (!item.deleted) return true;
        at = item.id.clock + item.length;
      }
    }
  }
  return false;
}
