import { useState, type FormEvent } from 'react';
import type { ReportMemberView } from '../../../shared/src/api/reportResponses.ts';
import { REPORT_ROLES, type ReportRole } from '../../../shared/src/report/reportRoles.ts';
import { queryKeys, reportPath, useInvalidate, useReportMembersQuery } from '../data/queries.ts';
import { useT } from '../i18n/i18n.tsx';
import { api } from '../lib/api.ts';
import { ErrorText, Field } from '../ui/Field.tsx';

/**
 * Who is in the report: owners add an existing account by e-mail with a role (posting an address
 * already there changes its role), change roles and remove members; others see the list.
 */
export function ReportMembersPanel({ reportId, canManage, selfId }: { reportId: string; canManage: boolean; selfId: string }) {
  const { t, errorMessage } = useT();
  const query = useReportMembersQuery(reportId);
  const invalidate = useInvalidate();
  const members = query.data?.members ?? [];
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<ReportRole>('author');
  const [actionError, setError] = useState('');
  const error = actionError || (query.error ? errorMessage(query.error) : '');

  const run = async (action: () => Promise<unknown>) => {
    setError('');
    try {
      await action();
      await invalidate(queryKeys.reportMembers(reportId));
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api('POST', reportPath(reportId, '/members'), { email: email.trim(), role });
      setEmail('');
    });
  };
  const roleSelect = (value: ReportRole, onChange: (role: ReportRole) => void, label: string, testId?: string) => (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value as ReportRole)} data-testid={testId}>
      {REPORT_ROLES.map((r) => (
        <option key={r} value={r}>
          {t(`reportRole.${r}`)}
        </option>
      ))}
    </select>
  );
  const changeRole = (member: ReportMemberView, next: ReportRole) => {
    if (member.email) void run(() => api('POST', reportPath(reportId, '/members'), { email: member.email, role: next }));
  };

  return (
    <section className="members-panel" aria-labelledby="report-members-title" data-testid="report-members">
      <h2 id="report-members-title">{t('report.members')}</h2>
      <ul className="member-list">
        {members.map((m) => (
          <li key={m.userId} data-testid={`report-member-${m.name}`}>
            <span className="member-name">{m.name}</span>
            {m.email && <span className="muted">{m.email}</span>}
            {canManage && m.userId !== selfId && m.email ? (
              <>
                {roleSelect(m.role, (r) => changeRole(m, r), t('report.memberRoleOf', { name: m.name }))}
                <button type="button" onClick={() => void run(() => api('DELETE', reportPath(reportId, `/members/${encodeURIComponent(m.userId)}`)))}>
                  {t('members.remove')}
                </button>
              </>
            ) : (
              <span>{t(`reportRole.${m.role}`)}</span>
            )}
          </li>
        ))}
      </ul>
      {canManage && (
        <form className="row" onSubmit={add}>
          <Field label={t('members.email')} type="email" required value={email} onChange={(e) => setEmail(e.target.value)} data-testid="report-member-email" />
          <div className="field">
            <label htmlFor="report-member-role">{t('report.memberRole')}</label>
            <select id="report-member-role" value={role} onChange={(e) => setRole(e.target.value as ReportRole)} data-testid="report-member-role">
              {REPORT_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`reportRole.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" data-testid="report-member-add">
            {t('members.add')}
          </button>
        </form>
      )}
      <ErrorText>{error}</ErrorText>
    </section>
  );
}
