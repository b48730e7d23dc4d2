import { useId, useState } from 'react';
import type { MeetingSummary } from '../../../shared/src/api/responses.ts';
import { MAX_REPORT_MEETINGS } from '../../../shared/src/api/reports.ts';
import { useT } from '../i18n/i18n.tsx';
import { meetingTitle } from '../meetings/types.ts';

export interface MeetingOrderListProps {
  /** The chosen meetings, in report order. */
  ids: string[];
  /** The meetings the user can read (to name the chosen ones and offer the others). */
  meetings: MeetingSummary[];
  onChange: (ids: string[]) => void;
  disabled?: boolean;
}

/**
 * The ordered meetings of a report: each row moves up or down or goes, and a select adds one of the
 * meetings the user can read. Buttons rather than drag and drop, so the order is set from the
 * keyboard and on a phone alike; focus follows the moved row's button.
 */
export function MeetingOrderList({ ids, meetings, onChange, disabled = false }: MeetingOrderListProps) {
  const { t, lang, formatDay } = useT();
  const selectId = useId();
  const [adding, setAdding] = useState('');
  const byId = new Map(meetings.map((m) => [m.id, m]));
  // A meeting of the report the user cannot read (another member added it) still shows by its id.
  const titleOf = (id: string) => {
    const meeting = byId.get(id);
    return meeting ? meetingTitle(meeting, lang) : id;
  };
  const buttonId = (direction: 'up' | 'down', meetingId: string) => `${selectId}-${direction}-${meetingId}`;
  const move = (index: number, by: -1 | 1) => {
    const next = [...ids];
    const [moved] = next.splice(index, 1);
    next.splice(index + by, 0, moved!);
    onChange(next);
    // The moved row keeps the focus (on the other arrow once it reaches an end, where this one is disabled).
    const direction = by < 0 ? 'up' : 'down';
    const atEnd = by < 0 ? index + by === 0 : index + by === next.length - 1;
    requestAnimationFrame(() => document.getElementById(buttonId(atEnd ? (direction === 'up' ? 'down' : 'up') : direction, moved!))?.focus());
  };
  const available = meetings.filter((m) => !ids.includes(m.id));
  // Room for one more: the API caps a report at MAX_REPORT_MEETINGS.
  const canAdd = !disabled && available.length !== 0 && MAX_REPORT_MEETINGS - ids.length > 0;
  return (
    <div className="meeting-order">
      <ol className="meeting-order-list" data-testid="report-meeting-order">
        {ids.map((id, index) => {
          const meeting = byId.get(id);
          const title = titleOf(id);
          return (
            <li key={id} data-meeting-id={id}>
              <div className="meeting-order-row">
              <span className="meeting-order-title">
                <strong>{title}</strong>
                {meeting && <span className="muted"> · {[meeting.date && formatDay(meeting.date), t(`meetings.status.${meeting.status}`)].filter(Boolean).join(' · ')}</span>}
              </span>
              {!disabled && (
                <span className="row-actions">
                  <button type="button" id={buttonId('up', id)} disabled={index === 0} onClick={() => move(index, -1)} aria-label={t('reports.moveUp', { title })}>
                    ↑
                  </button>
                  <button type="button" id={buttonId('down', id)} disabled={index === ids.length - 1} onClick={() => move(index, 1)} aria-label={t('reports.moveDown', { title })}>
                    ↓
                  </button>
                  <button type="button" className="danger" onClick={() => onChange(ids.filter((other) => other !== id))} aria-label={t('reports.removeMeeting', { title })}>
                    ✕
                  </button>
                </span>
              )}
              </div>
            </li>
          );
        })}
      </ol>
      {canAdd && (
        <div className="row">
          <div className="field">
            <label htmlFor={selectId}>{t('reports.addMeeting')}</label>
            <select id={selectId} value={adding} onChange={(e) => setAdding(e.target.value)} data-testid="report-add-meeting">
              <option value="">{t('reports.chooseMeeting')}</option>
              {available.map((m) => (
                <option key={m.id} value={m.id}>
                  {meetingTitle(m, lang)}
                  {m.date ? ` (${formatDay(m.date)})` : ''}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            disabled={!adding}
            onClick={() => {
              onChange([...ids, adding]);
              setAdding('');
            }}
            data-testid="report-add-meeting-button"
          >
            {t('reports.add')}
          </button>
        </div>
      )}
    </div>
  );
}
