import { useState } from 'react';
import { useMeetingsQuery } from '../data/queries.ts';
import type { Me } from '../lib/api.ts';
import { useT } from '../i18n/i18n.tsx';
import { useKeptMeetings } from '../offline/useKeptMeetings.ts';
import { ErrorText } from '../ui/Field.tsx';
import { ReportList } from '../reports/ReportList.tsx';
import { NewMeetingForm } from './NewMeetingForm.tsx';
import { meetingTitle } from './types.ts';

/** The meetings the user belongs to (all of them for admins), and "new meeting" for admins. */
export function MeetingListPage({ user, navigate }: { user: Me; navigate: (path: string) => void }) {
  const { t, lang, errorMessage, formatDay } = useT();
  const query = useMeetingsQuery();
  const meetings = query.data?.meetings ?? null;
  const error = query.error ? errorMessage(query.error) : '';
  const [creating, setCreating] = useState(false);
  // Offline: which meetings open from this device's copy.
  const kept = useKeptMeetings();

  return (
    <main className="page meetings-page">
      <div className="page-head">
        <h1>{t('meetings.title')}</h1>
        {user.isAdmin && !creating && (
          <button type="button" className="primary" onClick={() => setCreating(true)} data-testid="new-meeting">
            {t('meetings.new')}
          </button>
        )}
      </div>
      {creating && <NewMeetingForm onCancel={() => setCreating(false)} onCreated={(id) => navigate(`/m/${id}`)} />}
      <ErrorText>{error}</ErrorText>
      {meetings === null ? (
        <p>{t('common.loading')}</p>
      ) : meetings.length === 0 ? (
        <p className="muted">{t('meetings.empty')}</p>
      ) : (
        <ul className="meeting-list" data-testid="meeting-list">
          {meetings.map((m) => (
            <li key={m.id}>
              <a
                href={`/m/${m.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(`/m/${m.id}`);
                }}
              >
                <strong lang={m.title[lang] ? lang : m.languages.find((l) => m.title[l])}>{meetingTitle(m, lang)}</strong>
              </a>
              <span className="muted">
                {[m.series, m.date && formatDay(m.date), m.timezone].filter(Boolean).join(' · ')} · {t(`meetings.status.${m.status}`)} · {t(`role.${m.role}`)}
              </span>
              {kept && (
                <span className={kept.has(m.id) ? 'chip offline-kept' : 'muted'} data-testid={`offline-${m.id}`} data-kept={kept.has(m.id)}>
                  {t(kept.has(m.id) ? 'offline.kept' : 'offline.notKept')}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      <ReportList user={user} meetings={meetings ?? []} navigate={navigate} />
    </main>
  );
}
