import { useState, type FormEvent } from 'react';
import type { ReportResponse } from '../../../shared/src/api/reportResponses.ts';
import { localizedText, type ReportModel } from '../../../shared/src/report/reportModel.ts';
import { queryKeys, reportPath, useInvalidate, useReportArchiveQuery } from '../data/queries.ts';
import { useT, type MessageKey } from '../i18n/i18n.tsx';
import { api, ApiError } from '../lib/api.ts';
import { ErrorText, Field } from '../ui/Field.tsx';

/** The report's own wording for refusals whose shared message speaks of a meeting. */
const REPORT_ERRORS: Record<string, MessageKey> = {
  draft_sources: 'report.final.draftSources',
  already_finalised: 'report.final.already',
  not_finalised: 'report.final.notFinalised',
  finalising: 'report.final.finalising',
};

/**
 * Finalising (the owner): the meetings still in draft are named, and finalising with them is an
 * explicit choice (`allowDrafts`); once finalised, the archived revisions with their manifest hash
 * and package, and reopening with a reason. Everyone else sees the revisions.
 */
export function ReportFinalisePanel({ report, model, canFinalise, onChanged }: { report: ReportResponse; model: ReportModel | undefined; canFinalise: boolean; onChanged: () => void }) {
  const { t, lang, errorMessage, formatDateTime } = useT();
  const archive = useReportArchiveQuery(report.id);
  const invalidate = useInvalidate();
  const [allowDrafts, setAllowDrafts] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const drafts = (model?.sources ?? []).filter((s) => s.state === 'draft');
  const titleOf = (meetingId: string) => {
    const chapter = model?.chapters.find((c) => c.kind === 'meeting' && c.meetingId === meetingId);
    return chapter && chapter.kind === 'meeting' ? localizedText(chapter.meetingTitle, lang) : meetingId;
  };
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError('');
    try {
      await action();
      await invalidate(queryKeys.reportArchive(report.id));
      onChanged();
    } catch (err) {
      const key = err instanceof ApiError ? REPORT_ERRORS[err.code] : undefined;
      setError(key ? t(key) : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const finalise = (event: FormEvent) => {
    event.preventDefault();
    void run(() => api('POST', reportPath(report.id, '/finalise'), { allowDrafts }));
  };
  const reopen = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api('POST', reportPath(report.id, '/reopen'), { reason: reason.trim() });
      setReason('');
    });
  };
  const records = archive.data?.records ?? [];

  return (
    <section className="panel report-finalise" aria-labelledby="report-finalise-title" data-testid="report-finalise">
      <h2 id="report-finalise-title">{t('report.final.title')}</h2>
      {canFinalise && report.status === 'draft' && (
        <form onSubmit={finalise}>
          <p>{t('report.final.intro')}</p>
          {drafts.length > 0 && (
            <div className="warning-block" role="note">
              <p>{t('report.final.draftsListed', { n: drafts.length })}</p>
              <ul>
                {drafts.map((d) => (
                  <li key={d.meetingId}>{titleOf(d.meetingId)}</li>
                ))}
              </ul>
              <label>
                <input type="checkbox" checked={allowDrafts} onChange={(e) => setAllowDrafts(e.target.checked)} data-testid="finalise-allow-drafts" /> {t('report.final.allowDrafts')}
              </label>
            </div>
          )}
          <button type="submit" className="primary" disabled={busy || (drafts.length > 0 && !allowDrafts)} data-testid="report-finalise-submit">
            {t('report.final.submit')}
          </button>
        </form>
      )}
      {canFinalise && report.status === 'finalised' && (
        <form className="row" onSubmit={reopen}>
          <Field label={t('report.final.reopenReason')} value={reason} minLength={3} maxLength={2000} required onChange={(e) => setReason(e.target.value)} data-testid="report-reopen-reason" />
          <button type="submit" disabled={busy || reason.trim().length < 3} data-testid="report-reopen">
            {t('report.final.reopen')}
          </button>
        </form>
      )}
      <ErrorText>{error}</ErrorText>
      <h3>{t('report.final.records')}</h3>
      {records.length === 0 ? (
        <p className="muted">{t('report.final.noRecords')}</p>
      ) : (
        <ul className="member-list" data-testid="report-archive-records">
          {records.map((r) => (
            <li key={r.id}>
              <strong>{t('records.revision', { n: r.revision })}</strong>
              <span className="muted">{formatDateTime(r.createdAt)}</span>
              <code className="hash" title={t('records.manifest')} data-testid="report-manifest-sha256">
                {r.manifestSha256}
              </code>
              <a className="button" href={`/api/archive/${encodeURIComponent(r.id)}/package`} download>
                {t('records.package')}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
