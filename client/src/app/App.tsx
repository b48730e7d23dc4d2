import { useQuery } from '@tanstack/react-query';
import { Suspense, useEffect, useState } from 'react';
import type { SetupStatus } from '../../../shared/src/api/auth.ts';
import { isMeetingDocName, parseDocName } from '../../../shared/src/protocol/docName.ts';
import { AnnouncerProvider } from '../a11y/Announcer.tsx';
import { useSession } from '../auth/session.ts';
import { discardPreopened } from '../collab/docSession.ts';
import { hasLanguageChoice, useT, type UiLanguage } from '../i18n/i18n.tsx';
import { api } from '../lib/api.ts';
import { MeetingPage } from '../meeting/MeetingPage.tsx';
import { OfflineBanner } from '../offline/OfflineBanner.tsx';
import { ErrorText } from '../ui/Field.tsx';
import { lazyNamed } from './lazyNamed.ts';
import { meetingIdOfPath, reportIdOfPath, usePath } from './router.ts';

// Every page but the meeting page comes from its own chunk (MeetingPage must mount in the commit
// that knows the session: see discardPreopened below).
const AccountPage = lazyNamed(() => import('../account/AccountPage.tsx'), 'AccountPage');
const AuthPage = lazyNamed(() => import('../auth/AuthPage.tsx'), 'AuthPage');
const InvitePage = lazyNamed(() => import('../auth/InvitePage.tsx'), 'InvitePage');
const SetupPage = lazyNamed(() => import('../auth/SetupPage.tsx'), 'SetupPage');
const MeetingListPage = lazyNamed(() => import('../meetings/MeetingListPage.tsx'), 'MeetingListPage');
const ArchiveSearchPage = lazyNamed(() => import('../records/ArchiveSearchPage.tsx'), 'ArchiveSearchPage');
const ExportPage = lazyNamed(() => import('../records/ExportPage.tsx'), 'ExportPage');
const ReportPage = lazyNamed(() => import('../reports/ReportPage.tsx'), 'ReportPage');

/** Each language is named in itself, so whoever cannot read the current one still finds theirs. */
function LanguageSwitch({ signedIn }: { signedIn: boolean }) {
  const { t, lang, setLang } = useT();
  const choose = (next: UiLanguage) => {
    setLang(next);
    // Kept on the account too, so the choice follows the person to other devices.
    if (signedIn) void api('PATCH', '/me', { locale: next }).catch(() => undefined);
  };
  return (
    <select aria-label={t('nav.language')} value={lang} onChange={(e) => choose(e.target.value as UiLanguage)} data-testid="ui-language">
      <option value="zh-Hant" lang="zh-Hant">
        中文（繁體）
      </option>
      <option value="en" lang="en">
        English
      </option>
    </select>
  );
}

/**
 * At sign-in the account's language wins; an account without one adopts the language picked on
 * this device before signing in (if any), so that choice is not lost.
 */
function useAccountLanguage(user: { id: string; locale: UiLanguage | null } | null) {
  const { lang, setLang } = useT();
  const userId = user?.id ?? null;
  const locale = user?.locale ?? null;
  useEffect(() => {
    if (!userId) return;
    if (locale) {
      if (locale !== lang) setLang(locale);
    } else if (hasLanguageChoice()) {
      void api('PATCH', '/me', { locale: lang }).catch(() => undefined);
    }
    // Only when the signed-in account changes (not on every switch): later switches are saved by LanguageSwitch.
  }, [userId, locale]);
}

/**
 * Signed out: on a server without an administrator yet (GET /api/setup), "Create the first account";
 * otherwise sign in. Someone who knows an administrator exists can still switch to signing in.
 */
function SignedOutPage({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useT();
  const setup = useQuery({ queryKey: ['setup'], queryFn: () => api<SetupStatus>('GET', '/setup'), retry: false, staleTime: Infinity });
  const [signIn, setSignIn] = useState(false);
  if (setup.isPending) return <p className="page">{t('common.loading')}</p>;
  if (setup.data?.open && !signIn) return <SetupPage needsToken={setup.data.needsToken} onCreated={onSignedIn} onSignIn={() => setSignIn(true)} />;
  return <AuthPage onSignedIn={onSignedIn} />;
}

/** The app shell: top bar, session, and the page for the current path. */
export function App() {
  const { t, errorMessage } = useT();
  const { session, refresh, signOut } = useSession();
  const [path, navigate] = usePath();
  useAccountLanguage(session.status === 'signed-in' ? session.user : null);
  // The documents main.tsx opened at start-up: the meeting page took them in this commit (a
  // child's effects run before its parent's), so what is left has no page (signed out, no access).
  // MeetingPage is therefore imported statically, not lazily: it must mount in this very commit.
  useEffect(() => {
    if (session.status !== 'loading') discardPreopened();
  }, [session.status]);

  const invite = /^\/invite\/([A-Za-z0-9_-]+)$/.exec(path);
  let page;
  if (invite) page = <InvitePage code={invite[1]!} onJoined={(id) => void refresh().then(() => navigate(`/m/${id}`))} />;
  else if (session.status === 'loading') page = <p className="page">{t('common.loading')}</p>;
  else if (session.status === 'error') page = <ErrorText>{errorMessage(session.error)}</ErrorText>;
  else if (session.status === 'signed-out') page = <SignedOutPage onSignedIn={() => void refresh()} />;
  else {
    const meetingId = meetingIdOfPath(path);
    const legacyDoc = /^\/d\/(.+)$/.exec(path);
    const legacyName = legacyDoc ? parseDocName(legacyDoc[1]!) : null;
    const parsed = legacyName && isMeetingDocName(legacyName) ? legacyName : null;
    const reportId = reportIdOfPath(path);
    const exportPage = /^\/m\/([a-z0-9-]+)\/export$/.exec(path);
    if (meetingId) page = <MeetingPage key={meetingId} meetingId={meetingId} me={session.user} />;
    else if (reportId) page = <ReportPage key={reportId} reportId={reportId} me={session.user} navigate={navigate} />;
    else if (exportPage) page = <ExportPage key={exportPage[1]} meetingId={exportPage[1]!} navigate={navigate} />;
    else if (path === '/archive') page = <ArchiveSearchPage navigate={navigate} />;
    else if (path === '/account') page = <AccountPage user={session.user} />;
    else if (parsed) page = <MeetingPage key={parsed.meetingId} meetingId={parsed.meetingId} me={session.user} />;
    else page = <MeetingListPage user={session.user} navigate={navigate} />;
  }

  return (
    <AnnouncerProvider>
      <a className="skip-link" href="#content">
        {t('a11y.skipToContent')}
      </a>
      <header className="topbar">
        <a
          href="/"
          className="brand"
          onClick={(e) => {
            e.preventDefault();
            navigate('/');
          }}
        >
          {t('app.name')}
        </a>
        <span className="muted tagline">{t('app.tagline')}</span>
        <span className="spacer" />
        <nav aria-label={t('a11y.mainNav')} className="topbar-nav">
          {session.status === 'signed-in' && (
            <a
              href="/"
              onClick={(e) => {
                e.preventDefault();
                navigate('/');
              }}
            >
              {t('nav.meetings')}
            </a>
          )}
          {session.status === 'signed-in' && (
            <a
              href="/archive"
              onClick={(e) => {
                e.preventDefault();
                navigate('/archive');
              }}
              data-testid="nav-archive"
            >
              {t('records.archive')}
            </a>
          )}
          <LanguageSwitch signedIn={session.status === 'signed-in'} />
          {session.status === 'signed-in' && (
            <>
              <a
                href="/account"
                className="user-name"
                title={t('account.open')}
                onClick={(e) => {
                  e.preventDefault();
                  navigate('/account');
                }}
                data-testid="nav-account"
              >
                {session.user.name}
              </a>
              <button type="button" onClick={() => void signOut().then(() => navigate('/'))}>
                {t('nav.signOut')}
              </button>
            </>
          )}
        </nav>
      </header>
      <OfflineBanner />
      {/* tabIndex -1: the skip link moves keyboard focus here, not only the scroll position. */}
      <div id="content" tabIndex={-1}>
        <Suspense fallback={<p className="page">{t('common.loading')}</p>}>{page}</Suspense>
      </div>
    </AnnouncerProvider>
  );
}
