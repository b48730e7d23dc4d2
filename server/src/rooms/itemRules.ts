import * as Y from 'yjs';
import { childNode, type DocKind, type DocNode, type MapNode } from '../../../shared/src/model/schema/documents.ts';
import { ItemPlacer, MAX_NESTING, type TypeInfo } from './itemPlacement.ts';
import { richTextProblem } from './richTextRules.ts';
import { changeRuleOf, checkValues, type Signer } from './valueRules.ts';

// Bound once: run through tsx, each `Y.X` is a getter call (see itemPlacement.ts).
const { ContentAny, ContentDeleted, ContentDoc, ContentType, XmlHook, Array: YArray, Map: YMap, getState } = Y;

export type RefusalReason = 'malformed' | 'missing-dependencies' | 'outside-schema' | 'forbidden-field' | 'forbidden-value' | 'not-owner' | 'not-signer';
export interface Refusal {
  reason: RefusalReason;
  detail: string;
}

export interface RuleOptions {
  docKind: DocKind;
  /** Root fields this connection may change (insert into or delete from); all when omitted. */
  canWriteRoot?: (rootName: string) => boolean;
  /**
   * Per-author ownership (review doc, non-chair writers): what another user created may only change
   * where the document model marks the field shared. Omitted: no ownership rule.
   */
  ownership?: { userId: string; ownerOf: (client: number) => string | undefined };
  /** Who writes: signer fields must name this user. Omitted (server changes, anonymous test servers): not checked. */
  signer?: Signer;
  /** Whether the writer may approve minutes (the chair). Omitted: the writer is not known, no approval rule. */
  mayApprove?: boolean;
  /** Review doc: whether the writer is an account linked to a roster entry (who confirms for a delegation). Omitted: no confirmation rule. */
  isMemberOf?: (rosterId: string) => boolean;
}

/** Ranges of one update's delete set, sorted per client on first use (a hostile one may arrive unsorted). */
export class DeleteLookup {
  private readonly sorted = new Map<number, Array<{ clock: number; len: number }>>();

  constructor(private readonly ds: ReturnType<typeof Y.decodeUpdate>['ds']) {}

  has(id: Y.ID): boolean {
    let list = this.sorted.get(id.client);
    if (!list) {
      const ranges = this.ds.clients.get(id.client);
      if (!ranges) return false;
      list = [...ranges].sort((a, b) => a.clock - b.clock);
      this.sorted.set(id.client, list);
    }
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const { clock, len } = list[mid]!;
      if (id.clock < clock) hi = mid - 1;
      else if (id.clock >= clock + len) lo = mid + 1;
      else return true;
    }
    return false;
  }
}

const refuse = (reason: RefusalReason, detail: string): Refusal => ({ reason, detail });
const quoted = (text: string) => JSON.stringify(text.slice(0, 40));
const label = (parent: TypeInfo, key: string | null) => `${parent.root}${parent.depth > 0 ? '/…' : ''}${key === null ? '[]' : `/${key.slice(0, 40)}`}`;

/** Whether anyone who may comment may change `key` of a map at `parent` (review doc). */
function isShared(parent: DocNode | null, key: string | null): boolean {
  if (!parent) return false;
  if (parent.kind === 'record' && parent.shared) return true;
  return key !== null && childNode(parent, key)?.shared === true;
}

/** A map's current live item under `key`, in the doc. */
function liveItemAt(type: Y.AbstractType<any> | null, key: string): Y.Item | null {
  const item = type?._map.get(key);
  return item && !item.deleted ? item : null;
}

const valueOf = (item: Y.Item | null): unknown => (item?.content instanceof ContentAny ? item.content.arr[item.content.arr.length - 1] : undefined);

/**
 * The rules for one update, item by item (see docs/document-model.md): every new item must land
 * where the document model has a place for it, with content of the kind and schema that place
 * takes; writing a map key that holds a value removes that value, and removing is subject to the
 * same ownership, approval and required-field rules as a deletion. Tallies across the update
 * (keys a new map arrives with, entries added to lists and records) are checked by `finish()`.
 */
export class UpdateRules {
  /** Keys given a live value in this update, per map (TypeInfo.ref). */
  private readonly liveKeys = new Map<string, Set<string>>();
  private readonly newMaps: Array<{ item: Y.Item; node: MapNode; parent: TypeInfo; key: string | null }> = [];
  private readonly removedRequired: Array<{ ref: string; key: string; label: string }> = [];
  private readonly added = new Map<string, { parent: TypeInfo; count: number; keys: Set<string> }>();

  constructor(
    private readonly doc: Y.Doc,
    readonly placer: ItemPlacer,
    private readonly deletes: DeleteLookup,
    private readonly options: RuleOptions,
  ) {}

  /** Checks one new item of the update. */
  newItem(item: Y.Item): Refusal | null {
    const placement = this.placer.placementOf(item);
    if (placement === 'discarded') return null; // Yjs collects it on arrival: it changes nothing
    if (placement === 'unplaceable') return refuse('missing-dependencies', 'item cannot be placed in a known field');
    if (placement === 'too-deep') return refuse('outside-schema', `nesting deeper than ${MAX_NESTING} levels`);
    const { parent, key } = placement;
    if (!parent.node) {
      return parent.depth === 0 ? refuse('outside-schema', `field ${quoted(parent.root)} is not part of the document model`) : refuse('outside-schema', `${label(parent, parent.key)} has no place in the document model`);
    }
    if (this.options.canWriteRoot && !this.options.canWriteRoot(parent.root)) return refuse('forbidden-field', `this role may not change ${quoted(parent.root)}`);
    const content = item.content;
    if (content instanceof ContentDoc) return refuse('outside-schema', 'sub-documents are not allowed');
    if (content instanceof ContentType && parent.depth + 1 > MAX_NESTING) return refuse('outside-schema', `nesting deeper than ${MAX_NESTING} levels`);
    const live = !(content instanceof ContentDeleted) && !this.deletes.has(item.id);
    if (key !== null && live) this.keysOf(parent.ref).add(key);

    const current = key !== null ? liveItemAt(parent.integrated, key) : null;
    let problem: Refusal | null;
    if (parent.node.kind === 'richText') {
      const text = richTextProblem(item, parent, key);
      problem = text ? refuse('outside-schema', text) : null;
    } else {
      problem = this.modelProblem(item, parent, key, current);
    }
    if (problem) return problem;
    if (this.options.ownership) {
      const ownership = this.ownershipOfNew(item, parent, key);
      if (ownership) return ownership;
    }
    // Writing a key that holds a value replaces it: a removal of that value, by this writer.
    if (current && current !== item) {
      const removal = this.removalProblem(current, parent, key!, 'replace');
      if (removal) return removal;
      if (!live) this.noteRemoval(parent, key!);
    }
    this.tally(parent, key, content, current);
    return null;
  }

  /** Checks the deletion of an item of the doc (from the update's delete set). */
  deletion(item: Y.Item): Refusal | null {
    const parent = this.placer.infoOfIntegrated(item.parent as Y.AbstractType<any>);
    if (this.options.canWriteRoot && !this.options.canWriteRoot(parent.root)) return refuse('forbidden-field', `this role may not delete from ${quoted(parent.root)}`);
    const key = item.parentSub;
    // A key given a new value in this update is replaced, not removed: checked with the new item.
    if (key !== null && this.keysOf(parent.ref).has(key)) return null;
    const problem = this.removalProblem(item, parent, key, 'delete');
    if (problem) return problem;
    if (key !== null) this.noteRemoval(parent, key);
    return null;
  }

  /** Tallies across the update: required keys of new maps and removed ones, list and record caps. */
  finish(): Refusal | null {
    for (const { item, node, parent, key } of this.newMaps) {
      if (this.deletes.has(item.id)) continue;
      const keys = this.liveKeys.get(`${item.id.client}:${item.id.clock}`);
      const missing = node.required.find((required) => !keys?.has(required));
      if (missing) return refuse('outside-schema', `a new ${label(parent, key)} must have ${quoted(missing)}`);
    }
    for (const { ref, key, label: where } of this.removedRequired) {
      if (!this.liveKeys.get(ref)?.has(key)) return refuse('outside-schema', `${where} may not be removed`);
    }
    for (const { parent, count, keys } of this.added.values()) {
      const node = parent.node;
      // `_length`, not `length`: a root list the server never asked for by type (doc.getArray) is a
      // bare AbstractType after applyUpdate, without YArray's `length` getter.
      if (node?.kind === 'array' && (parent.integrated ? parent.integrated._length : 0) + count > node.maxLength) {
        return refuse('outside-schema', `${label(parent, parent.key)} may hold at most ${node.maxLength} entries`);
      }
      if (node?.kind === 'record' && keys.size > 0 && liveEntries(parent.integrated) + keys.size > node.maxEntries) {
        return refuse('outside-schema', `${label(parent, parent.key)} may hold at most ${node.maxEntries} entries`);
      }
    }
    return null;
  }

  private keysOf(ref: string): Set<string> {
    let keys = this.liveKeys.get(ref);
    if (!keys) this.liveKeys.set(ref, (keys = new Set()));
    return keys;
  }

  /** Content against the document model at a map, record or list node. */
  private modelProblem(item: Y.Item, parent: TypeInfo, key: string | null, current: Y.Item | null): Refusal | null {
    const node = parent.node!;
    // Labels (label(parent, key)) are built only for a refusal: this runs for every item of every
    // update, and even a closure per item costs here (tsx wraps each in a naming helper).
    const expectedKind = node.kind === 'array' ? 'array' : 'map';
    if (node.kind === 'value' || parent.yKind !== expectedKind) return refuse('outside-schema', `${label(parent, parent.key)} cannot hold ${label(parent, key)}`);
    if ((key === null) !== (node.kind === 'array')) return refuse('outside-schema', `${label(parent, key)} is not part of the document model`);
    const child = key === null ? (node as { element: DocNode }).element : childNode(node, key);
    if (!child) return refuse('outside-schema', `${label(parent, key)} is not part of the document model`);
    const content = item.content;
    if (content instanceof ContentDeleted) return null;
    if (child.kind === 'value') {
      const verdict = checkValues(child, content, key !== null, this.options.signer);
      if (!verdict.ok) return refuse(verdict.reason, `${label(parent, key)}${verdict.detail}`);
      if (key === 'id' && node.kind === 'map' && node.idIsKey && verdict.values[0] !== parent.key) return refuse('outside-schema', `${label(parent, key)} must equal the entry's key`);
      const rule = changeRuleOf(child);
      const problem = rule?.({ previous: valueOf(current), next: verdict.values[0], mayApprove: this.options.mayApprove, ownsEnclosing: this.ownsEnclosing(parent), key, isMemberOf: this.options.isMemberOf });
      return problem ? refuse('forbidden-value', `${label(parent, key)}: ${problem}`) : null;
    }
    const wanted = child.kind === 'array' ? YArray : child.kind === 'richText' ? null : YMap;
    const type = content instanceof ContentType ? content.type : null;
    if (!wanted || !(type instanceof wanted) || type instanceof XmlHook) return refuse('outside-schema', `${label(parent, key)} must be a ${child.kind === 'array' ? 'Y.Array' : 'Y.Map'}`);
    if (child.kind === 'map' && (child.required.length > 0 || child.idIsKey)) this.newMaps.push({ item, node: child, parent, key });
    return null;
  }

  /** A new item inside a map another user created, on a key that is not shared: refused. */
  private ownershipOfNew(item: Y.Item, parent: TypeInfo, key: string | null): Refusal | null {
    if (key === null || parent.creator === null) return null; // list inserts (replies) and new root entries (threads) are open
    if (this.ownsEnclosing(parent) !== false || isShared(parent.node, key)) return null;
    return refuse('not-owner', `may not change ${quoted(key)} of what another user wrote`);
  }

  /** Whether the writer created the map `parent` (undefined without an ownership rule or for a root). */
  private ownsEnclosing(parent: TypeInfo): boolean | undefined {
    const ownership = this.options.ownership;
    if (!ownership || parent.creator === null) return undefined;
    return this.ownerOfClient(parent.creator) === ownership.userId;
  }

  private ownerOfClient(client: number): string | undefined {
    const ownership = this.options.ownership!;
    // A client id this update introduces is the writer's (the room refuses ids bound to others).
    if (!ownership.ownerOf(client) && getState(this.doc.store, client) === 0) return ownership.userId;
    return ownership.ownerOf(client);
  }

  /** Removing `item` (deleted, or replaced by a new value under its key): ownership and change rules. */
  private removalProblem(item: Y.Item, parent: TypeInfo, key: string | null, how: 'delete' | 'replace'): Refusal | null {
    const ownership = this.options.ownership;
    if (ownership && this.ownerOfClient(item.id.client) !== ownership.userId && !isShared(parent.node, key)) {
      return refuse('not-owner', `may not ${how} what another user wrote${key !== null ? ` (${key.slice(0, 40)})` : ''}`);
    }
    const node = key !== null && parent.node && parent.node.kind !== 'richText' ? childNode(parent.node, key) : null;
    const rule = node && how === 'delete' ? changeRuleOf(node) : undefined;
    const problem = rule?.({ previous: valueOf(item), next: undefined, mayApprove: this.options.mayApprove, ownsEnclosing: this.ownsEnclosing(parent), key, isMemberOf: this.options.isMemberOf });
    return problem ? refuse('forbidden-value', `${label(parent, key)}: ${problem}`) : null;
  }

  /** A key removed without a new value: refused at the end if it is required and its map lives on. */
  private noteRemoval(parent: TypeInfo, key: string): void {
    const node = parent.node;
    if (node?.kind !== 'map' || !node.required.includes(key)) return;
    const mapItem = parent.integrated?._item;
    if (mapItem && (mapItem.deleted || this.deletes.has(mapItem.id))) return;
    this.removedRequired.push({ ref: parent.ref, key, label: label(parent, key) });
  }

  private tally(parent: TypeInfo, key: string | null, content: Y.Item['content'], current: Y.Item | null): void {
    const node = parent.node;
    if (node?.kind !== 'array' && node?.kind !== 'record') return;
    if (content instanceof ContentDeleted) return;
    let entry = this.added.get(parent.ref);
    if (!entry) this.added.set(parent.ref, (entry = { parent, count: 0, keys: new Set() }));
    if (node.kind === 'array') entry.count += content.getLength();
    else if (key !== null && !current) entry.keys.add(key);
  }
}

/** Live entries of a map in the doc (counted once per update, only when new keys arrive). */
function liveEntries(type: Y.AbstractType<any> | null): number {
  let count = 0;
  if (type) for (const item of type._map.values()) if (!item.deleted) count++;
  return count;
}
