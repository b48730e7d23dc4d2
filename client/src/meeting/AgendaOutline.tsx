import type * as Y from 'yjs';
import { agendaWarnings, type AgendaSlot } from '../../../shared/src/model/agendaDoc.ts';
import type { MeetingMeta } from '../../../shared/src/model/meetingDoc.ts';
import { readProgress } from '../../../shared/src/model/meetingDoc.ts';
import { slotText } from '../../../shared/src/model/minutesText.ts';
import { toMinutes } from '../../../shared/src/model/time.ts';
import { useDocSelector } from '../collab/useDocSelector.ts';
import { useT } from '../i18n/i18n.tsx';

interface OutlineRow {
  slot: AgendaSlot;
  filled: Record<string, boolean>;
  actualMinutes: number | null;
}

/**
 * The agenda as an outline by day: times, titles, per-language completeness dots, time warnings,
 * the slot happening now, and day totals (planned vs actual).
 */
export function AgendaOutline({ doc, slots, meta, currentId, onJump }: { doc: Y.Doc; slots: AgendaSlot[]; meta: MeetingMeta; currentId: string | null; onJump: (slotId: string) => void }) {
  const { t, lang, formatDay, languageName } = useT();
  const rows = useDocSelector(doc, (d): OutlineRow[] =>
    slots.map((slot) => {
      const p = readProgress(d, slot.id);
      return {
        slot,
        filled: Object.fromEntries(meta.languages.map((l) => [l, slotText(d, slot.id, l).trim().length > 0])),
        actualMinutes: p.actualStart !== null && p.actualEnd !== null ? Math.round((p.actualEnd - p.actualStart) / 60_000) : null,
      };
    }),
    [slots, meta.languages.join(',')],
  );
  // The shared model words its warnings in English for logs and exports; the outline says them in the UI language.
  const warnings = new Map(
    agendaWarnings(slots).map((w) => {
      const slot = slots.find((s) => s.id === w.slotId);
      const sameDay = slots.filter((s) => s.day === slot?.day);
      const previous = sameDay[sameDay.findIndex((s) => s.id === w.slotId) - 1];
      if (!slot) return [w.slotId, w.message];
      if (w.kind === 'inverted') return [w.slotId, t('agenda.warning.inverted', { start: slot.start, end: slot.end })];
      if (w.kind === 'overlap' && previous) return [w.slotId, t('agenda.warning.overlap', { start: slot.start, end: previous.end })];
      return [w.slotId, w.message];
    }),
  );
  const days = [...new Set(slots.map((s) => s.day))].sort((a, b) => a - b);
  return (
    <nav className="outline" aria-label={t('meeting.agenda')}>
      <h2 className="visually-hidden">{t('meeting.agenda')}</h2>
      {currentId && (
        <button type="button" className="jump-now" onClick={() => onJump(currentId)} data-testid="jump-now">
          {t('meeting.jumpNow')}
        </button>
      )}
      {days.map((day) => {
        const dayRows = rows.filter((r) => r.slot.day === day);
        const planned = dayRows.reduce((sum, r) => sum + Math.max(0, toMinutes(r.slot.end) - toMinutes(r.slot.start)), 0);
        const actual = dayRows.reduce((sum, r) => sum + (r.actualMinutes ?? 0), 0);
        return (
          <div key={day} className="outline-day">
            <h3>
              {t('meeting.day', { n: day + 1 })} {meta.days[day] ? `· ${formatDay(meta.days[day], true)}` : ''}
            </h3>
            <ol>
              {dayRows.map(({ slot, filled }) => (
                <li key={slot.id} className={`${slot.id === currentId ? 'now' : ''} kind-${slot.kind}`}>
                  <a
                    href={`#slot-${slot.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      onJump(slot.id);
                    }}
                    aria-current={slot.id === currentId ? 'time' : undefined}
                  >
                    <span className="outline-time">{slot.start}</span>
                    <span className="outline-title" lang={slot.title[lang] ? lang : meta.languages.find((l) => slot.title[l])}>
                      {slot.title[lang] || meta.languages.map((l) => slot.title[l]).find(Boolean) || '—'}
                    </span>
                  </a>
                  {slot.kind !== 'break' && slot.kind !== 'photo' && (
                    <span className="dots" role="img" aria-label={`${t('a11y.slotDots')}: ${meta.languages.map((l) => `${languageName(l)} ${filled[l] ? t('meeting.drafting') : t('meeting.empty')}`).join(', ')}`}>
                      {meta.languages.map((l) => (
                        <span key={l} className={`dot ${filled[l] ? 'filled' : ''}`} title={languageName(l)} />
                      ))}
                    </span>
                  )}
                  {slot.id === currentId && <span className="now-marker">{t('meeting.now')}</span>}
                  {warnings.has(slot.id) && (
                    <span className="warning small" title={warnings.get(slot.id)} role="img" aria-label={t('a11y.timeWarning', { message: warnings.get(slot.id) ?? '' })}>
                      ⚠
                    </span>
                  )}
                </li>
              ))}
            </ol>
            <p className="muted small">{t('meeting.dayTotal', { planned, actual })}</p>
          </div>
        );
      })}
    </nav>
  );
}
