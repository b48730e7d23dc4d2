/**
 * Which slots have their editors mounted. A slot mounts when it comes within MOUNT_MARGIN of the
 * viewport (or is asked for: a jump, an insertion, a suggestion to accept) and stays mounted after
 * it scrolls away, until more than `maxEditors` editors are live: then the slots seen longest ago
 * are unmounted, never one holding the focus or an input-method composition. A meeting of ordinary
 * size therefore keeps every editor it has shown, and a 40-slot, 2-day meeting a bounded number.
 * An unmounted slot keeps its measured height (the page does not jump) and its editors' selections
 * (EditorRegistry).
 */
export const MOUNT_MARGIN = '100% 0px';
/** About the editors of a dozen bilingual slots: more than a screenful, far fewer than 40 slots. */
export const MAX_LIVE_EDITORS = 32;

interface SlotEntry {
  element: HTMLElement;
  editors: number;
  near: boolean;
  mounted: boolean;
  /** When it was last near the viewport or asked for (for least-recently-seen eviction). */
  seen: number;
  height: number | null;
}

export class SlotMounts {
  private readonly slots = new Map<string, SlotEntry>();
  private readonly ids = new WeakMap<Element, string>();
  /** Asked for before their section was on the page (a link to `#slot-<id>` at load). */
  private readonly requested = new Set<string>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly observer: IntersectionObserver | null;
  private composing: Element | null = null;
  private clock = 0;

  constructor(private readonly maxEditors = MAX_LIVE_EDITORS) {
    this.observer = typeof IntersectionObserver === 'undefined' ? null : new IntersectionObserver(this.onIntersect, { rootMargin: MOUNT_MARGIN });
    document.addEventListener('compositionstart', this.onCompositionStart, true);
    document.addEventListener('compositionend', this.onCompositionEnd, true);
    document.addEventListener('focusin', this.onFocusMoved);
  }

  /** Starts watching a slot's section (with `editors` editors when mounted); returns the stop function. */
  observe(slotId: string, element: HTMLElement, editors: number): () => void {
    const previous = this.slots.get(slotId);
    const asked = this.requested.delete(slotId);
    this.slots.set(slotId, { element, editors, near: false, mounted: asked || (previous?.mounted ?? !this.observer), seen: asked ? ++this.clock : (previous?.seen ?? 0), height: previous?.height ?? null });
    this.ids.set(element, slotId);
    this.observer?.observe(element);
    return () => {
      this.observer?.unobserve(element);
      if (this.slots.get(slotId)?.element === element) this.slots.delete(slotId);
    };
  }

  isMounted = (slotId: string): boolean => this.slots.get(slotId)?.mounted ?? false;

  /** The height the slot's editors area had when it was last unmounted (null: never measured). */
  heightOf(slotId: string): number | null {
    return this.slots.get(slotId)?.height ?? null;
  }

  rememberHeight(slotId: string, height: number): void {
    const slot = this.slots.get(slotId);
    if (slot && height > 0) slot.height = height;
  }

  /** Mounts a slot's editors now, wherever it is (they may go again once it is long out of view). */
  request = (slotId: string): void => {
    const slot = this.slots.get(slotId);
    if (!slot) {
      this.requested.add(slotId);
      return;
    }
    slot.seen = ++this.clock;
    this.setMounted(slotId, slot, true);
    this.evict();
  };

  subscribe(slotId: string, listener: () => void): () => void {
    let set = this.listeners.get(slotId);
    if (!set) this.listeners.set(slotId, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Live editors now. */
  liveEditors(): number {
    let n = 0;
    for (const slot of this.slots.values()) if (slot.mounted) n += slot.editors;
    return n;
  }

  destroy(): void {
    this.observer?.disconnect();
    document.removeEventListener('compositionstart', this.onCompositionStart, true);
    document.removeEventListener('compositionend', this.onCompositionEnd, true);
    document.removeEventListener('focusin', this.onFocusMoved);
  }

  private onIntersect = (entries: IntersectionObserverEntry[]) => {
    for (const entry of entries) {
      const id = this.ids.get(entry.target);
      const slot = id && this.slots.get(id);
      if (!slot) continue;
      slot.near = entry.isIntersecting;
      if (slot.near) {
        slot.seen = ++this.clock;
        this.setMounted(id, slot, true);
      }
    }
    this.evict();
  };

  /** Unmounts the least recently seen slots out of view until the live editors fit the budget. */
  private evict() {
    let live = this.liveEditors();
    if (live <= this.maxEditors) return;
    const candidates = [...this.slots].filter(([, slot]) => slot.mounted && !slot.near && !this.isBusy(slot)).sort((a, b) => a[1].seen - b[1].seen);
    for (const [id, slot] of candidates) {
      if (live <= this.maxEditors) break;
      this.setMounted(id, slot, false);
      live -= slot.editors;
    }
  }

  /** A slot whose editor has the focus or an input-method composition is never unmounted. */
  private isBusy(slot: SlotEntry): boolean {
    return slot.element.contains(document.activeElement) || (this.composing !== null && slot.element.contains(this.composing));
  }

  private setMounted(slotId: string, slot: SlotEntry, mounted: boolean) {
    if (slot.mounted === mounted) return;
    slot.mounted = mounted;
    for (const listener of [...(this.listeners.get(slotId) ?? [])]) listener();
  }

  private onCompositionStart = (event: Event) => {
    this.composing = event.target instanceof Element ? event.target : null;
  };

  private onCompositionEnd = () => {
    this.composing = null;
  };

  /** The slot that had the focus may go now, if it is far and over the budget. */
  private onFocusMoved = () => queueMicrotask(() => this.evict());
}
