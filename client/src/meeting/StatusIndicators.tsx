import { useEffect } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type { SaveTracker } from '../collab/saveTracker.ts';
import { trackCloseCodes, useConnectionStatus } from '../collab/useConnectionStatus.ts';
import { useSaveStatus } from '../collab/useSaveStatus.ts';
import { CATALOGS, useT, type MessageKey } from '../i18n/i18n.tsx';

/** "Connected / Reconnecting… / Offline" and "Saved / Saving… / Offline — kept on this device / Not saved". */
export function StatusIndicators({ provider, tracker }: { provider: WebsocketProvider; tracker: SaveTracker }) {
  const { t } = useT();
  useEffect(() => trackCloseCodes(provider), [provider]);
  const { status } = useConnectionStatus(provider);
  const save = useSaveStatus(tracker);
  return (
    <div className="indicators" role="status" aria-live="polite">
      <span className={`indicator conn-${status}`} data-testid="connection-status" data-status={status}>
        <span className="dot" aria-hidden="true" /> {t(`status.${status}`)}
      </span>
      <span className={`indicator save-${save}`} data-testid="save-status" data-status={save}>
        {save === 'not-saved' && tracker.storeProblem && `save.problem.${tracker.storeProblem}` in CATALOGS.en ? t(`save.problem.${tracker.storeProblem}` as MessageKey) : t(`save.${save}`)}
      </span>
    </div>
  );
}
