/**
 * Which slots have their editors mounted. A slot mounts when it comes within MOUNT_MARGIN of the
 * viewport (or is asked for: a jump, an insertion, a suggestion to accept). Once it scrolls out of
 * that band it stays mounted only while it is one of the `keptFarSlots` seen most recently (so a
 * slot just scrolled past, or one asked for, does not blink); older ones unmount at once, never
 * one holding the focus or an input-method composition. The live editors are therefore those of
 * the viewport's band plus a couple of slots, whatever the meeting's size: the page's memory does
 * not grow with the slots a reader has scrolled through (issue 12: heap after 5 minutes of writers
 * within 1.3x the heap after open). An unmounted slot keeps its measured height (the page does not
 * jump) and its editors' selections (EditorRegistry).
 */
export const MOUNT_MARGIN = '100% 0px';
/** Slots out of the band kept mounted: the one just scrolled past in each direction, or one asked for. */
export const KEPT_FAR_SLOTS = 2;

interface SlotEntry {
  element: HTMLElement;
  editors: number;
  near: boolean;
  mounted: boolean;
  /** When it was last near the viewport or asked for (for least-recently-seen eviction). */
  seen: number;
  /** Asked for and not near yet (a jump scrolling there): stays mounted until it has been near once. */
  pinned: boolean;
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

  constructor(private readonly keptFarSlots = KEPT_FAR_SLOTS) {
    this.observer = typeof IntersectionObserver === 'undefined' ? null : new IntersectionObserver(this.onIntersect, { rootMargin: MOUNT_MARGIN });
    document.addEventListener('compositionstart', this.onCompositionStart, true);
    document.addEventListener('compositionend', this.onCompositionEnd, true);
    document.addEventListener('focusin', this.onFocusMoved);
  }

  /** Starts watching a slot's section (with `editors` editors when mounted); returns the stop function. */
  observe(slotId: string, element: HTMLElement, editors: number): () => void {
    const previous = this.slots.get(slotId);
    const asked = this.requested.delete(slotId);
    this.slots.set(slotId, {
      element,
      editors,
      near: false,
      mounted: asked || (previous?.mounted ?? !this.observer),
      seen: asked ? ++this.clock : (previous?.seen ?? 0),
      pinned: asked || (previous?.pinned ?? false),
      height: previous?.height ?? null,
    });
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
    // One pin at a time: the slot asked for last is where the reader is going.
    for (const other of this.slots.values()) other.pinned = false;
    const slot = this.slots.get(slotId);
    if (!slot) {
      this.requested.add(slotId);
      return;
    }
    slot.seen = ++this.clock;
    slot.pinned = !slot.near;
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
      // Seen until now when it leaves the band: the slot just scrolled past is the last to go.
      slot.seen = ++this.clock;
      if (slot.near) {
        slot.pinned = false;
        this.setMounted(id, slot, true);
      }
    }
    this.evict();
  };

  /** Unmounts the slots out of the band beyond the `keptFarSlots` seen most recently (busy and pinned ones stay, uncounted). */
  private evict() {
    const far = [...this.slots].filter(([, slot]) => slot.mounted && !slot.near && !slot.pinned && slot.editors > 0 && !this.isBusy(slot)).sort((a, b) => b[1].seen - a[1].seen);
    for (const [id, slot] of far.slice(this.keptFarSlots)) this.setMounted(id, slot, false);
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
