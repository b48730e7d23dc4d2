import { useMemo } from 'react';
import type { ThreadData } from '../../../shared/src/model/reviewDoc.ts';
import type { FragmentSummary } from '../collab/meetingStores.ts';
import { useStore, useStoreSelector } from '../collab/store.ts';
import type { Author } from '../review/useAuthorship.ts';
import { useMeeting } from './meetingContext.tsx';

const NO_THREADS: ThreadData[] = [];

/** The summaries of one slot's minutes, one per language (in `languages` order). */
export function useSlotSummaries(slotId: string, languages: readonly string[]): FragmentSummary[] {
  const { stores } = useMeeting();
  return useStore(useMemo(() => stores.slotSummaries(slotId, languages), [stores, slotId, languages]));
}

/** Names of the others working in this slot now (renders again only when they change). */
export function useSlotPeople(slotId: string): string[] {
  const { presence, doc } = useMeeting();
  return useStoreSelector(presence, (people) => people.filter((p) => p.location?.slotId === slotId && p.clientId !== doc.clientID).map((p) => p.name), [slotId, doc]);
}

/** Review threads anchored in this slot. */
export function useSlotThreads(slotId: string): ThreadData[] {
  const { review } = useMeeting();
  const threads = useStoreSelector(review?.threads ?? EMPTY_THREADS_STORE, (all) => all.filter((th) => th.slotId === slotId), [slotId]);
  return threads.length === 0 ? NO_THREADS : threads;
}

const EMPTY_THREADS_STORE = { get: () => NO_THREADS, subscribe: () => () => {} };

const NO_SUMMARIES: FragmentSummary[] = [];
const NO_SUMMARIES_STORE = { get: () => NO_SUMMARIES, subscribe: () => () => {} };

/**
 * Who wrote this slot, in any language (names, sorted), from the doc and the authorship map.
 * Renders the caller only when the names change, not on every change of the slot's text.
 * Only while `shown` (the slot is near the viewport): reading who wrote a slot means reading all
 * its text, which the page must not do for every slot of a long meeting when it opens.
 */
export function useSlotContributors(slotId: string, languages: readonly string[], authors: Map<number, Author>, shown: boolean): string[] {
  const { stores } = useMeeting();
  return useStoreSelector(
    useMemo(() => (shown ? stores.slotSummaries(slotId, languages) : NO_SUMMARIES_STORE), [stores, slotId, languages, shown]),
    (summaries) => {
      const byUser = new Map<string, string>();
      for (const summary of summaries) {
        for (const client of summary.authors) {
          const author = authors.get(client);
          if (author) byUser.set(author.userId, author.name);
        }
      }
      return [...byUser.values()].sort((a, b) => a.localeCompare(b));
    },
    [authors],
  );
}
