import { memo, useState } from 'react';
import type { Location } from '../collab/presence.ts';
import type { SaveTracker } from '../collab/saveTracker.ts';
import type { MeetingMeta } from '../../../shared/src/model/meetingDoc.ts';
import { can, type EffectiveRole, type MeetingStatus } from '../../../shared/src/model/roles.ts';
import { RenderCount } from '../app/renderCounts.tsx';
import { useT } from '../i18n/i18n.tsx';
import { PresenceList } from '../presence/PresenceList.tsx';
import { useMeeting } from './meetingContext.tsx';
import { StatusIndicators } from './StatusIndicators.tsx';
import './writingMode.css';

export type Panel = 'none' | 'members' | 'agenda' | 'roster' | 'glossary' | 'versions' | 'confirmations' | 'finalisation';
export type RecordsPanel = 'none' | 'archive' | 'audit';

export interface MeetingHeaderProps {
  meta: MeetingMeta;
  role: EffectiveRole;
  status: MeetingStatus;
  saveTracker: SaveTracker;
  writable: boolean;
  readerZone: string;
  showReaderTime: boolean;
  onShowReaderTime: (show: boolean) => void;
  panel: Panel;
  onPanel: (panel: Panel) => void;
  recordsPanel: RecordsPanel;
  onRecordsPanel: (panel: RecordsPanel) => void;
  colourByAuthor: boolean;
  onColourByAuthor: (on: boolean) => void;
  onReviewWindow: () => void;
  describeLocation: (location: Location) => string;
}

/** The meeting's title, facts, connection and save state, who is here, and the page's actions. */
export const MeetingHeader = memo(function MeetingHeader(props: MeetingHeaderProps) {
  const { meta, role, status, panel, recordsPanel, writable } = props;
  const { t, lang, formatDay } = useT();
  const { meetingId, provider, presence } = useMeeting();
  const title = meta.title[lang] ?? meta.languages.map((l) => meta.title[l]).find(Boolean) ?? meetingId;
  const toggle = (which: Panel) => props.onPanel(panel === which ? 'none' : which);
  const toggleRecords = (which: RecordsPanel) => props.onRecordsPanel(recordsPanel === which ? 'none' : which);
  // Small screens: the actions sit behind one menu (writingMode.css), closed again once one is chosen.
  const [menuOpen, setMenuOpen] = useState(false);
  return (
    <RenderCount id="header">
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
          {props.readerZone !== meta.timezone && (
            <label className="small">
              <input type="checkbox" checked={props.showReaderTime} onChange={(e) => props.onShowReaderTime(e.target.checked)} /> {t('meeting.showMyTime', { zone: props.readerZone })}
            </label>
          )}
        </div>
        <div className={menuOpen ? 'header-side menu-open' : 'header-side'}>
          <StatusIndicators provider={provider} tracker={props.saveTracker} />
          <button type="button" className="panels-menu" aria-expanded={menuOpen} aria-controls="meeting-actions" onClick={() => setMenuOpen(!menuOpen)} data-testid="panels-menu">
            {t('meeting.menu')}
          </button>
          <PresenceList presence={presence} selfClientId={provider.doc.clientID} youLabel={t('common.you')} label={t('a11y.peopleHere')} describeLocation={props.describeLocation} />
          <div
            id="meeting-actions"
            className="header-actions"
            role="group"
            aria-label={t('meeting.actions')}
            onClick={(e) => {
              if ((e.target as HTMLElement).closest('button, a')) setMenuOpen(false);
            }}
          >
            <div className="action-group" role="group" aria-labelledby="actions-session">
              <span className="action-group-label" id="actions-session">
                {t('meeting.group.session')}
              </span>
              {can(role, 'manageMembers') && (
                <>
                  <button type="button" onClick={() => toggle('members')} aria-expanded={panel === 'members'} data-testid="members-toggle">
                    {t('meeting.members')}
                  </button>
                  <button type="button" onClick={() => toggle('agenda')} aria-expanded={panel === 'agenda'} data-testid="agenda-toggle" disabled={!writable}>
                    {t('meeting.editAgenda')}
                  </button>
                </>
              )}
              <button type="button" onClick={() => toggle('roster')} aria-expanded={panel === 'roster'} data-testid="roster-toggle">
                {t('meeting.roster')}
              </button>
              <button type="button" onClick={() => toggle('glossary')} aria-expanded={panel === 'glossary'} data-testid="glossary-toggle">
                {t('meeting.glossary')}
              </button>
            </div>
            <div className="action-group" role="group" aria-labelledby="actions-review">
              <span className="action-group-label" id="actions-review">
                {t('meeting.group.review')}
              </span>
              {can(role, 'manageMembers') && status !== 'finalised' && (
                <button type="button" onClick={props.onReviewWindow} data-testid="review-window-toggle">
                  {status === 'draft' ? t('meeting.openReviewWindow') : t('meeting.closeReviewWindow')}
                </button>
              )}
              <button type="button" onClick={() => toggle('confirmations')} aria-expanded={panel === 'confirmations'} data-testid="confirmations-toggle">
                {t('meeting.confirmations')}
              </button>
              <button type="button" onClick={() => toggle('versions')} aria-expanded={panel === 'versions'} data-testid="versions-toggle">
                {t('meeting.versions')}
              </button>
              <button type="button" aria-pressed={props.colourByAuthor} onClick={() => props.onColourByAuthor(!props.colourByAuthor)} data-testid="colour-by-author">
                {t('meeting.colourByAuthor')}
              </button>
              {can(role, 'manageMembers') && (
                <button type="button" onClick={() => toggle('finalisation')} aria-expanded={panel === 'finalisation'} data-testid="finalisation-toggle">
                  {t('final.toggle')}
                </button>
              )}
            </div>
            <div className="action-group" role="group" aria-labelledby="actions-records">
              <span className="action-group-label" id="actions-records">
                {t('meeting.group.records')}
              </span>
              <a className="button" href={`/m/${meetingId}/export`} data-testid="export-and-print">
                {t('records.exportAndPrint')}
              </a>
              <a className="button" href={`/api/meetings/${meetingId}/export?format=docx&lang=all`} aria-label={t('meeting.exportDocx')}>
                DOCX
              </a>
              <a className="button" href={`/api/meetings/${meetingId}/export?format=pdf&lang=all`} aria-label={t('meeting.exportPdf')}>
                PDF
              </a>
              <button type="button" onClick={() => toggleRecords('archive')} aria-expanded={recordsPanel === 'archive'} data-testid="archive-toggle">
                {t('records.archive')}
              </button>
              {can(role, 'finalise') && (
                <button type="button" onClick={() => toggleRecords('audit')} aria-expanded={recordsPanel === 'audit'} data-testid="audit-toggle">
                  {t('records.audit')}
                </button>
              )}
            </div>
          </div>
        </div>
      </div>
    </RenderCount>
  );
});
