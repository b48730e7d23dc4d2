import './records.css';
import type * as Y from 'yjs';
import type { SaveTracker } from '../collab/saveTracker.ts';
import { useSaveStatus } from '../collab/useSaveStatus.ts';
import { isMessageKey, useT } from '../i18n/i18n.tsx';
import { localMinutesMarkdown } from './localMinutes.ts';

/**
 * Shown when the server refused this device's edits (the meeting was finalised, or access changed,
 * while they were made offline): says so plainly and lets the author keep them as a file.
 */
export function UnsavedEditsBanner({ doc, tracker, meetingId }: { doc: Y.Doc; tracker: SaveTracker; meetingId: string }) {
  const { t } = useT();
  const status = useSaveStatus(tracker);
  if (status !== 'refused') return null;
  const reasonKey = `readonly.${tracker.deniedReason ?? ''}`;
  const download = () => {
    const text = localMinutesMarkdown(doc, tracker.unsavedUpdate(), t('unsaved.fileHeading'));
    const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: `unsaved-minutes-${meetingId}.md` });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <div className="banner refused" role="alert" data-testid="unsaved-refused">
      <strong>{t('unsaved.refusedTitle')}</strong>{' '}
      {t('unsaved.refused', { reason: isMessageKey(reasonKey) ? t(reasonKey) : (tracker.deniedReason ?? '') })}{' '}
      <button type="button" onClick={download} data-testid="download-unsaved">
        {t('unsaved.download')}
      </button>
    </div>
  );
}
