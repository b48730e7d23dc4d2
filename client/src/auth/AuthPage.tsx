import { useState, type FormEvent } from 'react';
import { api } from '../lib/api.ts';
import { useT } from '../i18n/i18n.tsx';
import { ErrorText, Field } from '../ui/Field.tsx';

/** Sign in, or create an account (the first account on a server, or an invited e-mail). */
export function AuthPage({ onSignedIn }: { onSignedIn: () => void }) {
  const { t, errorMessage } = useT();
  const [mode, setMode] = useState<'signIn' | 'signUp'>('signIn');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      if (mode === 'signIn') await api('POST', '/auth/login', { email, password });
      else await api('POST', '/auth/signup', { email, name, password });
      onSignedIn();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="auth-page">
      <h1>{mode === 'signIn' ? t('auth.signIn') : t('auth.signUp')}</h1>
      <form onSubmit={submit} className="card" aria-label={mode === 'signIn' ? t('auth.signIn') : t('auth.signUp')}>
        <Field label={t('auth.email')} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} data-testid="auth-email" />
        {mode === 'signUp' && <Field label={t('auth.name')} autoComplete="name" required value={name} onChange={(e) => setName(e.target.value)} data-testid="auth-name" />}
        <Field
          label={t('auth.password')}
          type="password"
          autoComplete={mode === 'signIn' ? 'current-password' : 'new-password'}
          required
          minLength={mode === 'signUp' ? 10 : 1}
          hint={mode === 'signUp' ? t('auth.passwordHint') : undefined}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="auth-password"
        />
        <ErrorText>{error}</ErrorText>
        <button type="submit" className="primary" disabled={busy} data-testid="auth-submit">
          {mode === 'signIn' ? t('auth.signIn') : t('auth.signUp')}
        </button>
      </form>
      <p className="muted">{mode === 'signIn' ? t('auth.noAccount') : t('auth.haveAccount')}</p>
      <button type="button" className="link" onClick={() => setMode(mode === 'signIn' ? 'signUp' : 'signIn')} data-testid="auth-toggle">
        {mode === 'signIn' ? t('auth.signUp') : t('auth.signIn')}
      </button>
    </main>
  );
}
