import { useEffect, useRef } from 'react';
import { useAnnounce } from '../a11y/Announcer.tsx';
import type { QuorumProvider } from '../collab/quorumProvider.ts';
import type { SaveTracker } from '../collab/saveTracker.ts';
import { trackCloseCodes, useConnectionStatus } from '../collab/useConnectionStatus.ts';
import { useSaveStatus } from '../collab/useSaveStatus.ts';
import { isMessageKey, useT, type MessageKey } from '../i18n/i18n.tsx';

/** "Connected / Reconnecting… / Offline" and "Saved / Saving… / Offline — kept on this device / Not saved". */
export function StatusIndicators({ provider, tracker }: { provider: QuorumProvider; tracker: SaveTracker }) {
  const { t } = useT();
  useEffect(() => trackCloseCodes(provider), [provider]);
  const { status, closeCode } = useConnectionStatus(provider);
  // A connection closed for good says why (access removed, a change too large to keep…).
  const closedKey = status === 'closed' && closeCode !== null ? `status.closedBecause.${closeCode}` : null;
  const save = useSaveStatus(tracker);
  // Why the server cannot store, when it says: "disk full", "read-only" (see SaveTracker.storeProblem).
  const problemKey = tracker.storeProblem ? `save.problem.${tracker.storeProblem}` : null;
  useStatusAnnouncements(status, save);
  // Not a live region: "Saving… / Saved" flips with every keystroke. What matters is announced below.
  return (
    <div className="indicators">
      <span className={`indicator conn-${status}`} data-testid="connection-status" data-status={status}>
        <span className="dot" aria-hidden="true" /> {closedKey && isMessageKey(closedKey) ? t(closedKey) : t(`status.${status}`)}
      </span>
      <span className={`indicator save-${save}`} data-testid="save-status" data-status={save}>
        {save === 'not-saved' && problemKey && isMessageKey(problemKey) ? t(problemKey) : t(`save.${save}`)}
      </span>
    </div>
  );
}

/**
 * Tells screen-reader users when the connection is lost or comes back, and when edits are not being
 * saved: the moments that change what they should do, never the routine "Saving… / Saved".
 */
function useStatusAnnouncements(connection: string, save: string): void {
  const { t } = useT();
  const announce = useAnnounce();
  const previous = useRef({ save, lost: false, everConnected: false });
  useEffect(() => {
    const was = previous.current;
    // "Connecting" at page load is not news; after having been connected it means the link was lost.
    const lost = connection === 'offline' || connection === 'closed' || (connection === 'connecting' && was.everConnected);
    previous.current = { save, lost, everConnected: was.everConnected || connection === 'connected' };
    if (lost && !was.lost) announce(t(`status.${connection}` as MessageKey), 'connection');
    else if (connection === 'connected' && was.lost) announce(t('status.connected'), 'connection');
    if ((save === 'not-saved' || save === 'refused') && save !== was.save) announce(t(`save.${save}` as MessageKey), 'save');
  }, [connection, save, announce, t]);
}
