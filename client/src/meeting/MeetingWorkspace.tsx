import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { GlossaryTerm } from '../../../shared/src/model/glossary.ts';
import { localTimeZone } from '../../../shared/src/intl/formatters.ts';
import { can, canWriteDoc, type EffectiveRole, type MeetingStatus } from '../../../shared/src/model/roles.ts';
import { speakerLabelsByLanguage } from '../../../shared/src/model/rosterDoc.ts';
import { attributedParagraphs } from '../../../shared/src/model/minutesText.ts';
import { GENERAL_SLOT_ID } from '../../../shared/src/schema/fields.ts';
import { ShortcutsHelp } from '../a11y/ShortcutsHelp.tsx';
import { useRemoteAnnouncements } from '../a11y/useRemoteAnnouncements.ts';
import { useWorkspaceShortcuts } from '../a11y/useWorkspaceShortcuts.ts';
import type { Location } from '../collab/presence.ts';
import type { SaveTracker } from '../collab/saveTracker.ts';
import { useStore } from '../collab/store.ts';
import { queryKeys, useGlossaryQuery, useInvalidate, useMembersQuery } from '../data/queries.ts';
import { AuthorLegend } from '../editor/AuthorLegend.tsx';
import { useAuthorColoring } from '../editor/useAuthorColoring.ts';
import { useT } from '../i18n/i18n.tsx';
import { api } from '../lib/api.ts';
import { UnsavedEditsBanner } from '../records/UnsavedEditsBanner.tsx';
import { useLastVisit } from '../review/lastVisit.ts';
import { ThreadsPanel } from '../review/ThreadsPanel.tsx';
import { useAuthorship } from '../review/useAuthorship.ts';
import { AgendaOutline } from './AgendaOutline.tsx';
import { ItemsSummary } from './ItemsSummary.tsx';
import { MeetingHeader, type Panel, type RecordsPanel } from './MeetingHeader.tsx';
import { useMeeting } from './meetingContext.tsx';
import { currentSlot } from './meetingTime.ts';
import { SlotList } from './SlotList.tsx';
import { useNow } from './useNow.ts';
import { useLiveGlossary } from './useLiveGlossary.ts';
import { useOpenOnCurrentSlot } from './useOpenOnCurrentSlot.ts';
import { useAfterFirstPaint } from './useAfterFirstPaint.ts';
import { lazyNamed } from '../app/lazyNamed.ts';

// The panels open on demand, from their own chunks: none of them is needed to show the minutes.
const MembersPanel = lazyNamed(() => import('../meetings/MembersPanel.tsx'), 'MembersPanel');
const ArchivePanel = lazyNamed(() => import('../records/ArchivePanel.tsx'), 'ArchivePanel');
const AuditPanel = lazyNamed(() => import('../records/AuditPanel.tsx'), 'AuditPanel');
const ConfirmationsPanel = lazyNamed(() => import('../review/ConfirmationsPanel.tsx'), 'ConfirmationsPanel');
const VersionsPanel = lazyNamed(() => import('../review/VersionsPanel.tsx'), 'VersionsPanel');
const AgendaEditor = lazyNamed(() => import('./AgendaEditor.tsx'), 'AgendaEditor');
const FinalisationPanel = lazyNamed(() => import('./FinalisationPanel.tsx'), 'FinalisationPanel');
const GlossaryPanel = lazyNamed(() => import('./GlossaryPanel.tsx'), 'GlossaryPanel');
const RosterPanel = lazyNamed(() => import('./RosterPanel.tsx'), 'RosterPanel');

export interface WorkspaceProps {
  role: EffectiveRole;
  status: MeetingStatus;
  readOnlyReason: string | null;
  saveTracker: SaveTracker;
  /** Called after this page changed the meeting's status (review window). */
  onStatusChanged: () => void;
}

const NO_TERMS: GlossaryTerm[] = [];

/**
 * The meeting page once the doc is synced: header, panels, agenda outline, threads, decisions and
 * the slots. It reads only the meeting's frame (meta, agenda, roster) and server data: typing in
 * the minutes renders the slot concerned, not this.
 */
export function MeetingWorkspace({ role, status, readOnlyReason, saveTracker, onStatusChanged }: WorkspaceProps) {
  const { t, lang, languageName } = useT();
  const { meetingId, doc, provider, user, stores, review, editors, mounts } = useMeeting();
  const meta = useStore(stores.meta);
  const slots = useStore(stores.agenda);
  const roster = useStore(stores.roster);
  const now = useNow(30_000);
  const [panel, setPanel] = useState<Panel>('none');
  const [recordsPanel, setRecordsPanel] = useState<RecordsPanel>('none');
  const glossary = useGlossaryQuery(meetingId).data?.terms ?? NO_TERMS;
  useLiveGlossary(meetingId, doc);
  const invalidate = useInvalidate();
  const membersData = useMembersQuery(meetingId).data;
  // Who may be assigned as a scribe.
  const members = useMemo(() => (membersData?.members ?? []).filter((m) => m.role === 'delegate' || m.role === 'chair').map((m) => ({ userId: m.userId, name: m.name })), [membersData]);
  const lastVisit = useLastVisit(meetingId);
  const authors = useAuthorship(meetingId, doc, useMemo(() => ({ userId: user.id, name: user.name }), [user.id, user.name]));
  const [colourByAuthor, setColourByAuthor] = useState(false);
  const { colors: authorColors, legend: authorLegend } = useAuthorColoring(authors, colourByAuthor);
  const speakerLabels = useMemo(() => speakerLabelsByLanguage(roster, meta.languages), [roster, meta.languages]);
  const readerZone = useMemo(localTimeZone, []);
  const [showReaderTime, setShowReaderTime] = useState(readerZone !== meta.timezone);

  const writable = canWriteDoc(role, 'minutes', status) && readOnlyReason === null;
  const current = currentSlot(slots, meta, now);
  const sectionIds = useMemo(() => [GENERAL_SLOT_ID, ...slots.map((s) => s.id)], [slots]);
  const jump = useCallback(
    (slotId: string, behavior: ScrollBehavior = 'smooth') => {
      mounts.request(slotId);
      document.getElementById(`slot-${slotId}`)?.scrollIntoView({ behavior, block: 'start' });
      (document.getElementById(`slot-title-${slotId}`) as HTMLElement | null)?.focus?.();
    },
    [mounts],
  );
  // A link to `/m/<id>#slot-<slotId>` (archive search results) opens at that slot once it exists.
  const hashSlot = /^#slot-([A-Za-z0-9_-]+)$/.exec(location.hash)?.[1] ?? null;
  const hashSlotShown = slots.some((s) => s.id === hashSlot);
  // At once, not smoothly: a smooth scroll from the top would mount (and unmount) the editors of
  // every slot on the way.
  useEffect(() => {
    if (hashSlot && hashSlotShown) jump(hashSlot, 'instant');
  }, [hashSlot, hashSlotShown, jump]);
  // Stable while the agenda and language are: the header is memoised (a clock tick or a refetch
  // that renders the workspace must not render it).
  const slotTitleOf = useCallback(
    (slotId: string) => {
      const slot = slots.find((s) => s.id === slotId);
      return slot ? slot.title[lang] || meta.languages.map((l) => slot.title[l]).find(Boolean) || slot.start : t('meeting.general');
    },
    [slots, lang, meta.languages, t],
  );
  const describe = useCallback((loc: Location) => `${slotTitleOf(loc.slotId)} · ${languageName(loc.lang)}`, [slotTitleOf, languageName]);
  const onReviewWindow = useCallback(() => void api('POST', `/meetings/${meetingId}/review-window`, { open: status === 'draft' }).then(onStatusChanged), [meetingId, status, onStatusChanged]);
  useRemoteAnnouncements({ provider, review: review?.doc ?? null, status, myUserId: user.id, slotTitle: slotTitleOf });
  useWorkspaceShortcuts({ sectionIds, currentId: current?.id ?? null, onJump: jump });
  useOpenOnCurrentSlot(current?.id ?? null, jump);
  const readOnlyText = readOnlyReason ? t(`readonly.${readOnlyReason}` as 'readonly.role-observer') : null;
  const me = useMemo(() => ({ id: user.id, name: user.name }), [user.id, user.name]);
  // The sidebar reads every slot's summary: after the slots (and the one opened) are on screen.
  const painted = useAfterFirstPaint();

  return (
    <div className="workspace">
      <MeetingHeader
        meta={meta}
        role={role}
        status={status}
        saveTracker={saveTracker}
        writable={writable}
        readerZone={readerZone}
        showReaderTime={showReaderTime}
        onShowReaderTime={setShowReaderTime}
        panel={panel}
        onPanel={setPanel}
        recordsPanel={recordsPanel}
        onRecordsPanel={setRecordsPanel}
        colourByAuthor={colourByAuthor}
        onColourByAuthor={setColourByAuthor}
        onReviewWindow={onReviewWindow}
        describeLocation={describe}
      />
      {readOnlyText && (
        <div className="banner readonly" role="status" data-testid="readonly-banner">
          {t('readonly.banner', { reason: readOnlyText })}
        </div>
      )}
      <UnsavedEditsBanner doc={doc} tracker={saveTracker} meetingId={meetingId} />
      {colourByAuthor && <AuthorLegend entries={authorLegend} />}
      <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
        {recordsPanel === 'archive' && <ArchivePanel meetingId={meetingId} />}
        {recordsPanel === 'audit' && <AuditPanel meetingId={meetingId} />}
        {panel === 'members' && <MembersPanel meetingId={meetingId} selfId={user.id} />}
        {panel === 'agenda' && <AgendaEditor doc={doc} slots={slots} meta={meta} meetingId={meetingId} />}
        {panel === 'roster' && <RosterPanel doc={doc} roster={roster} languages={meta.languages} editable={writable && can(role, 'manageMembers')} slots={slots} accounts={membersData?.members.filter((m) => m.role !== 'observer') ?? []} />}
        {panel === 'confirmations' && review && <ConfirmationsPanel review={review} minutes={doc} roster={roster} languages={meta.languages} attributedCount={attributedParagraphs} me={me} canConfirm={canWriteDoc(role, 'review', status)} isChair={role === 'chair' || role === 'admin'} />}
        {panel === 'finalisation' && review && can(role, 'finalise') && <FinalisationPanel meetingId={meetingId} doc={doc} review={review.doc} status={status} onJump={jump} onStatusChanged={onStatusChanged} />}
        {panel === 'versions' && <VersionsPanel meetingId={meetingId} canSave={can(role, 'editMinutes')} canRestore={can(role, 'finalise') && writable} />}
        {panel === 'glossary' && <GlossaryPanel meetingId={meetingId} terms={glossary} languages={meta.languages} editable={writable} onChanged={() => void invalidate(queryKeys.glossary(meetingId))} />}
      </Suspense>
      <div className="workspace-body">
        <aside className="sidebar">
          {painted && slots.length > 0 && <AgendaOutline slots={slots} meta={meta} currentId={current?.id ?? null} onJump={jump} />}
          {painted && review && (
            <ThreadsPanel
              review={review}
              me={me}
              canComment={canWriteDoc(role, 'review', status)}
              canEditMinutes={writable}
              isChair={can(role, 'finalise')}
              members={members}
              slots={slots}
              generalTitle={t('meeting.general')}
              editors={editors}
              mountSlot={mounts.request}
              onJump={jump}
              lastVisit={lastVisit}
            />
          )}
          {painted && <ItemsSummary sectionIds={sectionIds} languages={meta.languages} roster={roster} />}
          <ShortcutsHelp />
        </aside>
        <SlotList
          slots={slots}
          meta={meta}
          roster={roster}
          writable={writable}
          isChair={can(role, 'editAgenda')}
          finalised={status === 'finalised'}
          readerZone={showReaderTime ? readerZone : null}
          members={members}
          glossary={glossary}
          speakerLabels={speakerLabels}
          authorColors={authorColors}
          authors={authors}
          saveTracker={saveTracker}
        />
      </div>
    </div>
  );
}
