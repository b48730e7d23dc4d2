import { memo, useMemo } from 'react';
import type { AgendaSlot } from '../../../shared/src/model/agendaDoc.ts';
import type { GlossaryTerm } from '../../../shared/src/model/glossary.ts';
import type { MeetingMeta } from '../../../shared/src/model/meetingDoc.ts';
import type { SaveTracker } from '../collab/saveTracker.ts';
import type { RosterEntry } from '../../../shared/src/model/rosterDoc.ts';
import { GENERAL_SLOT_ID } from '../../../shared/src/schema/fields.ts';
import { RenderCount } from '../app/renderCounts.tsx';
import { Toolbar } from '../editor/Toolbar.tsx';
import { useToolbarLabels } from '../editor/useToolbarLabels.ts';
import { useT } from '../i18n/i18n.tsx';
import type { Author } from '../review/useAuthorship.ts';
import { useFocusedEditorValue } from './focusedEditor.ts';
import { useMeeting } from './meetingContext.tsx';
import type { MemberOption } from './SlotControls.tsx';
import { SlotSection } from './SlotSection.tsx';
import { useAfterFirstPaint } from './useAfterFirstPaint.ts';
import { WriterStatus } from './WriterStatus.tsx';

export interface SlotListProps {
  slots: AgendaSlot[];
  meta: MeetingMeta;
  roster: RosterEntry[];
  writable: boolean;
  isChair: boolean;
  /** The meeting is finalised: approval chips show the final state. */
  finalised: boolean;
  readerZone: string | null;
  members: MemberOption[];
  glossary: GlossaryTerm[];
  /** Per minutes language: roster id -> name in that language. */
  speakerLabels: Record<string, Record<string, string>>;
  authorColors: Map<number, string>;
  authors: Map<number, Author>;
  /** The minutes' save state, shown at the toolbar where the writer is. */
  saveTracker: SaveTracker;
}

/** The toolbar and every slot: the general notes first, then the agenda, numbered sessions. */
export function SlotList(props: SlotListProps) {
  const { slots, meta, writable } = props;
  const { t } = useT();
  // The general notes as a slot: the same object while the languages and UI language are.
  const general = useMemo<AgendaSlot>(
    () => ({ id: GENERAL_SLOT_ID, order: '', day: 0, start: '', end: '', kind: 'other', title: Object.fromEntries(meta.languages.map((l) => [l, t('meeting.general')])), speakers: [], scribes: [] }),
    [meta.languages, t],
  );
  // Slots out of view render light until the first paint (see SlotSectionProps.light).
  const painted = useAfterFirstPaint();
  let sessionNumber = 0;
  const shared = { meta, writable, readerZone: props.readerZone, isChair: props.isChair, finalised: props.finalised, members: props.members, glossary: props.glossary, speakerLabels: props.speakerLabels, authorColors: props.authorColors, authors: props.authors };
  return (
    <main className="slots">
      {writable && <EditorToolbar roster={props.roster} languages={meta.languages} saveTracker={props.saveTracker} />}
      {slots.length === 0 && <p className="muted">{t('meeting.noAgenda')}</p>}
      <SlotSection key={GENERAL_SLOT_ID} slot={general} number="" canRun={false} light={!painted} {...shared} />
      {slots.map((slot) => {
        const numbered = slot.kind !== 'break' && slot.kind !== 'photo';
        return <SlotSection key={slot.id} slot={slot} number={numbered ? `${++sessionNumber}.` : ''} canRun={writable} light={!painted} {...shared} />;
      })}
    </main>
  );
}

/** The formatting toolbar of the focused editor (renders when the focus moves, not the page). */
const EditorToolbar = memo(function EditorToolbar({ roster, languages, saveTracker }: { roster: RosterEntry[]; languages: string[]; saveTracker: SaveTracker }) {
  const editor = useFocusedEditorValue();
  const { images } = useMeeting();
  const labels = useToolbarLabels();
  return (
    <RenderCount id="toolbar">
      <div className="sticky-toolbar">
        <Toolbar editor={editor} roster={roster} languages={languages} labels={labels} images={images} />
        <WriterStatus tracker={saveTracker} />
      </div>
    </RenderCount>
  );
});
