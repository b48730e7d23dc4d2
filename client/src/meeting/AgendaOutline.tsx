import { memo, useMemo } from 'react';
import type { AgendaSlot } from '../../../shared/src/model/agendaDoc.ts';
import type { MeetingMeta } from '../../../shared/src/model/meetingDoc.ts';
import { toMinutes } from '../../../shared/src/model/time.ts';
import { useStore, useStoreSelector } from '../collab/store.ts';
import { RenderCount } from '../app/renderCounts.tsx';
import { useT } from '../i18n/i18n.tsx';
import { useAgendaWarningMessages } from './agendaWarningMessages.ts';
import { useMeeting } from './meetingContext.tsx';

/**
 * The agenda as an outline by day: times, titles, per-language completeness dots, time warnings,
 * the slot happening now, and day totals (planned vs actual). Each row reads its own slot's
 * summaries, each day total its slots' progress: typing in one slot renders one row.
 */
export function AgendaOutline({ slots, meta, currentId, onJump }: { slots: AgendaSlot[]; meta: MeetingMeta; currentId: string | null; onJump: (slotId: string) => void }) {
  const { t, formatDay } = useT();
  const warnings = useAgendaWarningMessages(slots);
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
        const daySlots = slots.filter((s) => s.day === day);
        return (
          <div key={day} className="outline-day">
            <h3>
              {t('meeting.day', { n: day + 1 })} {meta.days[day] ? `· ${formatDay(meta.days[day], true)}` : ''}
            </h3>
            <ol>
              {daySlots.map((slot) => (
                <OutlineRow key={slot.id} slot={slot} languages={meta.languages} isNow={slot.id === currentId} warning={warnings.get(slot.id) ?? null} onJump={onJump} />
              ))}
            </ol>
            <DayTotal slots={daySlots} />
          </div>
        );
      })}
    </nav>
  );
}

const OutlineRow = memo(function OutlineRow({ slot, languages, isNow, warning, onJump }: { slot: AgendaSlot; languages: string[]; isNow: boolean; warning: string | null; onJump: (slotId: string) => void }) {
  const { t, lang, languageName } = useT();
  const hasMinutes = slot.kind !== 'break' && slot.kind !== 'photo';
  return (
    <RenderCount id={`outline:${slot.id}`}>
      <li className={`${isNow ? 'now' : ''} kind-${slot.kind}`}>
        <a
          href={`#slot-${slot.id}`}
          onClick={(e) => {
            e.preventDefault();
            onJump(slot.id);
          }}
          aria-current={isNow ? 'time' : undefined}
        >
          <span className="outline-time">{slot.start}</span>
          <span className="outline-title" lang={slot.title[lang] ? lang : languages.find((l) => slot.title[l])}>
            {slot.title[lang] || languages.map((l) => slot.title[l]).find(Boolean) || '—'}
          </span>
        </a>
        {hasMinutes && <FilledDots slotId={slot.id} languages={languages} label={(filled) => `${t('a11y.slotDots')}: ${languages.map((l, i) => `${languageName(l)} ${filled[i] ? t('meeting.drafting') : t('meeting.empty')}`).join(', ')}`} />}
        {isNow && <span className="now-marker">{t('meeting.now')}</span>}
        {warning && (
          <span className="warning small" title={warning} role="img" aria-label={t('a11y.timeWarning', { message: warning })}>
            ⚠
          </span>
        )}
      </li>
    </RenderCount>
  );
});

/** One dot per language, filled once that language has text. */
function FilledDots({ slotId, languages, label }: { slotId: string; languages: string[]; label: (filled: boolean[]) => string }) {
  const { languageName } = useT();
  const { stores } = useMeeting();
  const filled = useStoreSelector(stores.slotSummaries(slotId, languages), (summaries) => summaries.map((s) => s.filled));
  return (
    <span className="dots" role="img" aria-label={label(filled)}>
      {languages.map((l, i) => (
        <span key={l} className={`dot ${filled[i] ? 'filled' : ''}`} title={languageName(l)} />
      ))}
    </span>
  );
}

/** Planned and actual minutes of a day's slots. */
function DayTotal({ slots }: { slots: AgendaSlot[] }) {
  const { t } = useT();
  const { stores } = useMeeting();
  const progress = useStore(useMemo(() => stores.progressOf(slots.map((s) => s.id)), [stores, slots]));
  const planned = slots.reduce((sum, s) => sum + Math.max(0, toMinutes(s.end) - toMinutes(s.start)), 0);
  const actual = progress.reduce((sum, p) => sum + (p.actualStart !== null && p.actualEnd !== null ? Math.round((p.actualEnd - p.actualStart) / 60_000) : 0), 0);
  return <p className="muted small">{t('meeting.dayTotal', { planned, actual })}</p>;
}
