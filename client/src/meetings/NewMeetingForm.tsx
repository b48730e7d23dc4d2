import { useState, type FormEvent } from 'react';
import { useTemplatesQuery } from '../data/queries.ts';
import { api } from '../lib/api.ts';
import { useT } from '../i18n/i18n.tsx';
import { Field } from '../ui/Field.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';

const LANGUAGE_CHOICES = [
  ['zh-Hant', '中文（繁體）'],
  ['en', 'English'],
  ['ja', '日本語'],
  ['ko', '한국어'],
  ['fr', 'Français'],
  ['es', 'Español'],
] as const;

/** Admins create a meeting: bilingual title, series, dates, time zone, languages, template. */
export function NewMeetingForm({ onCreated, onCancel }: { onCreated: (id: string) => void; onCancel: () => void }) {
  const { t, lang, errorMessage, languageName } = useT();
  const templates = useTemplatesQuery().data?.templates ?? [];
  const [languages, setLanguages] = useState<string[]>(['zh-Hant', 'en']);
  const [titles, setTitles] = useState<Record<string, string>>({});
  const [series, setSeries] = useState('');
  const [number, setNumber] = useState('');
  const [date, setDate] = useState('');
  const [days, setDays] = useState('1');
  const [timezone, setTimezone] = useState('Asia/Taipei');
  const [templateId, setTemplateId] = useState('');
  const [venue, setVenue] = useState<Record<string, string>>({});
  const [virtual, setVirtual] = useState(false);
  const [error, setError] = useState('');


  async function submit(event: FormEvent) {
    event.preventDefault();
    setError('');
    try {
      const title = Object.fromEntries(languages.filter((l) => titles[l]?.trim()).map((l) => [l, titles[l]!.trim()]));
      const created = await api<{ id: string }>('POST', '/meetings', {
        title,
        languages,
        timezone,
        series,
        virtual,
        venue: Object.fromEntries(languages.filter((l) => venue[l]?.trim()).map((l) => [l, venue[l]!.trim()])),
        ...(number ? { number: Number(number) } : {}),
        ...(date ? { date, days: Number(days) } : {}),
        ...(templateId ? { templateId } : {}),
      });
      onCreated(created.id);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  const toggleLanguage = (code: string) =>
    setLanguages((current) => (current.includes(code) ? current.filter((l) => l !== code) : [...current, code].slice(0, 6)));

  return (
    <form className="card new-meeting" onSubmit={submit} aria-label={t('meetings.new')}>
      <fieldset>
        <legend>{t('meetings.languages')}</legend>
        <div className="chips">
          {LANGUAGE_CHOICES.map(([code, name]) => (
            <label key={code} className="chip" lang={code}>
              <input type="checkbox" checked={languages.includes(code)} onChange={() => toggleLanguage(code)} /> {name}
            </label>
          ))}
        </div>
      </fieldset>
      {languages.map((l) => (
        <Field key={l} label={t('meetings.titleIn', { lang: languageName(l) })} value={titles[l] ?? ''} onChange={(e) => setTitles({ ...titles, [l]: e.target.value })} data-testid={`new-title-${l}`} />
      ))}
      <div className="row">
        <Field label={t('meetings.series')} value={series} onChange={(e) => setSeries(e.target.value)} />
        <Field label={t('meetings.number')} type="number" min={1} value={number} onChange={(e) => setNumber(e.target.value)} />
      </div>
      <div className="row">
        {languages.map((l) => (
          <Field key={l} label={t('meetings.venue', { lang: languageName(l) })} value={venue[l] ?? ''} disabled={virtual} onChange={(e) => setVenue({ ...venue, [l]: e.target.value })} />
        ))}
        <label className="chip">
          <input type="checkbox" checked={virtual} onChange={(e) => setVirtual(e.target.checked)} /> {t('meetings.virtual')}
        </label>
      </div>
      <div className="row">
        <Field label={t('meetings.date')} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        <Field label={t('meetings.days')} type="number" min={1} max={30} value={days} onChange={(e) => setDays(e.target.value)} />
        <Field label={t('meetings.timezone')} value={timezone} onChange={(e) => setTimezone(e.target.value)} list="timezones" />
        <datalist id="timezones">
          {['Asia/Taipei', 'Asia/Bangkok', 'Asia/Tokyo', 'Asia/Singapore', 'Australia/Sydney', 'Europe/Geneva', 'Europe/Paris', 'America/New_York', 'UTC'].map((tz) => (
            <option key={tz} value={tz} />
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor="template">{t('meetings.template')}</label>
        <select id="template" value={templateId} onChange={(e) => setTemplateId(e.target.value)} data-testid="new-template">
          <option value="">{t('meetings.noTemplate')}</option>
          {templates.map((tpl) => (
            <option key={tpl.id} value={tpl.id}>
              {tpl.name[lang] ?? tpl.name.en ?? tpl.id} ({tpl.slotCount})
            </option>
          ))}
        </select>
      </div>
      <FormFooter error={error} onCancel={onCancel} submitLabel={t('meetings.create')} submitTestId="new-submit" />
    </form>
  );
}
