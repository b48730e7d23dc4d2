import { useT } from '../i18n/i18n.tsx';
import { useOnline } from './useOnline.ts';
import './offline.css';

/**
 * Under the top bar while the browser has no network: what still works (meetings opened here
 * before, writing) and what happens to edits. A status role, so screen readers hear it once when
 * it appears; it goes away by itself when the network returns (the save indicator then shows the
 * edits being sent).
 */
export function OfflineBanner() {
  const { t } = useT();
  const online = useOnline();
  if (online) return null;
  return (
    <div className="offline-banner" role="status" data-testid="offline-banner">
      <strong>{t('offline.title')}</strong> {t('offline.explain')}
    </div>
  );
}

/** On a meeting page opened offline: the minutes shown are this device's copy. */
export function OfflineMeetingNote() {
  const { t } = useT();
  const online = useOnline();
  if (online) return null;
  return (
    <p className="offline-meeting-note" data-testid="offline-meeting-note">
      {t('offline.meeting')}
    </p>
  );
}
