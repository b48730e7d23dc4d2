import { createContext, useCallback, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { MeetingStores } from '../collab/meetingStores.ts';
import { presenceStore, type Person } from '../collab/presence.ts';
import type { QuorumProvider } from '../collab/quorumProvider.ts';
import { ReviewStores } from '../collab/reviewStores.ts';
import type { ReadableStore } from '../collab/store.ts';
import type { CollabUser } from '../collab/useCollabSession.ts';
import { EditorRegistry } from '../editor/editorRegistry.ts';
import { ImageUploads } from '../editor/imageUploads.ts';
import { FocusedEditor } from './focusedEditor.ts';
import { SlotMounts } from './slotMounts.ts';

/**
 * What every part of the open meeting reads from, created once per open document: the docs'
 * stores (granular subscriptions), presence, the mounted editors and which slots are mounted.
 * The value never changes while the meeting is open, so providing it renders nothing again.
 */
export interface MeetingContextValue {
  meetingId: string;
  doc: Y.Doc;
  provider: QuorumProvider;
  user: CollabUser;
  stores: MeetingStores;
  /** The review doc's stores once it is synced. */
  review: ReviewStores | null;
  presence: ReadableStore<Person[]>;
  editors: EditorRegistry;
  mounts: SlotMounts;
  focused: FocusedEditor;
  /** Image uploads into the minutes (toolbar button, paste, drop). */
  images: ImageUploads;
}

const MeetingContext = createContext<MeetingContextValue | null>(null);

export function useMeeting(): MeetingContextValue {
  const value = useContext(MeetingContext);
  if (!value) throw new Error('useMeeting outside a MeetingProvider');
  return value;
}

export function MeetingProvider({ meetingId, doc, provider, user, review, children }: { meetingId: string; doc: Y.Doc; provider: QuorumProvider; user: CollabUser; review: Y.Doc | null; children: ReactNode }) {
  const stores = useMemo(() => new MeetingStores(doc), [doc]);
  const reviewStores = useMemo(() => (review ? new ReviewStores(review) : null), [review]);
  const presence = useMemo(() => presenceStore(provider), [provider]);
  const editors = useMemo(() => new EditorRegistry(), [doc]);
  const mounts = useMemo(() => {
    const created = new SlotMounts();
    // A link to `#slot-<id>`: that slot's editors are in the first render, before the
    // workspace's effect scrolls there (the slot a reader opened is the first one editable).
    const hashSlot = /^#slot-([A-Za-z0-9_-]+)$/.exec(location.hash)?.[1];
    if (hashSlot) created.request(hashSlot);
    return created;
  }, [doc]);
  const focused = useMemo(() => new FocusedEditor(), [doc]);
  const images = useMemo(() => new ImageUploads(meetingId), [meetingId]);
  useEffect(() => () => mounts.destroy(), [mounts]);
  const value = useMemo<MeetingContextValue>(
    () => ({ meetingId, doc, provider, user, stores, review: reviewStores, presence, editors, mounts, focused, images }),
    [meetingId, doc, provider, user, stores, reviewStores, presence, editors, mounts, focused, images],
  );
  return <MeetingContext.Provider value={value}>{children}</MeetingContext.Provider>;
}

/** Whether a slot's editors are mounted now (see SlotMounts); `element` is the slot's section. */
export function useSlotMounted(slotId: string, element: HTMLElement | null, editors: number): boolean {
  const { mounts } = useMeeting();
  useEffect(() => (element ? mounts.observe(slotId, element, editors) : undefined), [mounts, slotId, element, editors]);
  const subscribe = useCallback((onChange: () => void) => mounts.subscribe(slotId, onChange), [mounts, slotId]);
  return useSyncExternalStore(subscribe, () => mounts.isMounted(slotId));
}
