import type { Editor } from '@tiptap/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { GlossaryTerm } from '../../../shared/src/model/glossary.ts';
import type { ThreadData } from '../../../shared/src/model/reviewDoc.ts';
import { GlossaryGaps } from './GlossaryGaps.tsx';
import { DraftImportButton } from './DraftImportButton.tsx';
import { ApprovalControls } from './ApprovalControls.tsx';
import { SlotThreadMargin } from '../review/SlotThreadMargin.tsx';
import { SlotControls, type MemberOption } from './SlotControls.tsx';
import type { QuorumProvider } from '../collab/quorumProvider.ts';
import type * as Y from 'yjs';
import type { AgendaSlot } from '../../../shared/src/model/agendaDoc.ts';
import { readProgress, type MeetingMeta } from '../../../shared/src/model/meetingDoc.ts';
import { minutesField } from '../../../shared/src/schema/fields.ts';
import type { CollabUser } from '../collab/useCollabSession.ts';
import { useDocSelector } from '../collab/useDocSelector.ts';
import { MinutesEditor } from '../editor/MinutesEditor.tsx';
import { useT } from '../i18n/i18n.tsx';
import { LanguageState } from './LanguageState.tsx';
import { formatRange } from './meetingTime.ts';
import { SlotClock } from './SlotClock.tsx';

export interface SlotSectionProps {
  meetingId: string;
  doc: Y.Doc;
  provider: QuorumProvider;
  user: CollabUser;
  slot: AgendaSlot;
  meta: MeetingMeta;
  number: string;
  writable: boolean;
  canRun: boolean;
  readerZone: string | null;
  peopleHere: string[];
  onEditorFocus: (editor: Editor, slotId: string, lang: string) => void;
  glossary: GlossaryTerm[];
  /** Editors register themselves so that glossary suggestions can insert into them. */
  registerEditor: (key: string, editor: Editor | null) => void;
  insertInto: (slotId: string, lang: string, text: string) => void;
  members: MemberOption[];
  isChair: boolean;
  /** Roster id -> "Chinese Taipei / 中華臺北", for attributed paragraphs. */
  speakerLabels: Record<string, string>;
  /** Review threads of the meeting (highlighted where they are anchored). */
  threads: ThreadData[];
  /** Who wrote this slot (any language). */
  contributors: string[];
  authorColors: Map<number, string>;
}

/** Mounts its editors only once the slot scrolls near the viewport: a 40-slot meeting opens fast. */
function useNearViewport(ref: React.RefObject<HTMLElement | null>): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || near) return;
    if (typeof IntersectionObserver === 'undefined') return setNear(true);
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), { rootMargin: '600px 0px' });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, near]);
  return near;
}

/** One agenda slot: its header (time, titles, speakers, clock), language state and editors. */
export function SlotSection(props: SlotSectionProps) {
  const { doc, provider, user, slot, meta, writable } = props;
  const { t, languageName } = useT();
  const ref = useRef<HTMLElement>(null);
  const near = useNearViewport(ref);
  const progress = useDocSelector(doc, (d) => readProgress(d, slot.id), [slot.id]);
  const isBreak = slot.kind === 'break' || slot.kind === 'photo';
  const slotThreads = useMemo(() => props.threads.filter((th) => th.slotId === slot.id), [props.threads, slot.id]);
  const titles = [...new Set(meta.languages.map((lang) => slot.title[lang]).filter(Boolean))];
  return (
    <section ref={ref} id={`slot-${slot.id}`} className={`slot slot-${slot.kind}`} aria-labelledby={`slot-title-${slot.id}`} data-testid={`slot-${slot.id}`}>
      <header className="slot-head">
        <div className="slot-time">{slot.start ? formatRange(slot, meta, props.readerZone) : ''}</div>
        {/* Focusable from script only: jumping to a slot (outline, shortcuts, Esc in an editor) lands here. */}
        <h2 id={`slot-title-${slot.id}`} tabIndex={-1}>
          {props.number && <span className="num">{props.number}</span>}
          {titles.map((title, i) => (
            <span key={i} lang={meta.languages[i]} className="slot-title">
              {title}
            </span>
          ))}
        </h2>
        {slot.speakers.length > 0 && (
          <p className="speakers">
            <span className="muted">{t('meeting.speakers')}: </span>
            {slot.speakers.map((s) => meta.languages.map((l) => s.name[l]).filter(Boolean)[0] + (s.affiliation ? ` (${meta.languages.map((l) => s.affiliation?.[l]).filter(Boolean)[0] ?? ''})` : '')).join('; ')}
          </p>
        )}
        <div className="slot-meta-row">
          {slot.start ? (
            <SlotControls doc={doc} slot={slot} progress={progress} members={props.members} canWrite={writable} isChair={props.isChair} />
          ) : (
            <span className={`badge status-${progress.status}`}>{t(`meeting.status.${progress.status}`)}</span>
          )}
          {props.peopleHere.length > 0 && <span className="muted">{t('meeting.here', { names: props.peopleHere.join(', ') })}</span>}
          {props.contributors.length > 0 && (
            <span className="muted" data-testid={`contributors-${slot.id}`}>
              {t('meeting.writtenBy', { names: props.contributors.join(', ') })}
            </span>
          )}
          {!isBreak && slot.start && <SlotClock doc={doc} slot={slot} progress={progress} meta={meta} canRun={props.canRun} />}
        </div>
      </header>
      {!isBreak && near && (
        <>
          <LanguageState doc={doc} slotId={slot.id} languages={meta.languages} progress={progress} writable={writable} />
          <GlossaryGaps doc={doc} slotId={slot.id} languages={meta.languages} terms={props.glossary} writable={writable} insertInto={props.insertInto} />
          <div className={slotThreads.some((th) => !th.resolved) ? 'slot-body with-margin' : 'slot-body'}>
          <div className="editors" style={{ ['--cols' as string]: meta.languages.length }}>
            {meta.languages.map((lang) => (
              <div key={lang} className="editor-column" lang={lang}>
                <div className="lang-head">
                  {languageName(lang)} {writable && <DraftImportButton meetingId={props.meetingId} slotId={slot.id} lang={lang} />}
                  <ApprovalControls doc={doc} slotId={slot.id} lang={lang} me={user} canWrite={writable} isChair={props.isChair} />
                </div>
                <SlotEditor {...props} lang={lang} />
              </div>
            ))}
          </div>
          <SlotThreadMargin threads={slotThreads} />
          </div>
        </>
      )}
    </section>
  );
}

function SlotEditor({ doc, provider, user, slot, writable, lang, onEditorFocus, glossary, meta, registerEditor, speakerLabels, threads, authorColors }: SlotSectionProps & { lang: string }) {
  const { t, languageName } = useT();
  const editorRef = useRef<Editor | null>(null);
  const fragment = doc.getXmlFragment(minutesField(slot.id, lang));
  const key = `${slot.id}/${lang}`;
  const onEditor = useCallback(
    (e: Editor | null) => {
      editorRef.current = e;
      registerEditor(key, e);
    },
    [key, registerEditor],
  );
  const slotThreads = useMemo(() => threads.filter((th) => th.slotId === slot.id && th.lang === lang), [threads, slot.id, lang]);
  const terms = useMemo(
    () => glossary.filter((g) => g.terms[lang]).map((g) => ({ text: g.terms[lang]!, hint: meta.languages.filter((l) => l !== lang && g.terms[l]).map((l) => g.terms[l]).join(' / ') })),
    [glossary, lang, meta.languages],
  );
  return (
    <MinutesEditor
      fragment={fragment}
      provider={provider}
      user={user}
      editable={writable}
      lang={lang}
      label={t('editor.minutesIn', { slot: slot.title[lang] || Object.values(slot.title).find(Boolean) || slot.start, lang: languageName(lang) })}
      onEditor={onEditor}
      glossaryTerms={terms}
      speakerLabels={speakerLabels}
      reviewThreads={slotThreads}
      authorColors={authorColors}
      onFocus={() => {
        provider.awareness.setLocalStateField('location', { slotId: slot.id, lang });
        if (editorRef.current) onEditorFocus(editorRef.current, slot.id, lang);
      }}
    />
  );
}
