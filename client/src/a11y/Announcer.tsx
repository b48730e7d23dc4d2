import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { AnnouncementQueue } from './announcementQueue.ts';

/** Spoken at most this often, however busy the meeting is. */
const MIN_GAP_MS = 4_000;

type Announce = (text: string, key?: string) => void;
const AnnounceContext = createContext<Announce>(() => undefined);

/**
 * One polite live region for the whole app: remote changes that matter are announced through it,
 * throttled by an AnnouncementQueue so screen-reader users are told, not flooded.
 */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const { t } = useT();
  const tRef = useRef(t);
  tRef.current = t;
  const [message, setMessage] = useState({ text: '', n: 0 });
  const queue = useMemo(
    () =>
      new AnnouncementQueue({
        minGapMs: MIN_GAP_MS,
        // A counter in the key re-renders the node, so the same sentence twice is read twice.
        speak: (text) => setMessage((m) => ({ text, n: m.n + 1 })),
        summarise: (first, more) => tRef.current('announce.more', { first, n: more }),
      }),
    [],
  );
  useEffect(() => () => queue.dispose(), [queue]);
  const announce = useMemo<Announce>(() => (text, key) => queue.push(text, key), [queue]);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" aria-label={t('a11y.announcements')} data-testid="announcer">
        <span key={message.n}>{message.text}</span>
      </div>
    </AnnounceContext.Provider>
  );
}

/** `announce(text, key?)`: queue a sentence for screen readers (same key: only the newest is read). */
export function useAnnounce(): Announce {
  return useContext(AnnounceContext);
}
