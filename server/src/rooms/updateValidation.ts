import * as Y from 'yjs';
import { isAllowedRootField, reviewEntryIsShared } from '../../../shared/src/schema/fields.ts';
import { getMinutesSchema } from '../../../shared/src/schema/extensions.ts';
import { approvalDeletionProblem, approvalItemProblem, APPROVALS_ROOT, type ApprovalWriter } from './approvalRules.ts';

/**
 * Checks an incoming Yjs update before it is stored or applied: it must decode, every struct must
 * follow what the document already has, its content must fit the document model, and it may only
 * touch root fields the connection's role may write. An update that fails here is never stored or
 * forwarded, so a hostile or buggy client cannot leave a document that fails to load
 * (etherpad #7773, yjs #417) or edit a part of the meeting its role does not own.
 */
export type UpdateVerdict =
  | { ok: true; addsContent: boolean }
  | { ok: false; reason: 'malformed' | 'missing-dependencies' | 'outside-schema' | 'forbidden-field' | 'forbidden-value' | 'not-owner'; detail: string };

export interface ValidationOptions {
  docKind: 'minutes' | 'review';
  /** Root fields this connection may change (insert into or delete from); all when omitted. */
  canWriteRoot?: (rootName: string) => boolean;
  /**
   * Per-author ownership (review doc, non-chair writers): entries of maps created by another user,
   * and items another user wrote, may only change where the entry is shared (see
   * reviewEntryIsShared). Omitted: no ownership rule.
   */
  ownership?: { userId: string; ownerOf: (client: number) => string | undefined };
  /**
   * Who writes (minutes doc): approval entries must name this user, and only a writer who may
   * approve sets `approved` or replaces an approval. Omitted: only the shape of entries is checked.
   */
  approvals?: ApprovalWriter;
}

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

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number];

/**
 * Deepest nesting of types (elements, maps, arrays) an update may create. Real minutes stay far
 * below (a table cell in a list in a quote is about 10); a hostile update nesting thousands deep
 * would be stored, then overflow the stack of every recursive reader: the editor, exports, Yjs's
 * own toString.
 */
export const MAX_NESTING = 48;

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

function check(doc: Y.Doc, { structs, ds }: ReturnType<typeof Y.decodeUpdate>, options: ValidationOptions): UpdateVerdict {
  const names = getAllowedNames();

  // Pass 1: structs of each client must continue that client's known history without gaps.
  const reach = new Map<number, number>();
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

  const roots = new RootResolver(doc, structs);
  // Pass 2: references must point at known structs; content must be part of the document model;
  // new content must land in a root field this connection may write.
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    // Yjs resolves the references of every struct, even one it already has (a dangling one leaves
    // the rest of the update pending), and does not check references to the struct's own client
    // at all: one to a later clock makes applyUpdate throw. Both are refused, known or not.
    for (const ref of [struct.origin, struct.rightOrigin, struct.parent instanceof Y.ID ? struct.parent : null]) {
      const ownLater = ref !== null && ref.client === struct.id.client && ref.clock >= struct.id.clock;
      if (ref && (ref.clock >= known(ref.client) || ownLater)) {
        return { ok: false, reason: 'missing-dependencies', detail: `reference to unknown item ${ref.client}:${ref.clock}` };
      }
    }
    if (struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue; // already known
    // Decoded (not integrated) items name a root type by string; Yjs's typings do not say so.
    const parent: unknown = struct.parent;
    if (typeof parent === 'string' && !isAllowedRootField(options.docKind, parent)) {
      return { ok: false, reason: 'outside-schema', detail: `field ${JSON.stringify(parent.slice(0, 80))} is not part of the document model` };
    }
    const problem = contentProblem(struct.content, names);
    if (problem) return { ok: false, reason: 'outside-schema', detail: problem };
    if (struct.content instanceof Y.ContentType) {
      const depth = roots.nesting(struct);
      if (depth === null || depth > MAX_NESTING) return { ok: false, reason: 'outside-schema', detail: `nesting deeper than ${MAX_NESTING} levels` };
    }
    if (options.docKind === 'minutes' && roots.rootOf(struct) === APPROVALS_ROOT) {
      const { key, inRoot } = roots.placement(struct);
      const approvalProblem = approvalItemProblem(struct, key, inRoot, options.approvals);
      if (approvalProblem) return { ok: false, reason: inRoot && key !== null ? 'forbidden-value' : 'outside-schema', detail: approvalProblem };
    }
    if (options.ownership) {
      const verdict = ownershipProblem(struct, roots, options.ownership, reach, doc);
      if (verdict) return verdict;
    }
    if (options.canWriteRoot) {
      const root = roots.rootOf(struct);
      if (root === null) return { ok: false, reason: 'missing-dependencies', detail: 'item cannot be placed in a known field' };
      if (!options.canWriteRoot(root)) {
        return { ok: false, reason: 'forbidden-field', detail: `this role may not change ${JSON.stringify(root)}` };
      }
    }
  }

  // Deletions: only of content the doc or this update has (Yjs would keep any other deletion
  // pending, store it, forward it, and apply it to whatever later arrives at those ids: a client
  // could delete another client's future edits), and in a field this connection may write.
  let deletesNew = false;
  for (const [client, ranges] of ds.clients) {
    for (const { clock, len } of ranges) {
      for (let at = clock; at < clock + len; ) {
        const item = at < Y.getState(doc.store, client) ? Y.getItem(doc.store, Y.createID(client, at)) : roots.updateStruct(client, at);
        if (!item) return { ok: false, reason: 'missing-dependencies', detail: `deletes unknown content ${client}:${at}` };
        if (!item.deleted || !(at < Y.getState(doc.store, client))) {
          deletesNew = true;
          if (options.ownership && item instanceof Y.Item && at < Y.getState(doc.store, client)) {
            const owner = options.ownership.ownerOf(item.id.client);
            const key = item.parentSub;
            if (owner !== options.ownership.userId && !reviewEntryIsShared(roots.rootOf(item), key)) {
              return { ok: false, reason: 'not-owner', detail: `may not delete what another user wrote${key ? ` (${key})` : ''}` };
            }
          }
          if (options.docKind === 'minutes' && item instanceof Y.Item && at < Y.getState(doc.store, client) && roots.rootOf(item) === APPROVALS_ROOT) {
            const approvalProblem = approvalDeletionProblem(item, options.approvals);
            if (approvalProblem) return { ok: false, reason: 'forbidden-value', detail: approvalProblem };
          }
          if (options.canWriteRoot && item instanceof Y.Item) {
            const root = roots.rootOf(item);
            if (root === null) return { ok: false, reason: 'missing-dependencies', detail: 'deleted item cannot be placed in a known field' };
            if (!options.canWriteRoot(root)) {
              return { ok: false, reason: 'forbidden-field', detail: `this role may not delete from ${JSON.stringify(root)}` };
            }
          }
        }
        at = item.id.clock + item.length;
      }
    }
  }
  return { ok: true, addsContent: addsContent || deletesNew };
}

/** A new item inside a map another user created, on a key that is not shared: refused. */
function ownershipProblem(item: Y.Item, roots: RootResolver, ownership: NonNullable<ValidationOptions['ownership']>, writing: Map<number, number>, doc: Y.Doc): UpdateVerdict | null {
  const key = item.parentSub;
  if (key === null) return null; // array and text inserts (new replies) are open to all
  const creator = roots.parentCreator(item);
  if (creator === null) return null; // a new entry in a root map (a new thread)
  // A map created in this very update belongs to this user.
  const writtenNow = creator !== undefined && (writing.get(creator) ?? 0) > Y.getState(doc.store, creator);
  const owner = creator === undefined ? undefined : writtenNow ? ownership.userId : ownership.ownerOf(creator);
  if (owner === ownership.userId || reviewEntryIsShared(roots.rootOf(item), key)) return null;
  return { ok: false, reason: 'not-owner', detail: `may not change "${key.slice(0, 40)}" of what another user wrote` };
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

/**
 * Finds the root field an item belongs to, whether its parent or origin is already in the doc or
 * arrives in the same update. Needed to enforce per-role fields inside one document.
 */
class RootResolver {
  /** Structs of this update (items and GCs, not skips) by client, in clock order. */
  private readonly byClient = new Map<number, Struct[]>();
  private readonly rootNames = new Map<unknown, string>();
  private readonly memo = new Map<Y.Item, string | null>();
  private readonly nestingMemo = new Map<Y.Item, number | null>();

  constructor(private readonly doc: Y.Doc, structs: Struct[]) {
    for (const struct of structs) {
      if (struct instanceof Y.Skip) continue;
      const list = this.byClient.get(struct.id.client) ?? [];
      list.push(struct);
      this.byClient.set(struct.id.client, list);
    }
    for (const [name, type] of doc.share) this.rootNames.set(type, name);
  }

  /** The struct (item, or GC for content the sender already collected) of this update at (client, clock). */
  updateStruct(client: number, clock: number): Struct | null {
    const list = this.byClient.get(client);
    if (!list) return null;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const struct = list[mid]!;
      if (clock < struct.id.clock) hi = mid - 1;
      else if (clock >= struct.id.clock + struct.length) lo = mid + 1;
      else return struct;
    }
    return null;
  }

  /** The item of this update that contains (client, clock), if any. */
  updateItem(client: number, clock: number): Y.Item | null {
    const struct = this.updateStruct(client, clock);
    return struct instanceof Y.Item ? struct : null;
  }

  private itemAt(id: Y.ID): Y.Item | null {
    if (id.clock < Y.getState(this.doc.store, id.client)) {
      const item = Y.getItem(this.doc.store, id);
      return item instanceof Y.Item ? item : null;
    }
    return this.updateItem(id.client, id.clock);
  }

  /** Root of an integrated type: walk up the parents to a type in doc.share. */
  private rootOfType(type: Y.AbstractType<unknown>): string | null {
    let current = type;
    while (current._item) {
      const parent = current._item.parent;
      if (!(parent instanceof Y.AbstractType)) return null;
      current = parent;
    }
    return this.rootNames.get(current) ?? null;
  }

  /**
   * The client that created the type `item` lives in: null when that is a root type, undefined
   * when it cannot be told (a reference outside the doc and the update).
   */
  parentCreator(item: Y.Item, depth = 0): number | null | undefined {
    const parent: unknown = item.parent;
    if (typeof parent === 'string') return null;
    if (parent instanceof Y.AbstractType) return parent._item ? parent._item.id.client : null;
    if (parent instanceof Y.ID) return parent.client;
    const ref = item.origin ?? item.rightOrigin;
    const other = ref ? this.itemAt(ref) : null;
    return other && depth < 10_000 ? this.parentCreator(other, depth + 1) : undefined;
  }

  /**
   * The map key an item is written under and whether it sits directly in a root type. Items that
   * follow a left or right neighbour carry neither on the wire: they share the neighbour's.
   */
  placement(item: Y.Item, depth = 0): { key: string | null; inRoot: boolean } {
    const parent: unknown = item.parent;
    if (typeof parent === 'string') return { key: item.parentSub, inRoot: true };
    if (parent instanceof Y.AbstractType) return { key: item.parentSub, inRoot: parent._item === null };
    if (parent instanceof Y.ID) return { key: item.parentSub, inRoot: false };
    const ref = item.origin ?? item.rightOrigin;
    const other = ref ? this.itemAt(ref) : null;
    return other && depth < 10_000 ? this.placement(other, depth + 1) : { key: null, inRoot: false };
  }

  /**
   * How many types contain `item` (1: directly in a root field). Stops counting past MAX_NESTING
   * (returns MAX_NESTING + 1); null when the parent cannot be found.
   */
  nesting(item: Y.Item, hops = 0): number | null {
    const cached = this.nestingMemo.get(item);
    if (cached !== undefined) return cached;
    if (hops > 10_000) return null;
    let depth: number | null;
    const parent: unknown = item.parent;
    if (typeof parent === 'string') depth = 1;
    else if (parent instanceof Y.AbstractType) depth = typeNesting(parent) + 1;
    else {
      // The parent is a type item (by id): one level deeper than it. Or the parent is implied by
      // the left/right neighbour: as deep as that neighbour.
      const ref = parent instanceof Y.ID ? parent : (item.origin ?? item.rightOrigin);
      const other = ref ? this.itemAt(ref) : null;
      const base = other ? (other.parent instanceof Y.AbstractType && !(parent instanceof Y.ID) ? typeNesting(other.parent) + 1 : this.nesting(other, hops + 1)) : null;
      depth = base === null ? null : parent instanceof Y.ID ? base + 1 : base;
    }
    if (depth !== null) depth = Math.min(depth, MAX_NESTING + 1);
    this.nestingMemo.set(item, depth);
    return depth;
  }

  rootOf(item: Y.Item, depth = 0): string | null {
    if (this.memo.has(item)) return this.memo.get(item)!;
    if (depth > 10_000) return null;
    let root: string | null = null;
    const parent: unknown = item.parent;
    if (typeof parent === 'string') root = parent;
    else if (parent instanceof Y.AbstractType) root = this.rootOfType(parent);
    else {
      // The parent is a type item (by id), or is implied by the left/right neighbour.
      const ref = parent instanceof Y.ID ? parent : (item.origin ?? item.rightOrigin);
      const other = ref ? this.itemAt(ref) : null;
      if (other && parent instanceof Y.ID) {
        root = other.content instanceof Y.ContentType && other.content.type._item ? this.rootOfType(other.content.type) : this.rootOf(other, depth + 1);
      } else if (other) {
        root = other.parent instanceof Y.AbstractType ? this.rootOfType(other.parent) : this.rootOf(other, depth + 1);
      }
    }
    this.memo.set(item, root);
    return root;
  }
}

/** Nesting of an integrated type: 0 for a root type, +1 per containing type (stops past the limit). */
function typeNesting(type: Y.AbstractType<unknown>): number {
  let depth = 0;
  for (let current = type; current._item && depth <= MAX_NESTING; depth++) {
    const parent = current._item.parent;
    if (!(parent instanceof Y.AbstractType)) break;
    current = parent;
  }
  return depth;
}
