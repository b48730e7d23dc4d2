import { useState, type FormEvent } from 'react';
import { api } from '../lib/api.ts';
import { useT } from '../i18n/i18n.tsx';
import { ErrorText, Field } from '../ui/Field.tsx';

/** `/invite/<code>`: a guest names themselves and joins the one meeting the link is for. */
export function InvitePage({ code, onJoined }: { code: string; onJoined: (meetingId: string) => void }) {
  const { t, errorMessage } = useT();
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
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="auth-page">
      <h1>{t('invite.title')}</h1>
      <p>{t('invite.intro')}</p>
      <form onSubmit={submit} className="card">
        <Field label={t('auth.name')} required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} data-testid="invite-name" />
        <ErrorText>{error}</ErrorText>
        <button type="submit" className="primary" disabled={busy} data-testid="invite-accept">
          {t('invite.accept')}
        </button>
      </form>
    </main>
  );
}
