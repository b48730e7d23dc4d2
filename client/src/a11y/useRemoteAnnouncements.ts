import { useEffect, useRef } from 'react';
import type { QuorumProvider } from '../collab/quorumProvider.ts';
import type * as Y from 'yjs';
import type { MeetingStatus } from '../../../shared/src/model/roles.ts';
import { readThreads } from '../../../shared/src/model/reviewDoc.ts';
import { useT } from '../i18n/i18n.tsx';
import { useAnnounce } from './Announcer.tsx';

interface Location {
  slotId: string;
  lang: string;
}

/**
 * Tells screen-reader users about what others do that matters to them: someone comes into the slot
 * they are writing, a comment or reply by someone else, the meeting finalised or reopened. Typing,
 * caret moves and one's own actions are never announced; the Announcer throttles the rest.
 */
export function useRemoteAnnouncements({ provider, review, status, myUserId, slotTitle }: { provider: QuorumProvider; review: Y.Doc | null; status: MeetingStatus; myUserId: string; slotTitle: (slotId: string) => string }): void {
  const { t } = useT();
  const announce = useAnnounce();
  const latest = useRef({ t, slotTitle });
  latest.current = { t, slotTitle };

  // Someone else's location moving into the slot where I am.
  useEffect(() => {
    const awareness = provider.awareness;
    const where = new Map<number, string | null>();
    const locationOf = (state: unknown) => ((state as { location?: Location | null } | undefined)?.location ?? null);
    for (const [id, state] of awareness.getStates()) where.set(id, locationOf(state)?.slotId ?? null);
    const onChange = () => {
      const mine = locationOf(awareness.getLocalState())?.slotId ?? null;
      for (const [id, state] of awareness.getStates()) {
        if (id === awareness.clientID) continue;
        const slotId = locationOf(state)?.slotId ?? null;
        const before = where.get(id) ?? null;
        where.set(id, slotId);
        const name = (state as { user?: { name?: string } }).user?.name;
        if (slotId && slotId !== before && slotId === mine && name) {
          announce(latest.current.t('announce.joinedSlot', { name, slot: latest.current.slotTitle(slotId) }), `presence:${id}`);
        }
      }
    };
    awareness.on('change', onChange);
    return () => awareness.off('change', onChange);
  }, [provider, announce]);

  // New comments and replies written by others (those present when the page opened are old news).
  useEffect(() => {
    if (!review) return;
    const known = new Set(readThreads(review).flatMap((th) => th.comments.map((c) => c.id)));
    const onChange = () => {
      for (const thread of readThreads(review)) {
        thread.comments.forEach((comment, index) => {
          if (known.has(comment.id)) return;
          known.add(comment.id);
          if (comment.authorId === myUserId) return;
          const { t: tr, slotTitle: title } = latest.current;
          announce(tr(index === 0 ? 'announce.comment' : 'announce.reply', { name: comment.authorName, slot: title(thread.slotId) }), `comment:${comment.id}`);
        });
      }
    };
    review.on('afterTransaction', onChange);
    return () => review.off('afterTransaction', onChange);
  }, [review, myUserId, announce]);

  // The meeting's state, when it changes while the page is open.
  const previous = useRef(status);
  useEffect(() => {
    if (previous.current === status) return;
    const was = previous.current;
    previous.current = status;
    const { t: tr } = latest.current;
    if (status === 'finalised') announce(tr('announce.finalised'), 'status');
    else if (was === 'finalised') announce(tr('announce.reopened'), 'status');
    else if (status === 'final_draft') announce(tr('announce.finalDraft'), 'status');
    else announce(tr('announce.draft'), 'status');
  }, [status, announce]);
}
