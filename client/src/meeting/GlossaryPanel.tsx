import { useState, type FormEvent } from 'react';
import type { GlossaryTerm } from '../../../shared/src/model/glossary.ts';
import { useGlossaryQuery } from '../data/queries.ts';
import { api } from '../lib/api.ts';
import { useT } from '../i18n/i18n.tsx';
import { ErrorText } from '../ui/Field.tsx';

/** The glossary as an editable table (stored on the server, shared by the meetings of a series, or the meeting's own). */
export function GlossaryPanel({ meetingId, terms, languages, editable, onChanged }: { meetingId: string; terms: GlossaryTerm[]; languages: string[]; editable: boolean; onChanged: () => void }) {
  const { t, errorMessage, languageName } = useT();
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  // A meeting outside any series has a glossary of its own (the list is cached: one request).
  const series = useGlossaryQuery(meetingId).data?.series ?? '';
  const run = (action: Promise<unknown>) =>
    action.then(onChanged, (err: unknown) => setError(errorMessage(err)));
  const add = (event: FormEvent) => {
    event.preventDefault();
    void run(api('POST', `/meetings/${meetingId}/glossary`, { terms: draft, note })).then(() => {
      setDraft({});
      setNote('');
    });
  };
  return (
    <section className="panel glossary" aria-labelledby="glossary-title">
      <h2 id="glossary-title">{series ? t('glossary.title', { series }) : t('glossary.titleMeeting')}</h2>
      {terms.length === 0 ? (
        <p className="muted">{t('glossary.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              {languages.map((l) => (
                <th key={l}>{languageName(l)}</th>
              ))}
              <th>{t('glossary.note')}</th>
              {editable && <th />}
            </tr>
          </thead>
          <tbody>
            {terms.map((term) => (
              <tr key={term.id}>
                {languages.map((l) => (
                  <td key={l} lang={l}>
                    {term.terms[l]}
                  </td>
                ))}
                <td>{term.note}</td>
                {editable && (
                  <td>
                    <button type="button" onClick={() => void run(api('DELETE', `/meetings/${meetingId}/glossary/${term.id}`))}>
                      {t('agenda.remove')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editable && (
        <form className="row" onSubmit={add}>
          {languages.map((lang) => (
            <input key={lang} lang={lang} aria-label={t('glossary.termIn', { lang: languageName(lang) })} placeholder={t('glossary.termIn', { lang: languageName(lang) })} value={draft[lang] ?? ''} onChange={(e) => setDraft({ ...draft, [lang]: e.target.value })} />
          ))}
          <input aria-label={t('glossary.note')} placeholder={t('glossary.note')} value={note} onChange={(e) => setNote(e.target.value)} />
          <button type="submit">{t('glossary.add')}</button>
        </form>
      )}
      <ErrorText>{error}</ErrorText>
    </section>
  );
}
