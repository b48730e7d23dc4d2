import type { Editor } from '@tiptap/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { GlossaryTerm } from '../../../shared/src/model/glossary.ts';
import { api } from '../lib/api.ts';
import { AgendaEditor } from './AgendaEditor.tsx';
import { GlossaryPanel } from './GlossaryPanel.tsx';
import { RosterPanel } from './RosterPanel.tsx';
import type { QuorumProvider } from '../collab/quorumProvider.ts';
import type * as Y from 'yjs';
import { readAgenda } from '../../../shared/src/model/agendaDoc.ts';
import { readMeta } from '../../../shared/src/model/meetingDoc.ts';
import { can, canWriteDoc, type EffectiveRole, type MeetingStatus } from '../../../shared/src/model/roles.ts';
import { readRoster, rosterLabel } from '../../../shared/src/model/rosterDoc.ts';
import { GENERAL_SLOT_ID } from '../../../shared/src/schema/fields.ts';
import type { CollabUser } from '../collab/useCollabSession.ts';
import type { SaveTracker } from '../collab/saveTracker.ts';
import { useAwarenessStates } from '../collab/useAwarenessStates.ts';
import { useDocSelector } from '../collab/useDocSelector.ts';
import { Toolbar } from '../editor/Toolbar.tsx';
import { useT } from '../i18n/i18n.tsx';
import { MembersPanel } from '../meetings/MembersPanel.tsx';
import { PresenceList } from '../presence/PresenceList.tsx';
import { readThreads, type ThreadData } from '../../../shared/src/model/reviewDoc.ts';
import { ThreadsPanel } from '../review/ThreadsPanel.tsx';
import { useLastVisit } from '../review/lastVisit.ts';
import { useAuthorship } from '../review/useAuthorship.ts';
import { colorFor } from '../collab/userColor.ts';
import { VersionsPanel } from '../review/VersionsPanel.tsx';
import { ConfirmationsPanel } from '../review/ConfirmationsPanel.tsx';
import { attributedParagraphs } from '../../../shared/src/model/minutesText.ts';
import { AgendaOutline } from './AgendaOutline.tsx';
import { ItemsSummary } from './ItemsSummary.tsx';
import { FinalisationPanel } from './FinalisationPanel.tsx';
import { currentSlot } from './meetingTime.ts';
import { localTimeZone } from '../../../shared/src/intl/formatters.ts';
import { SlotSection } from './SlotSection.tsx';
import { StatusIndicators } from './StatusIndicators.tsx';
import { useNow } from './useNow.ts';
import { ArchivePanel } from '../records/ArchivePanel.tsx';
import { AuditPanel } from '../records/AuditPanel.tsx';
import { UnsavedEditsBanner } from '../records/UnsavedEditsBanner.tsx';
import { ShortcutsHelp } from '../a11y/ShortcutsHelp.tsx';
import { useRemoteAnnouncements } from '../a11y/useRemoteAnnouncements.ts';
import { useWorkspaceShortcuts } from '../a11y/useWorkspaceShortcuts.ts';

export interface WorkspaceProps {
  meetingId: string;
  doc: Y.Doc;
  provider: QuorumProvider;
  saveTracker: SaveTracker;
  user: CollabUser;
  role: EffectiveRole;
  status: MeetingStatus;
  readOnlyReason: string | null;
  /** The meeting's review doc once synced (comment threads). */
  review: Y.Doc | null;
  /** Called after this page changed the meeting's status (review window). */
  onStatusChanged: () => void;
}

/** The meeting page once the doc is synced: header, agenda outline, slot editors, summaries. */
export function MeetingWorkspace({ meetingId, doc, provider, saveTracker, user, role, status, readOnlyReason, review, onStatusChanged }: WorkspaceProps) {
  const { t, lang, formatDay, languageName } = useT();
  const meta = useDocSelector(doc, readMeta);
  const slots = useDocSelector(doc, readAgenda);
  const roster = useDocSelector(doc, readRoster);
  const peers = useAwarenessStates(provider);
  const now = useNow(30_000);
  const [focused, setFocused] = useState<Editor | null>(null);
  const [panel, setPanel] = useState<'none' | 'members' | 'agenda' | 'roster' | 'glossary' | 'versions' | 'confirmations' | 'finalisation'>('none');
  const { terms: glossary, reload: reloadGlossary } = useGlossary(meetingId);
  const members = useMembers(meetingId, panel);
  const lastVisit = useLastVisit(meetingId);
  const authorship = useAuthorship(meetingId);
  const [colourByAuthor, setColourByAuthor] = useState(false);
  const authorColors = useMemo(
    () => new Map(colourByAuthor ? Object.entries(authorship.clients).map(([client, a]) => [Number(client), colorFor(a.userId)]) : []),
    [colourByAuthor, authorship.clients],
  );
  const contributorsOf = (slotId: string) => [...new Set(Object.values(authorship.contributors[slotId] ?? {}).flat().map((c) => c.name))];
  const threads = useDocSelector(review ?? doc, (d) => (review ? readThreads(d) : []), [review]);
  const speakerLabels = useMemo(() => Object.fromEntries(roster.map((r) => [r.id, rosterLabel(r, meta.languages)])), [roster, meta.languages]);
  const editors = useRef(new Map<string, Editor>());
  const registerEditor = useCallback((key: string, editor: Editor | null) => {
    if (editor) editors.current.set(key, editor);
    else editors.current.delete(key);
  }, []);
  const insertInto = useCallback((slotId: string, lang: string, text: string) => {
    const editor = editors.current.get(`${slotId}/${lang}`);
    if (!editor) return;
    const inFocus = editor.isFocused;
    (inFocus ? editor.chain().focus() : editor.chain().focus('end')).insertContent(`${inFocus ? '' : ' '}${text}`).run();
  }, []);
  const readerZone = useMemo(localTimeZone, []);
  const [showReaderTime, setShowReaderTime] = useState(readerZone !== meta.timezone);

  const writable = canWriteDoc(role, 'minutes', status) && readOnlyReason === null;
  const current = currentSlot(slots, meta, now);
  const title = meta.title[lang] ?? meta.languages.map((l) => meta.title[l]).find(Boolean) ?? meetingId;
  const jump = useCallback((slotId: string) => {
    document.getElementById(`slot-${slotId}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    (document.getElementById(`slot-title-${slotId}`) as HTMLElement | null)?.focus?.();
  }, []);
  // A link to `/m/<id>#slot-<slotId>` (archive search results) opens at that slot once it exists.
  const hashSlot = /^#slot-([A-Za-z0-9_-]+)$/.exec(location.hash)?.[1] ?? null;
  const hashSlotShown = slots.some((s) => s.id === hashSlot);
  useEffect(() => {
    if (hashSlot && hashSlotShown) jump(hashSlot);
  }, [hashSlot, hashSlotShown, jump]);
  const [recordsPanel, setRecordsPanel] = useState<'none' | 'archive' | 'audit'>('none');
  const onEditorFocus = useCallback((editor: Editor) => setFocused(editor), []);
  const describe = (loc: { slotId: string; lang: string }) => {
    return `${slotTitleOf(loc.slotId)} · ${languageName(loc.lang)}`;
  };
  const slotTitleOf = (slotId: string) => {
    const slot = slots.find((s) => s.id === slotId);
    return slot ? slot.title[lang] || meta.languages.map((l) => slot.title[l]).find(Boolean) || slot.start : t('meeting.general');
  };
  useRemoteAnnouncements({ provider, review, status, myUserId: user.id, slotTitle: slotTitleOf });
  useWorkspaceShortcuts({ sectionIds: [GENERAL_SLOT_ID, ...slots.map((s) => s.id)], currentId: current?.id ?? null, onJump: jump });
  const peopleIn = (slotId: string) => peers.filter((p) => p.location?.slotId === slotId && p.clientId !== doc.clientID && p.user?.name).map((p) => p.user!.name!);

  let sessionNumber = 0;
  const sections = [{ id: GENERAL_SLOT_ID, general: true } as const, ...slots.map((slot) => ({ id: slot.id, general: false as const, slot }))];
  const readOnlyText = readOnlyReason ? t(`readonly.${readOnlyReason}` as 'readonly.role-observer') : null;

  return (
    <div className="workspace">
      {/* Not <header>: the app's top bar is the page's one banner landmark. */}
      <div className="meeting-header">
        <div>
          {/* lang: a Chinese title in the English interface is read with a Chinese voice. */}
          <h1 data-testid="meeting-title" lang={meta.title[lang] ? lang : meta.languages.find((l) => meta.title[l])}>
            {title}
          </h1>
          <p className="muted">
            {[meta.number && meta.series ? `${meta.number} ${meta.series}` : meta.series, meta.days.map((d) => formatDay(d)).join(' – '), t('meeting.timesIn', { zone: meta.timezone }), t(`meetings.status.${status}`), t(`role.${role}`)].filter(Boolean).join(' · ')}
          </p>
          {readerZone !== meta.timezone && (
            <label className="small">
              <input type="checkbox" checked={showReaderTime} onChange={(e) => setShowReaderTime(e.target.checked)} /> {t('meeting.showMyTime', { zone: readerZone })}
            </label>
          )}
        </div>
        <div className="header-side">
          <StatusIndicators provider={provider} tracker={saveTracker} />
          <PresenceList provider={provider} youLabel={t('common.you')} label={t('a11y.peopleHere')} describeLocation={describe} />
          <div className="header-actions" role="group" aria-label={t('meeting.actions')}>
            {can(role, 'manageMembers') && (
              <>
                <button type="button" onClick={() => setPanel(panel === 'members' ? 'none' : 'members')} aria-expanded={panel === 'members'} data-testid="members-toggle">
                  {t('meeting.members')}
                </button>
                <button type="button" onClick={() => setPanel(panel === 'agenda' ? 'none' : 'agenda')} aria-expanded={panel === 'agenda'} data-testid="agenda-toggle" disabled={!writable}>
                  {t('meeting.editAgenda')}
                </button>
                <button type="button" onClick={() => setPanel(panel === 'finalisation' ? 'none' : 'finalisation')} aria-expanded={panel === 'finalisation'} data-testid="finalisation-toggle">
                  {t('final.toggle')}
                </button>
                {status !== 'finalised' && (
                  <button type="button" onClick={() => void api('POST', `/meetings/${meetingId}/review-window`, { open: status === 'draft' }).then(onStatusChanged)} data-testid="review-window-toggle">
                    {status === 'draft' ? t('meeting.openReviewWindow') : t('meeting.closeReviewWindow')}
                  </button>
                )}
              </>
            )}
            <button type="button" onClick={() => setPanel(panel === 'roster' ? 'none' : 'roster')} aria-expanded={panel === 'roster'} data-testid="roster-toggle">
              {t('meeting.roster')}
            </button>
            <button type="button" onClick={() => setPanel(panel === 'glossary' ? 'none' : 'glossary')} aria-expanded={panel === 'glossary'} data-testid="glossary-toggle">
              {t('meeting.glossary')}
            </button>
            <button type="button" onClick={() => setPanel(panel === 'versions' ? 'none' : 'versions')} aria-expanded={panel === 'versions'} data-testid="versions-toggle">
              {t('meeting.versions')}
            </button>
            <button type="button" aria-pressed={colourByAuthor} onClick={() => (setColourByAuthor(!colourByAuthor), authorship.reload())} data-testid="colour-by-author">
              {t('meeting.colourByAuthor')}
            </button>
            <button type="button" onClick={() => setPanel(panel === 'confirmations' ? 'none' : 'confirmations')} aria-expanded={panel === 'confirmations'} data-testid="confirmations-toggle">
              {t('meeting.confirmations')}
            </button>
            <a className="button" href={`/m/${meetingId}/export`} data-testid="export-and-print">
              {t('records.exportAndPrint')}
            </a>
            <a className="button" href={`/api/meetings/${meetingId}/export?format=docx&lang=all`} aria-label={t('meeting.exportDocx')}>
              DOCX
            </a>
            <a className="button" href={`/api/meetings/${meetingId}/export?format=pdf&lang=all`} aria-label={t('meeting.exportPdf')}>
              PDF
            </a>
            <button type="button" onClick={() => setRecordsPanel(recordsPanel === 'archive' ? 'none' : 'archive')} aria-expanded={recordsPanel === 'archive'} data-testid="archive-toggle">
              {t('records.archive')}
            </button>
            {can(role, 'finalise') && (
              <button type="button" onClick={() => setRecordsPanel(recordsPanel === 'audit' ? 'none' : 'audit')} aria-expanded={recordsPanel === 'audit'} data-testid="audit-toggle">
                {t('records.audit')}
              </button>
            )}
          </div>
        </div>
      </div>
      {readOnlyText && (
        <div className="banner readonly" role="status" data-testid="readonly-banner">
          {t('readonly.banner', { reason: readOnlyText })}
        </div>
      )}
      <UnsavedEditsBanner doc={doc} tracker={saveTracker} meetingId={meetingId} />
      {recordsPanel === 'archive' && <ArchivePanel meetingId={meetingId} refreshKey={status} />}
      {recordsPanel === 'audit' && <AuditPanel meetingId={meetingId} />}
      {panel === 'members' && <MembersPanel meetingId={meetingId} selfId={user.id} />}
      {panel === 'agenda' && <AgendaEditor doc={doc} slots={slots} meta={meta} meetingId={meetingId} />}
      {panel === 'roster' && <RosterPanel doc={doc} roster={roster} languages={meta.languages} editable={writable && can(role, 'manageMembers')} />}
      {panel === 'confirmations' && review && (
        <ConfirmationsPanel review={review} minutes={doc} roster={roster} languages={meta.languages} attributedCount={attributedParagraphs} me={{ id: user.id, name: user.name }} canConfirm={canWriteDoc(role, 'review', status)} />
      )}
      {panel === 'finalisation' && review && can(role, 'finalise') && <FinalisationPanel meetingId={meetingId} doc={doc} review={review} status={status} onJump={jump} onStatusChanged={onStatusChanged} />}
      {panel === 'versions' && <VersionsPanel meetingId={meetingId} canSave={can(role, 'editMinutes')} canRestore={can(role, 'finalise') && writable} />}
      {panel === 'glossary' && <GlossaryPanel meetingId={meetingId} terms={glossary} languages={meta.languages} editable={writable} onChanged={reloadGlossary} />}
      <div className="workspace-body">
        <aside className="sidebar">
          {slots.length > 0 && <AgendaOutline doc={doc} slots={slots} meta={meta} currentId={current?.id ?? null} onJump={jump} />}
          {review && (
            <ThreadsPanel
              review={review}
              me={{ id: user.id, name: user.name }}
              canComment={canWriteDoc(role, 'review', status)}
              canEditMinutes={writable}
              isChair={can(role, 'finalise')}
              members={members}
              slots={slots}
              generalTitle={t('meeting.general')}
              editors={editors.current}
              onJump={jump}
              lastVisit={lastVisit}
            />
          )}
          <ItemsSummary doc={doc} slots={slots} languages={meta.languages} roster={roster} />
          <ShortcutsHelp />
        </aside>
        <main className="slots">
          {writable && (
            <div className="sticky-toolbar">
              <Toolbar
                editor={focused}
                roster={roster}
                languages={meta.languages}
                labels={{
                  bold: t('editor.bold'),
                  italic: t('editor.italic'),
                  h2: t('editor.h2'),
                  h3: t('editor.h3'),
                  bullets: t('editor.bullets'),
                  numbers: t('editor.numbers'),
                  table: t('editor.table'),
                  link: t('editor.link'),
                  speaker: t('editor.speaker'),
                  decision: t('editor.decision'),
                  action: t('editor.action'),
                  plain: t('editor.plain'),
                }}
              />
            </div>
          )}
          {slots.length === 0 && <p className="muted">{t('meeting.noAgenda')}</p>}
          {sections.map((section) => {
            const slot = section.general
              ? { id: GENERAL_SLOT_ID, order: '', day: 0, start: '', end: '', kind: 'other' as const, title: Object.fromEntries(meta.languages.map((l) => [l, t('meeting.general')])), speakers: [], scribes: [] }
              : section.slot;
            const numbered = !section.general && slot.kind !== 'break' && slot.kind !== 'photo';
            return (
              <SlotSection
                key={section.id}
                meetingId={meetingId}
                doc={doc}
                provider={provider}
                user={user}
                slot={slot}
                meta={meta}
                number={numbered ? `${++sessionNumber}.` : ''}
                writable={writable}
                canRun={writable && !section.general}
                readerZone={showReaderTime ? readerZone : null}
                peopleHere={peopleIn(section.id)}
                onEditorFocus={onEditorFocus}
                glossary={glossary}
                registerEditor={registerEditor}
                insertInto={insertInto}
                members={members}
                speakerLabels={speakerLabels}
                threads={threads}
                contributors={contributorsOf(section.id)}
                authorColors={authorColors}
                isChair={can(role, 'editAgenda')}
              />
            );
          })}
        </main>
      </div>
    </div>
  );
}

/** The series glossary of the meeting, from the server (reloaded after edits). */
function useGlossary(meetingId: string): { terms: GlossaryTerm[]; reload: () => void } {
  const [terms, setTerms] = useState<GlossaryTerm[]>([]);
  const reload = useCallback(() => {
    api<{ terms: GlossaryTerm[] }>('GET', `/meetings/${meetingId}/glossary`).then((r) => setTerms(r.terms), () => setTerms([]));
  }, [meetingId]);
  useEffect(reload, [reload]);
  return { terms, reload };
}

/** Members of the meeting (for scribe assignment and names), reloaded when a panel closes. */
function useMembers(meetingId: string, panel: string): Array<{ userId: string; name: string }> {
  const [members, setMembers] = useState<Array<{ userId: string; name: string }>>([]);
  useEffect(() => {
    api<{ members: Array<{ userId: string; name: string; role: string }> }>('GET', `/meetings/${meetingId}/members`).then(
      (r) => setMembers(r.members.filter((m) => m.role === 'delegate' || m.role === 'chair')),
      () => setMembers([]),
    );
  }, [meetingId, panel]);
  return members;
}
