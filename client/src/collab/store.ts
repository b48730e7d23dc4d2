import { useCallback, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { keepIdentical } from './structuralShare.ts';

/** A value that changes over time, with a listener set (what useSyncExternalStore reads). */
export interface ReadableStore<T> {
  get(): T;
  subscribe(listener: () => void): () => void;
}

/**
 * A value derived from a source that says when it may have changed (a Yjs type, awareness…).
 * The source is watched only while someone listens; each change re-reads the value, keeps the
 * unchanged parts identical (structural sharing) and notifies only when something really changed.
 * `delayMs` batches bursts (typing): the value is re-read at most once per delay, after the burst
 * started, for values nobody needs within the same frame (summaries, outline dots).
 */
export class DerivedStore<T> implements ReadableStore<T> {
  private value: T | undefined;
  private hasValue = false;
  private fresh = false;
  private readonly listeners = new Set<() => void>();
  private unwatch: (() => void) | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readAtVersion: number | null = null;

  /**
   * `version` (optional) changes whenever the source may have changed (e.g. a counter of the
   * doc's transactions): an unwatched store then reads again only if it moved. React asks for a
   * value several times while rendering before it subscribes; without it, each of those is a
   * full read (for a fragment summary: its whole text), for every slot of the page at open.
   */
  constructor(
    private readonly read: () => T,
    private readonly watch: (onChange: () => void) => () => void,
    private readonly delayMs = 0,
    private readonly version?: () => number,
  ) {}

  get = (): T => {
    // Unwatched, nothing says when it changes: read again (sharing what did not change), unless
    // the source's version says nothing happened since the last read.
    if (!this.unwatch && this.hasValue && this.version && this.version() === this.readAtVersion) return this.value as T;
    if (!this.fresh || !this.unwatch) this.refresh();
    return this.value as T;
  };

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (!this.unwatch) {
      this.unwatch = this.watch(this.onSourceChange);
      this.fresh = false;
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size > 0 || !this.unwatch) return;
      this.unwatch();
      this.unwatch = null;
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
    };
  };

  private refresh(): void {
    this.readAtVersion = this.version ? this.version() : null;
    const next = this.read();
    this.value = this.hasValue ? keepIdentical(this.value as T, next) : next;
    this.hasValue = true;
    this.fresh = true;
  }

  private onSourceChange = () => {
    if (this.delayMs === 0) return this.update();
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.update();
    }, this.delayMs);
  };

  private update() {
    const before = this.value;
    this.refresh();
    if (this.value !== before) for (const listener of [...this.listeners]) listener();
  }
}

/**
 * A value computed from several stores (a slot's languages, every slot of the agenda), recomputed
 * when one of them changes and kept identical while its data is the same.
 */
export class CombinedStore<T, R> implements ReadableStore<R> {
  private last: { inputs: T[]; value: R } | null = null;

  constructor(
    private readonly sources: ReadonlyArray<ReadableStore<T>>,
    private readonly combine: (values: T[]) => R,
  ) {}

  get = (): R => {
    const inputs = this.sources.map((source) => source.get());
    const last = this.last;
    if (last && inputs.every((value, i) => value === last.inputs[i])) return last.value;
    const value = last ? keepIdentical(last.value, this.combine(inputs)) : this.combine(inputs);
    this.last = { inputs, value };
    return value;
  };

  subscribe = (listener: () => void): (() => void) => {
    const unsubscribes = this.sources.map((source) => source.subscribe(listener));
    return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
  };
}

/** A DerivedStore source: a Yjs type and everything inside it. */
export const watchDeep = (type: Y.AbstractType<any>) /* any Yjs type: their event types differ */ => (onChange: () => void) => {
  const handler = () => onChange();
  type.observeDeep(handler);
  return () => type.unobserveDeep(handler);
};

/** The store's current value; the component renders again only when it changes. */
export function useStore<T>(store: ReadableStore<T>): T {
  return useSyncExternalStore(store.subscribe, store.get);
}

/**
 * A part of a store's value, kept identical while it holds the same data: the component renders
 * only when its part changes, not when anything else in the store does. `select` may use values
 * from the render; list them in `deps`.
 */
export function useStoreSelector<T, S>(store: ReadableStore<T>, select: (value: T) => S, deps: readonly unknown[] = []): S {
  const cache = useRef<{ source: T; deps: readonly unknown[]; selected: S } | null>(null);
  const getSnapshot = useCallback(() => {
    const source = store.get();
    const c = cache.current;
    if (c && c.source === source && c.deps.length === deps.length && c.deps.every((d, i) => Object.is(d, deps[i]))) return c.selected;
    const selected = c ? keepIdentical(c.selected, select(source)) : select(source);
    cache.current = { source, deps, selected };
    return selected;
  }, [store, ...deps]);
  return useSyncExternalStore(store.subscribe, getSnapshot);
}
