import * as Y from 'yjs';
import { RICH_TEXT, childNode, rootNode, type DocKind, type DocNode } from '../../../shared/src/model/schema/documents.ts';

export type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number];

// Bound once: run through tsx, each `Y.X` is a getter call, and this runs for every item of every
// update (bench/validation.ts).
const { AbstractType, ContentType, GC, ID, Item, Skip, XmlElement, XmlFragment, XmlHook, XmlText, Array: YArray, Map: YMap, Text: YText, getItem, getState } = Y;

/**
 * Deepest nesting of types (elements, maps, arrays) an update may create. Real minutes stay far
 * below (a table cell in a list in a quote is about 10); a hostile update nesting thousands deep
 * would be stored, then overflow the stack of every recursive reader: the editor, exports, Yjs's
 * own toString.
 */
export const MAX_NESTING = 48;

export type YKind = 'map' | 'array' | 'xmlFragment' | 'xmlElement' | 'xmlText' | 'other';

/** A Yjs type an item of the update lands in (a root field, or a type in the doc or in the update). */
export interface TypeInfo {
  /** `root:<name>`, or the id of the item holding the type: one key per type, in the doc and the update. */
  ref: string;
  /** The root field the type lives under. */
  root: string;
  /** The map key the type sits under in its parent (null for a root field or a list element). */
  key: string | null;
  /** Its node in the document model; null when it has no place there. */
  node: DocNode | null;
  yKind: YKind;
  /** An XmlElement's node name. */
  nodeName: string | null;
  /** 0 for a root field, +1 per enclosing type. */
  depth: number;
  /** The client that created the type (null for a root field). */
  creator: number | null;
  /** The type as it is in the doc, when it is already there. */
  integrated: Y.AbstractType<any> | null;
}

/** Where an item lands: in which type, under which map key (null: a list position). */
export interface Placement {
  parent: TypeInfo;
  key: string | null;
}

/**
 * Not placed: `discarded` when Yjs will collect the item on arrival (its neighbour or parent is
 * already collected: it can change nothing), `unplaceable` when it cannot be told where it lands,
 * `too-deep` past MAX_NESTING.
 */
export type PlacementResult = Placement | 'discarded' | 'unplaceable' | 'too-deep';

function kindOf(type: unknown): YKind {
  // Subclasses first: XmlText extends Text, XmlElement extends XmlFragment, XmlHook extends Map.
  if (type instanceof XmlText) return 'xmlText';
  if (type instanceof XmlElement) return 'xmlElement';
  if (type instanceof XmlFragment) return 'xmlFragment';
  if (type instanceof XmlHook || type instanceof YText) return 'other';
  if (type instanceof YMap) return 'map';
  if (type instanceof YArray) return 'array';
  return 'other';
}

/** The node of a type created under `key` of `parent` (rich text continues inside rich text). */
function nodeUnder(parent: TypeInfo, key: string | null): DocNode | null {
  const node = parent.node;
  if (!node) return null;
  if (node.kind === 'richText') return key === null ? RICH_TEXT : null;
  if (key !== null) return childNode(node, key);
  return node.kind === 'array' ? node.element : null;
}

/**
 * Tells, for every item of an update, which type it lands in and under which key: the path from
 * its root field, its node in the document model, who created the enclosing type. On the wire an
 * item names its parent only when it has no neighbours; otherwise it takes its left (or right)
 * neighbour's parent and key, and that neighbour may be in the doc or earlier in the update.
 * Everything is memoised per update: a typed character costs a walk from its text up to its root.
 */
export class ItemPlacer {
  /** Structs of this update (items and GCs, not skips) by client, in clock order. */
  private readonly byClient = new Map<number, Struct[]>();
  /**
   * Type infos of types in the doc, kept across updates: where a type sits never changes once it
   * is in the doc, so typing into a paragraph walks up to its root field once, not per keystroke.
   */
  private static readonly integratedInfo = new WeakMap<Y.AbstractType<any>, TypeInfo>();
  private rootNamesCache: Map<unknown, string> | null = null;
  private readonly newTypeInfo = new Map<Y.Item, TypeInfo | 'discarded' | 'unplaceable' | 'too-deep'>();
  private readonly placements = new Map<Y.Item, PlacementResult>();

  constructor(private readonly doc: Y.Doc, private readonly docKind: DocKind, structs: Struct[]) {
    for (const struct of structs) {
      if (struct instanceof Skip) continue;
      const list = this.byClient.get(struct.id.client) ?? [];
      list.push(struct);
      this.byClient.set(struct.id.client, list);
    }
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

  /** The struct at `id`, in the doc or in this update. */
  structAt(id: Y.ID): Struct | null {
    if (id.clock < getState(this.doc.store, id.client)) return getItem(this.doc.store, id) as Struct;
    return this.updateStruct(id.client, id.clock);
  }

  /** Where an item of the doc or of this update lands. `hops`: levels of nesting walked so far. */
  placementOf(item: Y.Item, hops = 0): PlacementResult {
    const known = this.placements.get(item);
    if (known !== undefined) return known;
    // Follow neighbours iteratively (a pasted list is a chain of thousands), then memoise the chain.
    const chain: Y.Item[] = [];
    let current = item;
    let result: PlacementResult;
    for (;;) {
      const memo = this.placements.get(current);
      if (memo !== undefined) {
        result = memo;
        break;
      }
      const parent: unknown = current.parent;
      if (parent instanceof AbstractType) {
        result = { parent: this.infoOfIntegrated(parent), key: current.parentSub };
        break;
      }
      // On the wire an item has neighbours or names its parent. Yjs collects it on arrival when a
      // neighbour is already collected (a GC struct), else takes the left (or right) one's parent.
      const left = current.origin ? this.structAt(current.origin) : null;
      const right = current.rightOrigin ? this.structAt(current.rightOrigin) : null;
      if (left instanceof GC || right instanceof GC) {
        result = 'discarded';
        break;
      }
      if (typeof parent === 'string') {
        result = { parent: this.rootInfo(parent), key: current.parentSub };
        break;
      }
      if (parent instanceof ID) {
        const info = this.infoOfTypeAt(parent, hops);
        result = typeof info === 'string' ? info : { parent: info, key: current.parentSub };
        break;
      }
      const neighbour = left ?? right;
      if (!(neighbour instanceof Item) || chain.length > 1_000_000) {
        result = 'unplaceable';
        break;
      }
      chain.push(current);
      current = neighbour;
    }
    chain.push(current);
    for (const link of chain) this.placements.set(link, result);
    return result;
  }

  /** The name of a root type of the doc (built once per update, only when a root is reached this way). */
  private rootNameOf(type: Y.AbstractType<any>): string {
    if (!this.rootNamesCache) {
      this.rootNamesCache = new Map();
      for (const [name, root] of this.doc.share) this.rootNamesCache.set(root, name);
    }
    return this.rootNamesCache.get(type) ?? '';
  }

  private rootInfo(name: string): TypeInfo {
    const ref = `root:${name}`;
    const integrated = this.doc.share.get(name) ?? null;
    const cached = integrated ? ItemPlacer.integratedInfo.get(integrated) : undefined;
    if (cached) return cached;
    const node = rootNode(this.docKind, name);
    const yKind: YKind = node?.kind === 'richText' ? 'xmlFragment' : node?.kind === 'array' ? 'array' : node ? 'map' : 'other';
    const info: TypeInfo = { ref, root: name, key: null, node, yKind, nodeName: null, depth: 0, creator: null, integrated };
    if (integrated) ItemPlacer.integratedInfo.set(integrated, info);
    return info;
  }

  /** The type info of a type that is in the doc (walks up to its root once, memoised). */
  infoOfIntegrated(type: Y.AbstractType<any>): TypeInfo {
    const cached = ItemPlacer.integratedInfo.get(type);
    if (cached) return cached;
    const item = type._item;
    if (!item) return this.rootInfo(this.rootNameOf(type));
    const parentType = item.parent as Y.AbstractType<any>;
    const parent = this.infoOfIntegrated(parentType);
    const info = this.childInfo(parent, item.parentSub, type, item);
    info.integrated = type;
    ItemPlacer.integratedInfo.set(type, info);
    return info;
  }

  /** The type held by the item at `id` (a parent named by id), in the doc or in this update. */
  private infoOfTypeAt(id: Y.ID, hops: number): TypeInfo | 'discarded' | 'unplaceable' | 'too-deep' {
    const struct = this.structAt(id);
    if (struct instanceof GC) return 'discarded';
    if (!(struct instanceof Item) || !(struct.content instanceof ContentType)) return 'unplaceable';
    if (struct.parent instanceof AbstractType) return this.infoOfIntegrated(struct.content.type);
    return this.infoOfNewType(struct, hops + 1);
  }

  /** The type info of a type created in this update. */
  private infoOfNewType(item: Y.Item, hops: number): TypeInfo | 'discarded' | 'unplaceable' | 'too-deep' {
    const cached = this.newTypeInfo.get(item);
    if (cached !== undefined) return cached;
    // Each hop is one level of nesting: past the limit, stop before the stack grows with it.
    if (hops > MAX_NESTING + 1) return 'too-deep';
    const placement = this.placementOf(item, hops);
    const info = typeof placement === 'string' ? placement : this.childInfo(placement.parent, placement.key, (item.content as Y.ContentType).type, item);
    this.newTypeInfo.set(item, info);
    return info;
  }

  private childInfo(parent: TypeInfo, key: string | null, type: unknown, item: Y.Item): TypeInfo {
    const depth = parent.depth + 1;
    return {
      ref: `${item.id.client}:${item.id.clock}`,
      root: parent.root,
      key,
      node: depth > MAX_NESTING ? null : nodeUnder(parent, key),
      yKind: kindOf(type),
      nodeName: type instanceof XmlElement ? type.nodeName : null,
      depth,
      creator: item.id.client,
      integrated: null,
    };
  }
}
