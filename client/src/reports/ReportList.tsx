import { useState } from 'react';
import type { MeetingSummary } from '../../../shared/src/api/responses.ts';
import { useReportsQuery } from '../data/queries.ts';
import { useT } from '../i18n/i18n.tsx';
import type { Me } from '../lib/api.ts';
import { ErrorText } from '../ui/Field.tsx';
import { NewReportForm } from './NewReportForm.tsx';
import { reportTitle } from './reportLabels.ts';
import './reports.css';

/**
 * The user's reports on the home page, and "New report" for those who may create one: administrators
 * and chairs (a report gathers meetings its creator chairs; the server checks each of them).
 */
export function ReportList({ user, meetings, navigate }: { user: Me; meetings: MeetingSummary[]; navigate: (path: string) => void }) {
  const { t, lang, errorMessage, formatDateTime } = useT();
  const query = useReportsQuery();
  const reports = query.data?.reports ?? null;
  const [creating, setCreating] = useState(false);
  const mayCreate = user.isAdmin || meetings.some((m) => m.role === 'chair');
  return (
    <section className="reports-section" aria-labelledby="reports-title">
      <div className="page-head">
        <h2 id="reports-title">{t('reports.title')}</h2>
        {mayCreate && !creating && (
          <button type="button" className="primary" onClick={() => setCreating(true)} data-testid="new-report">
            {t('reports.new')}
          </button>
        )}
      </div>
      <p className="muted">{t('reports.intro')}</p>
      {creating && <NewReportForm meetings={meetings} onCancel={() => setCreating(false)} onCreated={(id) => navigate(`/r/${id}`)} />}
      <ErrorText>{query.error ? errorMessage(query.error) : ''}</ErrorText>
      {reports === null ? (
        query.isPending && <p>{t('common.loading')}</p>
      ) : reports.length === 0 ? (
        <p className="muted">{t('reports.empty')}</p>
      ) : (
        <ul className="meeting-list" data-testid="report-list">
          {reports.map((r) => (
            <li key={r.id}>
              <a
                href={`/r/${r.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(`/r/${r.id}`);
                }}
              >
                <strong lang={r.title[lang] ? lang : undefined}>{reportTitle(r, lang)}</strong>
              </a>
              <span className="muted">
                {t('reports.meetingCount', { n: r.meetingIds.length })} · {t(`reports.language.${r.language}`)} · {t(`reports.status.${r.status}`)} · {t(`reportRole.${r.role}`)} · {formatDateTime(r.updatedAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
