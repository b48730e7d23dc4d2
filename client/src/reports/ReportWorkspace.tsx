import { useMemo, useState } from 'react';
import type { ReportResponse } from '../../../shared/src/api/reportResponses.ts';
import { canInReport, canWriteReportDoc } from '../../../shared/src/report/reportRoles.ts';
import { presenceStore } from '../collab/presence.ts';
import type { SaveTracker } from '../collab/saveTracker.ts';
import { reportPath, useReportMembersQuery, useReportModelQuery } from '../data/queries.ts';
import { useT } from '../i18n/i18n.tsx';
import { StatusIndicators } from '../meeting/StatusIndicators.tsx';
import { PresenceList } from '../presence/PresenceList.tsx';
import { ThreadsPanel } from '../review/ThreadsPanel.tsx';
import { ErrorText } from '../ui/Field.tsx';
import { useReport } from './reportContext.tsx';
import { reportTitle } from './reportLabels.ts';
import { ReportFinalisePanel } from './ReportFinalisePanel.tsx';
import { ReportMembersPanel } from './ReportMembersPanel.tsx';
import { ReportReadingView } from './ReportReadingView.tsx';
import { ReportSettingsPanel } from './ReportSettingsPanel.tsx';
import { ReportToolbar } from './ReportToolbar.tsx';
import { useModelRefresh } from './useModelRefresh.ts';

type Panel = 'none' | 'settings' | 'members' | 'finalise';

const NO_SLOTS: never[] = [];
// Every field of a report is mounted: nothing to mount before applying a suggestion.
const noop = () => undefined;

/** The open report: header (title, role, save state, people here, exports), panels and the report itself. */
export function ReportWorkspace({ report, saveTracker, onChanged, navigate }: { report: ReportResponse; saveTracker: SaveTracker; onChanged: () => void; navigate: (path: string) => void }) {
  const { t, lang, errorMessage, formatDateTime } = useT();
  const { reportId, doc, provider, user, writable, refreshModel, review, editors, targetTitles } = useReport();
  const model = useReportModelQuery(reportId);
  useModelRefresh(doc, saveTracker, refreshModel);
  const [panel, setPanel] = useState<Panel>('none');
  // Phones: the actions behind one menu (the meeting page's writing mode, meeting/writingMode.css).
  const [menuOpen, setMenuOpen] = useState(false);
  const presence = useMemo(() => presenceStore(provider), [provider]);
  const toggle = (next: Panel) => setPanel((current) => (current === next ? 'none' : next));
  const readOnly = report.status === 'finalised' ? t('report.readOnly.finalised') : !writable ? t('report.readOnly.reviewer') : null;
  const membersData = useReportMembersQuery(reportId).data;
  // Who may be @mentioned in a comment: the report's members.
  const members = useMemo(() => (membersData?.members ?? []).map((m) => ({ userId: m.userId, name: m.name })), [membersData]);
  const me = useMemo(() => ({ id: user.id, name: user.name }), [user.id, user.name]);
  // Comments by others since this page opened count as new (a report keeps no visit record).
  const [openedAt] = useState(() => Date.now());
  const jump = (target: string) => {
    const field = document.querySelector<HTMLElement>(`[data-review-target="${CSS.escape(target)}"]`);
    field?.scrollIntoView({ behavior: 'smooth', block: 'center' });
    field?.querySelector<HTMLElement>('.tiptap')?.focus();
  };
  const exportHref = (format: string) => `/api${reportPath(reportId, `/export?format=${format}`)}`;

  return (
    <main className="workspace report-page" data-testid="report-page" data-role={report.role}>
      <header className="meeting-header report-header">
        <div>
          <h1 lang={report.title[lang] ? lang : undefined} data-testid="report-title">
            {reportTitle(report, lang)}
          </h1>
          <p className="muted">
            {t(`reports.language.${report.language}`)} · {t('report.timesIn', { zone: report.timezone })} · {t(`reports.status.${report.status}`)} · {t(`reportRole.${report.role}`)}
          </p>
        </div>
        <div
          className={menuOpen ? 'header-side menu-open' : 'header-side'}
          onClick={(e) => {
            if ((e.target as HTMLElement).closest('.header-actions button, .header-actions a')) setMenuOpen(false);
          }}
        >
          <StatusIndicators provider={provider} tracker={saveTracker} />
          <button type="button" className="panels-menu" aria-expanded={menuOpen} aria-controls="report-actions report-exports" onClick={() => setMenuOpen(!menuOpen)} data-testid="panels-menu">
            {t('meeting.menu')}
          </button>
          <PresenceList presence={presence} selfClientId={provider.doc.clientID} youLabel={t('common.you')} label={t('report.presence')} />
          <div id="report-actions" className="header-actions">
            <button type="button" aria-expanded={panel === 'settings'} onClick={() => toggle('settings')} data-testid="report-settings-toggle">
              {t('report.settings')}
            </button>
            <button type="button" aria-expanded={panel === 'members'} onClick={() => toggle('members')} data-testid="report-members-toggle">
              {t('report.members')}
            </button>
            <button type="button" aria-expanded={panel === 'finalise'} onClick={() => toggle('finalise')} data-testid="report-finalise-toggle">
              {t('report.final.title')}
            </button>
          </div>
          <nav id="report-exports" className="header-actions report-exports" aria-label={t('report.exports')}>
            <a className="button" href={exportHref('docx')} download data-testid="report-export-docx">
              {t('records.download', { format: 'DOCX' })}
            </a>
            <a className="button" href={exportHref('pdf')} download data-testid="report-export-pdf">
              {t('records.download', { format: 'PDF' })}
            </a>
            <a className="button" href={exportHref('html')} target="_blank" rel="noopener" data-testid="report-export-html">
              {t('report.printView')}
            </a>
          </nav>
        </div>
      </header>
      {readOnly && (
        <div className="banner readonly" role="status" data-testid="readonly-banner">
          {readOnly}
        </div>
      )}
      {panel === 'settings' && <ReportSettingsPanel report={report} editable={writable} onSaved={onChanged} onClose={() => setPanel('none')} />}
      {panel === 'finalise' && <ReportFinalisePanel report={report} model={model.data} canFinalise={canInReport(report.role, 'finalise')} onChanged={onChanged} />}
      {panel === 'members' && <ReportMembersPanel reportId={reportId} canManage={canInReport(report.role, 'manageMembers')} selfId={user.id} />}
      <div className="report-toolbar">
        <button type="button" onClick={() => void model.refetch()} disabled={model.isFetching} data-testid="report-refresh">
          {t('report.refresh')}
        </button>
        <span className="muted" role="status" data-testid="report-generated-at">
          {model.isFetching ? t('report.generating') : model.data ? t('report.generatedAt', { time: formatDateTime(model.data.generatedAt) }) : ''}
        </span>
      </div>
      <ErrorText>{model.error ? errorMessage(model.error) : ''}</ErrorText>
      <div className="workspace-body report-body">
        <aside className="sidebar">
          {review && (
            <ThreadsPanel
              review={review}
              me={me}
              canComment={canWriteReportDoc(report.role, 'reportReview', report.status)}
              canEditMinutes={writable}
              isChair={canInReport(report.role, 'manageMembers')}
              members={members}
              slots={NO_SLOTS}
              generalTitle=""
              titleOf={(target) => targetTitles.get(target)}
              editors={editors}
              mountSlot={noop}
              onJump={jump}
              lastVisit={openedAt}
            />
          )}
        </aside>
        <div className="report-main">
          {writable && <ReportToolbar />}
          {model.data && <ReportReadingView model={model.data} navigate={navigate} />}
          {!model.data && !model.error && <p>{t('report.generating')}</p>}
        </div>
      </div>
    </main>
  );
}
