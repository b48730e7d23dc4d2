import { parseDocName } from '../../../shared/src/protocol/docName.ts';
import { AuthPage } from '../auth/AuthPage.tsx';
import { InvitePage } from '../auth/InvitePage.tsx';
import { useSession } from '../auth/session.ts';
import { useT, type UiLanguage } from '../i18n/i18n.tsx';
import { MeetingPage } from '../meeting/MeetingPage.tsx';
import { MeetingListPage } from '../meetings/MeetingListPage.tsx';
import { ErrorText } from '../ui/Field.tsx';
import { usePath } from './router.ts';

function LanguageSwitch() {
  const { t, lang, setLang } = useT();
  return (
    <select aria-label={t('nav.language')} value={lang} onChange={(e) => setLang(e.target.value as UiLanguage)} data-testid="ui-language">
      <option value="zh-Hant">中文（繁體）</option>
      <option value="en">English</option>
    </select>
  );
}

/** The app shell: top bar, session, and the page for the current path. */
export function App() {
  const { t } = useT();
  const { session, refresh, signOut } = useSession();
  const [path, navigate] = usePath();

  const invite = /^\/invite\/([A-Za-z0-9_-]+)$/.exec(path);
  let page;
  if (invite) page = <InvitePage code={invite[1]!} onJoined={(id) => void refresh().then(() => navigate(`/m/${id}`))} />;
  else if (session.status === 'loading') page = <p className="page">{t('common.loading')}</p>;
  else if (session.status === 'error') page = <ErrorText>{t('common.error', { message: session.error })}</ErrorText>;
  else if (session.status === 'signed-out') page = <AuthPage onSignedIn={() => void refresh()} />;
  else {
    const meeting = /^\/m\/([a-z0-9-]+)$/.exec(path);
    const legacyDoc = /^\/d\/(.+)$/.exec(path);
    const parsed = legacyDoc ? parseDocName(legacyDoc[1]!) : null;
    if (meeting) page = <MeetingPage key={meeting[1]} meetingId={meeting[1]!} me={session.user} />;
    else if (parsed) page = <MeetingPage key={parsed.meetingId} meetingId={parsed.meetingId} me={session.user} />;
    else page = <MeetingListPage user={session.user} navigate={navigate} />;
  }

  return (
    <>
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <nav className="topbar" aria-label="Quorum">
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
        <LanguageSwitch />
        {session.status === 'signed-in' && (
          <>
            <span className="user-name">{session.user.name}</span>
            <button type="button" onClick={() => void signOut().then(() => navigate('/'))}>
              {t('nav.signOut')}
            </button>
          </>
        )}
      </nav>
      <div id="content">{page}</div>
    </>
  );
}
