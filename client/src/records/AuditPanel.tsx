import './records.css';
import { useAuditQuery } from '../data/queries.ts';
import { isMessageKey, useT } from '../i18n/i18n.tsx';
import { ErrorText } from '../ui/Field.tsx';

/** Details worth showing, as "key: value" pairs (reasons, roles, formats, revisions). */
function describeDetails(details: unknown): string {
  if (!details || typeof details !== 'object') return '';
  return Object.entries(details)
    .filter(([, v]) => v !== null && v !== undefined && v !== '' && typeof v !== 'object')
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(' · ');
}

/** The meeting's audit log (chairs and administrators): finalise, reopen, waivers, exports, roles. */
export function AuditPanel({ meetingId }: { meetingId: string }) {
  const { t, formatDateTime, errorMessage } = useT();
  const audit = useAuditQuery(meetingId);
  const entries = audit.data?.entries ?? null;
  const error = audit.error ? errorMessage(audit.error) : '';
  const actionLabel = (action: string) => {
    const key = `audit.${action}`;
    return isMessageKey(key) ? t(key) : action;
  };
  return (
    <section className="panel audit" aria-labelledby="audit-title" data-testid="audit-panel">
      <h2 id="audit-title">{t('records.auditTitle')}</h2>
      <ErrorText>{error && t('common.error', { message: error })}</ErrorText>
      {entries?.length === 0 && <p className="muted">{t('records.auditEmpty')}</p>}
      {entries && entries.length > 0 && (
        <table className="audit-table">
          <thead>
            <tr>
              <th scope="col">{t('records.auditWhen')}</th>
              <th scope="col">{t('records.auditWho')}</th>
              <th scope="col">{t('records.auditWhat')}</th>
              <th scope="col">{t('records.auditDetails')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} data-action={entry.action}>
                <td>{formatDateTime(entry.at)}</td>
                <td>{entry.actorName ?? t('records.auditSystem')}</td>
                <td>{actionLabel(entry.action)}</td>
                <td className="small">{describeDetails(entry.details)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
