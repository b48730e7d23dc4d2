import type * as Y from 'yjs';

/**
 * One deep observer on a root Y.Map that tells each key's listeners when that key's value (or
 * anything inside it) changed. With one listener per slot, a change to slot A's progress calls
 * slot A's listeners only: the cost of an event is the number of keys it touched, not the number
 * of slots on the page.
 */
export class MapKeyEvents {
  private readonly listeners = new Map<string, Set<() => void>>();
  private observing = false;

  constructor(private readonly map: Y.Map<unknown>) {}

  /** Calls `listener` after each transaction that changed `key`'s entry; returns the unsubscribe. */
  watch(key: string, listener: () => void): () => void {
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    if (!this.observing) {
      this.map.observeDeep(this.onEvents);
      this.observing = true;
    }
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
      if (this.listeners.size === 0 && this.observing) {
        this.map.unobserveDeep(this.onEvents);
        this.observing = false;
      }
    };
  }

  private onEvents = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
    const keys = new Set<string>();
    for (const event of events) {
      if (event.target === (this.map as unknown)) for (const key of (event as Y.YMapEvent<unknown>).keysChanged) keys.add(key);
      else if (typeof event.path[0] === 'string') keys.add(event.path[0]);
    }
    for (const key of keys) for (const listener of [...(this.listeners.get(key) ?? [])]) listener();
  };
}
