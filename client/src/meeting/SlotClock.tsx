import type * as Y from 'yjs';
import type { AgendaSlot } from '../../../shared/src/model/agendaDoc.ts';
import { toMinutes } from '../../../shared/src/model/time.ts';
import { writeProgress, type MeetingMeta, type SlotProgress } from '../../../shared/src/model/meetingDoc.ts';
import { useT } from '../i18n/i18n.tsx';
import { formatClock, formatDuration } from './meetingTime.ts';
import { useNow } from './useNow.ts';

/**
 * Planned vs actual for a slot: one click starts or ends it (recorded in the doc, so it appears in
 * the minutes and exports), a live timer while it runs, and an overrun warning.
 */
export function SlotClock({ doc, slot, progress, meta, canRun }: { doc: Y.Doc; slot: AgendaSlot; progress: SlotProgress; meta: MeetingMeta; canRun: boolean }) {
  const { t } = useT();
  const plannedMs = (toMinutes(slot.end) - toMinutes(slot.start)) * 60_000;
  const running = progress.actualStart !== null && progress.actualEnd === null;
  // Ticks only while the slot runs: forty idle clocks would render forty slots every second.
  const now = useNow(running ? 1_000 : null);
  const elapsed = progress.actualStart === null ? 0 : (progress.actualEnd ?? now) - progress.actualStart;
  const overrun = elapsed - plannedMs;
  return (
    <div className="slot-clock">
      {progress.actualStart !== null && (
        <span>
          {t('meeting.actual', { range: `${formatClock(progress.actualStart, meta.timezone)}–${progress.actualEnd === null ? '…' : formatClock(progress.actualEnd, meta.timezone)}` })}
        </span>
      )}
      {running && (
        <span className="timer" role="timer" aria-live="off">
          {t('meeting.running', { time: formatDuration(elapsed) })}
        </span>
      )}
      {progress.actualStart !== null && overrun > 0 && (
        <span className="warning">
          {t('meeting.overrun', { minutes: Math.ceil(overrun / 60_000) })}
        </span>
      )}
      {canRun && progress.actualStart === null && (
        <button type="button" onClick={() => writeProgress(doc, slot.id, { actualStart: Date.now(), status: 'drafting' })}>
          {t('meeting.start')}
        </button>
      )}
      {canRun && running && (
        <button type="button" onClick={() => writeProgress(doc, slot.id, { actualEnd: Date.now() })}>
          {t('meeting.end')}
        </button>
      )}
    </div>
  );
}
