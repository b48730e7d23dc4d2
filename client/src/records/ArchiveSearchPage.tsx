import './records.css';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useArchiveQuery } from '../data/queries.ts';
import { useT } from '../i18n/i18n.tsx';
import { meetingTitle } from '../meetings/types.ts';
import { ErrorText } from '../ui/Field.tsx';

/** The snippet with every occurrence of the query marked (case-insensitive, any script). */
export function highlight(snippet: string, q: string): ReactNode[] {
  if (!q) return [snippet];
  const parts: ReactNode[] = [];
  const lower = snippet.toLocaleLowerCase();
  const needle = q.toLocaleLowerCase();
  let from = 0;
  for (let at = lower.indexOf(needle); at >= 0 && needle; at = lower.indexOf(needle, from)) {
    parts.push(snippet.slice(from, at), <mark key={at}>{snippet.slice(at, at + q.length)}</mark>);
    from = at + q.length;
  }
  parts.push(snippet.slice(from));
  return parts;
}

/** `/archive`: full-text search of finalised records in every language, with links to the slots. */
export function ArchiveSearchPage({ navigate }: { navigate: (path: string) => void }) {
  const { t, lang: uiLang, formatDay, languageName, errorMessage } = useT();
  const [form, setForm] = useState({ q: '', series: '', from: '', to: '', lang: '' });
  // The search as submitted (the query string and the words to highlight); before the first, the
  // empty search, which lists the most recent records.
  const [submitted, setSubmitted] = useState<{ query: string; q: string }>({ query: '', q: '' });
  const archive = useArchiveQuery(submitted.query);
  const results = submitted && archive.data ? { q: submitted.q, records: archive.data.records } : null;
  const error = archive.error ? errorMessage(archive.error) : '';
  const search = (event: FormEvent) => {
    event.preventDefault();
    const query = new URLSearchParams(Object.entries(form).filter(([, v]) => v.trim()));
    setSubmitted({ query: query.toString(), q: form.q.trim() });
  };
  const field = (key: keyof typeof form) => ({ value: form[key], onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value })) });
  const go = (path: string) => (e: { preventDefault: () => void }) => {
    e.preventDefault();
    navigate(path);
  };
  return (
    <div className="page archive-search">
      <h1>{t('records.search')}</h1>
      <form role="search" onSubmit={search} className="archive-search-form">
        <label>
          {t('records.searchLabel')} <input type="search" {...field('q')} data-testid="archive-q" />
        </label>
        <label>
          {t('records.series')} <input {...field('series')} size={10} />
        </label>
        <label>
          {t('records.from')} <input type="date" {...field('from')} />
        </label>
        <label>
          {t('records.to')} <input type="date" {...field('to')} />
        </label>
        <label>
          {t('records.languages')}{' '}
          <select {...field('lang')}>
            <option value="">{t('records.anyLanguage')}</option>
            {['zh-Hant', 'en'].map((l) => (
              <option key={l} value={l}>
                {languageName(l)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" data-testid="archive-search">
          {t('records.searchButton')}
        </button>
      </form>
      <ErrorText>{error && t('common.error', { message: error })}</ErrorText>
      {results && (
        <section aria-live="polite" data-testid="archive-results">
          {submitted.query === '' ? (
            <h2 className="archive-recent-title">{t('records.recent')}</h2>
          ) : (
            <p className="muted">{results.records.length === 0 ? t('records.noResults') : t('records.results', { n: results.records.length })}</p>
          )}
          <ol className="archive-results">
            {results.records.map((record) => (
              <li key={record.id} data-testid="archive-result">
                <h2>
                  <a href={`/m/${record.meetingId}`} onClick={go(`/m/${record.meetingId}`)}>
                    {meetingTitle(record, uiLang)}
                  </a>
                </h2>
                <p className="muted small">
                  {[record.series, record.meetingDate ? formatDay(record.meetingDate) : '', t('records.revision', { n: record.revision })].filter(Boolean).join(' · ')}
                </p>
                <ul>
                  {record.matches.map((m, i) => (
                    <li key={`${m.slotId}/${m.lang}/${i}`} lang={m.lang}>
                      {m.slotId ? (
                        <a href={`/m/${record.meetingId}#slot-${m.slotId}`} onClick={go(`/m/${record.meetingId}#slot-${m.slotId}`)} data-testid="archive-match">
                          {m.slotTitle || t('records.openSlot')} ({languageName(m.lang)})
                        </a>
                      ) : (
                        <span>{t('records.meetingTitle')}</span>
                      )}
                      : <span className="snippet">{highlight(m.snippet, results.q)}</span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
