import { useState } from 'react';
import { apiPostRaw } from '../lib/api.ts';
import { useT } from '../i18n/i18n.tsx';
import { ErrorText } from '../ui/Field.tsx';
import './roster.css';
import type { Speaker } from '../../../shared/src/model/agendaDoc.ts';

/** "Mr. Thomas Stelzer — Dean, IACA" in one language (the part, e.g. "Opening Remarks", first). */
function speakerLine(speaker: Speaker, lang: string): string {
  const name = speaker.name[lang];
  if (!name) return '';
  const about = [speaker.role?.[lang], speaker.affiliation?.[lang]].filter(Boolean).join(', ');
  const part = speaker.part?.[lang];
  return `${part ? `${part}: ` : ''}${name}${about ? ` — ${about}` : ''}`;
}

interface PreviewSlot {
  day: number;
  start: string;
  end: string;
  kind: string;
  title: Record<string, string>;
  speakers: Speaker[];
}
interface Preview {
  days: Array<{ date: string | null; label: string }>;
  slots: PreviewSlot[];
  warnings: Array<{ line: number; message: string }>;
}

/**
 * Paste an agenda, see what the server's parser made of it (days, slots, both titles, speakers,
 * warnings with line numbers), fix the text, then apply: the agenda is replaced in one change.
 */
export function AgendaImport({ meetingId, languages }: { meetingId: string; languages: string[] }) {
  const { t, errorMessage, languageName, formatDay } = useT();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState('');

  const send = async (apply: boolean) => {
    setError('');
    try {
      const result = await apiPostRaw<{ agenda: Preview }>(`/meetings/${meetingId}/agenda/import${apply ? '?apply=true' : ''}`, text, 'text/plain; charset=utf-8');
      setPreview(result.agenda);
      if (apply) setOpen(false);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} data-testid="agenda-import-open">
        {t('agenda.import')}
      </button>
    );
  }
  return (
    <div className="agenda-import">
      <p className="muted">{t('agenda.importHelp')}</p>
      <textarea aria-label={t('agenda.import')} rows={10} value={text} onChange={(e) => setText(e.target.value)} data-testid="agenda-import-text" />
      <div className="row">
        <button type="button" onClick={() => void send(false)} data-testid="agenda-import-preview">
          {t('agenda.preview')}
        </button>
        <button type="button" className="primary" disabled={!preview} onClick={() => void send(true)} data-testid="agenda-import-apply">
          {t('agenda.apply')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
      <ErrorText>{error}</ErrorText>
      {preview && (
        <div className="import-preview" data-testid="agenda-import-result">
          <p>{t('agenda.parsed', { days: preview.days.length, slots: preview.slots.length })}</p>
          <ul className="import-days" data-testid="agenda-import-days">
            {preview.days.map((day, i) => (
              <li key={i}>{day.date ? t('agendaImport.dayDate', { day: i + 1, date: `${formatDay(day.date, true)} · ${day.date}` }) : t('agendaImport.noDate', { day: i + 1 })}</li>
            ))}
          </ul>
          <table>
            <caption className="visually-hidden">{t('agendaImport.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('agendaImport.col.day')}</th>
                <th scope="col">{t('agendaImport.col.time')}</th>
                <th scope="col">{t('agendaImport.col.kind')}</th>
                {languages.map((lang) => (
                  <th scope="col" key={lang}>
                    {t('agendaImport.col.title', { lang: languageName(lang) })}
                  </th>
                ))}
                {languages.map((lang) => (
                  <th scope="col" key={lang}>
                    {t('agendaImport.col.speakers', { lang: languageName(lang) })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.slots.map((slot, i) => (
                <tr key={i}>
                  <td>{slot.day + 1}</td>
                  <td>
                    {slot.start}–{slot.end}
                  </td>
                  <td>{t(`kind.${slot.kind}` as 'kind.session')}</td>
                  {languages.map((lang) => (
                    <td key={lang} lang={lang}>
                      {slot.title[lang]}
                    </td>
                  ))}
                  {languages.map((lang) => (
                    <td key={lang} lang={lang} data-testid={`agenda-import-speakers-${lang}`}>
                      {slot.speakers.length > 0 && (
                        <ul className="import-speakers">
                          {slot.speakers.map((speaker, j) => speaker.name[lang] && <li key={j}>{speakerLine(speaker, lang)}</li>)}
                        </ul>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {preview.warnings.length > 0 && (
            <ul className="warning">
              {preview.warnings.map((w, i) => (
                <li key={i}>
                  {w.line}: {w.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
