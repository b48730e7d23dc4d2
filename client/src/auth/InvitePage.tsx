import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { InviteSummary } from '../../../shared/src/api/notifications.ts';
import { api, ApiError } from '../lib/api.ts';
import { useT, type MessageKey } from '../i18n/i18n.tsx';
import { ErrorText, Field } from '../ui/Field.tsx';

type LinkState = Exclude<InviteSummary['state'], 'valid'> | 'unknown';
const stateMessage = (state: LinkState): MessageKey => `invite.state.${state}`;

/**
 * `/invite/<code>`: says what the link is for (meeting, inviter, role) before asking for anything,
 * or why it no longer works; then a guest names themselves and joins that one meeting.
 */
export function InvitePage({ code, onJoined }: { code: string; onJoined: (meetingId: string) => void }) {
  const { t, lang, errorMessage, formatDateTime } = useT();
  const queryClient = useQueryClient();
  const queryKey = ['invite', code];
  const summary = useQuery({ queryKey, queryFn: () => api<InviteSummary>('GET', `/invites/${encodeURIComponent(code)}`), retry: false });
  const [name, setName] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      const result = await api<{ meetingId: string }>('POST', `/invites/${encodeURIComponent(code)}/accept`, { name });
      onJoined(result.meetingId);
    } catch (err) {
      // Used up or withdrawn meanwhile: show why, as if the page had been opened now.
      if (err instanceof ApiError && err.code === 'invite_invalid') await queryClient.invalidateQueries({ queryKey });
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  let body;
  if (summary.isPending) body = <p>{t('invite.checking')}</p>;
  else if (summary.isError) {
    const unknown = summary.error instanceof ApiError && summary.error.status === 404;
    body = unknown ? linkProblem('unknown') : <ErrorText>{errorMessage(summary.error)}</ErrorText>;
  } else if (summary.data.state !== 'valid') body = linkProblem(summary.data.state);
  else {
    const invite = summary.data;
    const meeting = invite.meetingTitle[lang] ?? Object.values(invite.meetingTitle)[0] ?? '';
    body = (
      <>
        <p data-testid="invite-summary">{t('invite.summary', { inviter: invite.inviterName, meeting, role: t(`role.${invite.role}`) })}</p>
        <p className="muted">{t('invite.validUntil', { date: formatDateTime(invite.expiresAt) })}</p>
        <p>{t('invite.intro')}</p>
        <form onSubmit={submit} className="card">
          <Field label={t('auth.name')} required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} data-testid="invite-name" />
          <ErrorText>{error}</ErrorText>
          <button type="submit" className="primary" disabled={busy} data-testid="invite-accept">
            {t('invite.accept')}
          </button>
        </form>
      </>
    );
  }

  return (
    <main className="auth-page">
      <h1>{t('invite.title')}</h1>
      {body}
    </main>
  );

  /** Why the link cannot be used, said before anything is typed. */
  function linkProblem(state: LinkState) {
    return (
      <p className="notice" role="status" data-testid="invite-state" data-state={state}>
        {t(stateMessage(state))}
      </p>
    );
  }
}
