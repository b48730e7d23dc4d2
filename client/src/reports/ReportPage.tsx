import { useCallback, useEffect, useMemo, useState } from 'react';
import { reportDocName, reportReviewDocName } from '../../../shared/src/protocol/docName.ts';
import { languagesOf } from '../../../shared/src/report/reportModel.ts';
import { canWriteReportDoc } from '../../../shared/src/report/reportRoles.ts';
import { isReportId } from '../../../shared/src/protocol/docName.ts';
import { assignColors } from '../collab/colorAssignment.ts';
import { ReviewStores } from '../collab/reviewStores.ts';
import { useCollabSession, type CollabUser } from '../collab/useCollabSession.ts';
import { useReloadOnAccessChange } from '../collab/useReloadOnAccessChange.ts';
import { colorFor } from '../collab/userColor.ts';
import { queryKeys, useInvalidate, useReportQuery } from '../data/queries.ts';
import { EditorRegistry } from '../editor/editorRegistry.ts';
import { useT } from '../i18n/i18n.tsx';
import { FocusedEditor } from '../meeting/focusedEditor.ts';
import type { Me } from '../lib/api.ts';
import { ErrorText } from '../ui/Field.tsx';
import { ReportProvider, type ReportContextValue } from './reportContext.tsx';
import { ReportWorkspace } from './ReportWorkspace.tsx';
import './reports.css';

/**
 * `/r/<id>`: the report's settings (GET /api/reports/:id) and, at the same time, its live document
 * `report.<id>` (the name follows from the id, so both requests leave together).
 */
export function ReportPage({ reportId, me, navigate }: { reportId: string; me: Me; navigate: (path: string) => void }) {
  const { t, errorMessage } = useT();
  const query = useReportQuery(reportId);
  const report = query.data ?? null;
  const invalidate = useInvalidate();
  const user = useMemo<CollabUser>(() => ({ id: me.id, name: me.name, color: colorFor(me.id) }), [me.id, me.name]);
  const docName = query.error || !isReportId(reportId) ? null : reportDocName(reportId);
  const session = useCollabSession(docName, user, report !== null);
  // The review doc (comment threads): reviewers write it, not the report's text.
  const reviewSession = useCollabSession(docName ? reportReviewDocName(reportId) : null, user, report !== null);
  const reviewDoc = reviewSession.status === 'ready' ? reviewSession.doc : null;
  const review = useMemo(() => (reviewDoc ? new ReviewStores(reviewDoc) : null), [reviewDoc]);
  const [editors] = useState(() => new EditorRegistry());
  const [targetTitles] = useState(() => new Map<string, string>());
  const provider = session.status === 'ready' ? session.provider : null;
  useEffect(() => (provider ? assignColors(provider.awareness, user.id) : undefined), [provider, user.id]);
  const refreshModel = useCallback(() => void invalidate(queryKeys.reportModel(reportId)), [invalidate, reportId]);
  const reload = useCallback(() => void invalidate(queryKeys.report(reportId), queryKeys.reportModel(reportId), queryKeys.reports), [invalidate, reportId]);
  useReloadOnAccessChange(provider, reload);

  const [focused] = useState(() => new FocusedEditor());
  const writable = report ? canWriteReportDoc(report.role, 'report', report.status) : false;
  const languages = useMemo(() => (report ? languagesOf(report.language) : []), [report?.language]);
  const context = useMemo<ReportContextValue | null>(
    () => (session.status === 'ready' && report ? { reportId, doc: session.doc, provider: session.provider, user, writable, languages, focused, review, editors, targetTitles, refreshModel } : null),
    [session, report !== null, reportId, user, writable, languages, focused, review, editors, targetTitles, refreshModel],
  );

  if (query.error) return <ErrorText>{errorMessage(query.error)}</ErrorText>;
  if (session.status === 'error') return <ErrorText>{t('common.error', { message: session.error })}</ErrorText>;
  if (!report || !context || session.status !== 'ready') return <p className="page">{t('common.loading')}</p>;
  return (
    <ReportProvider value={context}>
      <ReportWorkspace report={report} saveTracker={session.saveTracker} onChanged={reload} navigate={navigate} />
    </ReportProvider>
  );
}
