import { useState, type FormEvent } from 'react';
import { api } from '../lib/api.ts';
import { useT } from '../i18n/i18n.tsx';
import { ErrorText, Field } from '../ui/Field.tsx';

/** The setup token from the link the server prints at its first start (`/setup?token=qsetup_…`). */
function tokenFromLink(): string {
  try {
    return new URLSearchParams(location.search).get('token') ?? '';
  } catch {
    return '';
  }
}

/**
 * First visit to a server without an administrator (GET /api/setup says `open`): create the first
 * account, which becomes the administrator. With `needsToken` the server asks for the one-time setup
 * token it printed at its first start (or the operator runs `npm run create-admin`).
 */
export function SetupPage({ needsToken, onCreated, onSignIn }: { needsToken: boolean; onCreated: () => void; onSignIn: () => void }) {
  const { t, errorMessage } = useT();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState(tokenFromLink);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      const setupToken = token.trim();
      await api('POST', '/auth/signup', { email, name, password, ...(setupToken ? { setupToken } : {}) });
      // The token has done its work: it should not stay in the address bar or the history.
      if (location.search) history.replaceState(null, '', '/');
      onCreated();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="auth-page" data-testid="setup-page">
      <h1>{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      <form onSubmit={submit} className="card" aria-label={t('setup.title')}>
        {needsToken && (
          <Field
            label={t('setup.token')}
            hint={t('setup.tokenHint')}
            required
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            data-testid="setup-token"
          />
        )}
        <Field label={t('auth.email')} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} data-testid="auth-email" />
        <Field label={t('auth.name')} autoComplete="name" required value={name} onChange={(e) => setName(e.target.value)} data-testid="auth-name" />
        <Field
          label={t('auth.password')}
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          hint={t('auth.passwordHint')}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="auth-password"
        />
        <ErrorText>{error}</ErrorText>
        <button type="submit" className="primary" disabled={busy} data-testid="setup-submit">
          {t('setup.create')}
        </button>
      </form>
      <p className="muted small">{t('setup.commandLine')}</p>
      <button type="button" className="link" onClick={onSignIn} data-testid="setup-sign-in">
        {t('setup.haveAccount')}
      </button>
    </main>
  );
}
