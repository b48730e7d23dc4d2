import { useLayoutEffect, useMemo, useRef } from 'react';
import type { SlotProgress } from '../../../shared/src/model/meetingDoc.ts';
import { useT } from '../i18n/i18n.tsx';
import { SlotThreadMargin } from '../review/SlotThreadMargin.tsx';
import { ApprovalControls } from './ApprovalControls.tsx';
import { DraftImportButton } from './DraftImportButton.tsx';
import { GlossaryGaps } from './GlossaryGaps.tsx';
import { LanguageState } from './LanguageState.tsx';
import { useMeeting } from './meetingContext.tsx';
import { SlotEditor } from './SlotEditor.tsx';
import { useSlotThreads } from './slotHooks.ts';
import type { SlotSectionProps } from './SlotSection.tsx';

/** Before a slot's editors were ever measured: about an empty bilingual editor row with its heads. */
const UNMEASURED_HEIGHT_PX = 220;

/**
 * The part of a slot that is unmounted far from the viewport: language state, glossary gaps, the
 * editors of each language with their approval controls, and the margin of open threads. Its
 * height is remembered when it unmounts, for the placeholder.
 */
export function SlotBody(props: SlotSectionProps & { progress: SlotProgress }) {
  const { slot, meta, writable, progress } = props;
  const { languageName } = useT();
  const { meetingId, user, mounts } = useMeeting();
  const threads = useSlotThreads(slot.id);
  const body = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const element = body.current;
    // Measured while still in the page, just before it leaves it.
    return () => mounts.rememberHeight(slot.id, element?.getBoundingClientRect().height ?? 0);
  }, [mounts, slot.id]);
  const openThreads = useMemo(() => threads.some((th) => !th.resolved), [threads]);
  return (
    <div ref={body} className="slot-body-wrap">
      <LanguageState slotId={slot.id} languages={meta.languages} progress={progress} writable={writable} />
      <GlossaryGaps slotId={slot.id} languages={meta.languages} terms={props.glossary} writable={writable} />
      <div className={openThreads ? 'slot-body with-margin' : 'slot-body'}>
        <div className="editors" style={{ ['--cols' as string]: meta.languages.length }}>
          {meta.languages.map((lang) => (
            <div key={lang} className="editor-column" lang={lang}>
              <div className="lang-head">
                {languageName(lang)} {writable && <DraftImportButton meetingId={meetingId} slotId={slot.id} lang={lang} />}
                <ApprovalControls slotId={slot.id} lang={lang} me={user} canWrite={writable} isChair={props.isChair} finalised={props.finalised} />
              </div>
              <SlotEditor slot={slot} lang={lang} languages={meta.languages} writable={writable} glossary={props.glossary} speakerLabels={props.speakerLabels} authorColors={props.authorColors} threads={threads} />
            </div>
          ))}
        </div>
        <SlotThreadMargin threads={threads} />
      </div>
    </div>
  );
}

/** Where an unmounted slot's body was, at its last measured height (the page does not jump). */
export function SlotPlaceholder({ slotId }: { slotId: string }) {
  const { mounts } = useMeeting();
  return <div className="slot-placeholder" aria-hidden="true" style={{ height: mounts.heightOf(slotId) ?? UNMEASURED_HEIGHT_PX }} data-testid={`slot-placeholder-${slotId}`} />;
}
