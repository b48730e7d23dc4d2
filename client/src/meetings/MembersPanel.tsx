import { useState, type FormEvent } from 'react';
import type { MemberDelivery } from '../../../shared/src/api/notifications.ts';
import { ROLES, type Role } from '../../../shared/src/model/roles.ts';
import { queryKeys, useInvalidate, useInvitesQuery, useMembersQuery } from '../data/queries.ts';
import { api } from '../lib/api.ts';
import { useT } from '../i18n/i18n.tsx';
import { ErrorText, Field } from '../ui/Field.tsx';

/** Chairs manage who is in the meeting: roles, removal, e-mail invitations and invite links. */
export function MembersPanel({ meetingId, selfId }: { meetingId: string; selfId: string }) {
  const { t, errorMessage, formatDateTime } = useT();
  const membersQuery = useMembersQuery(meetingId);
  const invitesQuery = useInvitesQuery(meetingId);
  const invalidate = useInvalidate();
  const members = membersQuery.data?.members ?? [];
  const pending = membersQuery.data?.pending ?? [];
  const invites = (invitesQuery.data?.invites ?? []).filter((inv) => inv.revokedAt === null && inv.expiresAt > Date.now() && inv.uses < inv.maxUses);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('delegate');
  const [inviteRole, setInviteRole] = useState<Role>('delegate');
  const [inviteUrl, setInviteUrl] = useState('');
  /** The last member added by e-mail, and how they learn about it (an e-mail, or a link to share). */
  const [added, setAdded] = useState<(MemberDelivery & { email: string }) | null>(null);
  const mailConfigured = membersQuery.data?.mailConfigured ?? false;
  const [actionError, setError] = useState('');
  const loadError = membersQuery.error ?? invitesQuery.error;
  const error = actionError || (loadError ? errorMessage(loadError) : '');

  const run = async (action: () => Promise<unknown>) => {
    setError('');
    try {
      await action();
      await invalidate(queryKeys.members(meetingId), queryKeys.invites(meetingId));
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const addMember = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      setAdded(await api<MemberDelivery & { email: string }>('POST', `/meetings/${meetingId}/members`, { email, role }));
      setEmail('');
    });
  };

  const createInvite = () =>
    run(async () => {
      const created = await api<{ url: string }>('POST', `/meetings/${meetingId}/invites`, { role: inviteRole });
      setInviteUrl(created.url);
    });

  const roleSelect = (value: Role, onChange: (role: Role) => void, label: string, testId?: string) => (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value as Role)} data-testid={testId}>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {t(`role.${r}`)}
        </option>
      ))}
    </select>
  );

  return (
    <section className="members-panel" aria-labelledby="members-title">
      <h2 id="members-title">{t('members.title')}</h2>
      <ul className="member-list">
        {members.map((m) => (
          <li key={m.userId} data-testid={`member-${m.name}`}>
            <span className="member-name">{m.name}</span>
            <span className="muted">{m.email ?? t('members.guest')}</span>
            {m.userId === selfId ? (
              <span>{t(`role.${m.role}`)}</span>
            ) : (
              <>
                {roleSelect(m.role, (r) => void run(() => api('PATCH', `/meetings/${meetingId}/members/${m.userId}`, { role: r })), `${t('members.role')}: ${m.name}`)}
                <button type="button" onClick={() => void run(() => api('DELETE', `/meetings/${meetingId}/members/${m.userId}`))}>
                  {t('members.remove')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {pending.length > 0 && (
        <>
          <h3>{t('members.pending')}</h3>
          <ul className="member-list">
            {pending.map((p) => (
              <li key={p.email}>
                <span>{p.email}</span>
                <span className="muted">{t(`role.${p.role as Role}`)}</span>
                <button type="button" onClick={() => void run(() => api('DELETE', `/meetings/${meetingId}/pending/${encodeURIComponent(p.email)}`))}>
                  {t('members.remove')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <form className="row" onSubmit={addMember}>
        <Field label={t('members.email')} type="email" required value={email} onChange={(e) => setEmail(e.target.value)} data-testid="member-email" />
        <div className="field">
          <label>{t('members.role')}</label>
          {roleSelect(role, setRole, t('members.role'), 'member-role')}
        </div>
        <button type="submit" data-testid="member-add">
          {mailConfigured ? t('members.addAndEmail') : t('members.add')}
        </button>
      </form>
      {!mailConfigured && <p className="muted">{t('members.noMailNote')}</p>}
      {added && <CopyableLink text={added.delivery === 'email' ? t('members.emailed', { email: added.email }) : t('members.shareLink', { email: added.email })} url={added.link} testId="member-link" />}
      <div className="row">
        <div className="field">
          <label>{t('members.role')}</label>
          {roleSelect(inviteRole, setInviteRole, t('members.role'), 'invite-role')}
        </div>
        <button type="button" onClick={() => void createInvite()} data-testid="invite-create">
          {t('members.inviteLink')}
        </button>
      </div>
      {inviteUrl && <CopyableLink text={t('members.inviteCreated')} url={inviteUrl} testId="invite-url" />}
      {invites.length > 0 && (
        <>
          <h3>{t('members.invites')}</h3>
          <ul className="member-list">
            {invites.map((inv) => (
              <li key={inv.id}>
                <span>{t(`role.${inv.role}`)}</span>
                <span className="muted">{t('members.expires', { date: formatDateTime(inv.expiresAt) })}</span>
                <button type="button" onClick={() => void run(() => api('DELETE', `/meetings/${meetingId}/invites/${inv.id}`))}>
                  {t('members.revoke')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <ErrorText>{error}</ErrorText>
    </section>
  );
}

/** A sentence and a link to hand on, with a copy button. */
function CopyableLink({ text, url, testId }: { text: string; url: string; testId: string }) {
  const { t } = useT();
  return (
    <p className="invite-url" role="status">
      {text} <code data-testid={testId}>{url}</code>{' '}
      <button type="button" onClick={() => void navigator.clipboard?.writeText(url)}>
        {t('members.copy')}
      </button>
    </p>
  );
}
