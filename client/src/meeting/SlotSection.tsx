import { memo, useMemo, useState } from 'react';
import { speakerSummary } from '../../../shared/src/model/speakerText.ts';
import type { GlossaryTerm } from '../../../shared/src/model/glossary.ts';
import type { AgendaSlot } from '../../../shared/src/model/agendaDoc.ts';
import type { MeetingMeta } from '../../../shared/src/model/meetingDoc.ts';
import { useStore } from '../collab/store.ts';
import { useT } from '../i18n/i18n.tsx';
import type { Author } from '../review/useAuthorship.ts';
import { RenderCount } from '../app/renderCounts.tsx';
import { useMeeting, useSlotMounted } from './meetingContext.tsx';
import { formatRange } from './meetingTime.ts';
import { SlotBody, SlotPlaceholder } from './SlotBody.tsx';
import { SlotClock } from './SlotClock.tsx';
import { SlotControls, type MemberOption } from './SlotControls.tsx';
import { useSlotContributors, useSlotPeople } from './slotHooks.ts';

/**
 * Everything a slot needs from the page, as values that keep their identity while unchanged (so
 * the memoised section renders again only when something of its own changed).
 */
export interface SlotSectionProps {
  slot: AgendaSlot;
  meta: MeetingMeta;
  number: string;
  writable: boolean;
  canRun: boolean;
  readerZone: string | null;
  isChair: boolean;
  /** The meeting is finalised: approval chips show the final state. */
  finalised: boolean;
  members: MemberOption[];
  glossary: GlossaryTerm[];
  /** Roster id -> "Chinese Taipei / 中華臺北", for attributed paragraphs. */
  /** Per minutes language: roster id -> name in that language. */
  speakerLabels: Record<string, Record<string, string>>;
  /** Client id -> author colour when "colour by author" is on (empty map: off). */
  authorColors: Map<number, string>;
  /** Client id -> its author (for "written by"). */
  authors: Map<number, Author>;
  /**
   * The page's first render: a slot whose editors are not mounted shows only its heading (and the
   * placeholder of its body); its times, controls and clock come with the next render, after the
   * first paint. Opening a 40-slot meeting then renders one slot in full, not forty.
   */
  light?: boolean;
}

/**
 * One agenda slot: its header (time, titles, speakers, status, clock, who is here, who wrote it),
 * and its language state and editors, mounted while the slot is near the viewport (SlotMounts).
 * Reads its own progress, presence and contributors: a change elsewhere does not render it.
 */
export const SlotSection = memo(function SlotSection(props: SlotSectionProps) {
  const { slot, meta, writable } = props;
  const { t, lang } = useT();
  const { doc, stores } = useMeeting();
  const [section, setSection] = useState<HTMLElement | null>(null);
  const isBreak = slot.kind === 'break' || slot.kind === 'photo';
  const mounted = useSlotMounted(slot.id, section, isBreak ? 0 : meta.languages.length);
  const progress = useStore(stores.progress(slot.id));
  const people = useSlotPeople(slot.id);
  const contributors = useSlotContributors(slot.id, meta.languages, props.authors, mounted);
  const titles = [...new Set(meta.languages.map((lang) => slot.title[lang]).filter(Boolean))];
  const full = !props.light || mounted;
  // Time-zone arithmetic: once per slot, meeting frame and reader zone, not on every render.
  const time = useMemo(() => (full && slot.start ? formatRange(slot, meta, props.readerZone) : ''), [full, slot, meta, props.readerZone]);
  return (
    <RenderCount id={`slot:${slot.id}`}>
      <section ref={setSection} id={`slot-${slot.id}`} className={`slot slot-${slot.kind}`} aria-labelledby={`slot-title-${slot.id}`} data-testid={`slot-${slot.id}`}>
        <header className="slot-head">
          <div className="slot-time">{time}</div>
          {/* Focusable from script only: jumping to a slot (outline, shortcuts, Esc in an editor) lands here. */}
          <h2 id={`slot-title-${slot.id}`} tabIndex={-1}>
            {props.number && <span className="num">{props.number}</span>}
            {titles.map((title, i) => (
              <span key={i} lang={meta.languages[i]} className="slot-title">
                {title}
              </span>
            ))}
          </h2>
          {full && slot.speakers.length > 0 && (
            <p className="speakers">
              <span className="muted">{t('meeting.speakers')}: </span>
              {slot.speakers.map((s) => speakerSummary(s, [lang, ...meta.languages])).join('; ')}
            </p>
          )}
          {full && (
            <div className="slot-meta-row">
              {slot.start ? (
                <SlotControls doc={doc} slot={slot} progress={progress} members={props.members} canWrite={writable} isChair={props.isChair} />
              ) : (
                <span className={`badge status-${progress.status}`}>{t(`meeting.status.${progress.status}`)}</span>
              )}
              {people.length > 0 && <span className="muted">{t('meeting.here', { names: people.join(', ') })}</span>}
              {contributors.length > 0 && (
                <span className="muted" data-testid={`contributors-${slot.id}`}>
                  {t('meeting.writtenBy', { names: contributors.join(', ') })}
                </span>
              )}
              {!isBreak && slot.start && <SlotClock doc={doc} slot={slot} progress={progress} meta={meta} canRun={props.canRun} />}
            </div>
          )}
        </header>
        {!isBreak && (mounted ? <SlotBody {...props} progress={progress} /> : <SlotPlaceholder slotId={slot.id} />)}
      </section>
    </RenderCount>
  );
});
