import { useState, type FormEvent } from 'react';
import type { ReportResponse } from '../../../shared/src/api/reportResponses.ts';
import type { ReportCoverFields } from '../../../shared/src/api/reports.ts';
import { REPORT_TEXT_LANGUAGES, type ReportLanguage } from '../../../shared/src/report/reportModel.ts';
import { reportPath, useMeetingsQuery } from '../data/queries.ts';
import { useT } from '../i18n/i18n.tsx';
import { api } from '../lib/api.ts';
import { ErrorText, Field } from '../ui/Field.tsx';
import { MeetingOrderList } from './MeetingOrderList.tsx';
import { ReportLanguageFields } from './ReportLanguageFields.tsx';

type Texts = Record<string, string>;

/** Only the languages with text: the API keeps a language's entry only when it says something. */
const trimmed = (texts: Texts): Texts => Object.fromEntries(Object.entries(texts).flatMap(([lang, text]) => (text.trim() ? [[lang, text.trim()]] : [])));

/**
 * The report's settings and cover (封面) in one form, saved with one PUT /api/reports/:id: title,
 * language mode, display zone, meeting order, agency, authors with titles, destination or
 * videoconference, period and report date. Reviewers see it disabled.
 */
export function ReportSettingsPanel({ report, editable, onSaved, onClose }: { report: ReportResponse; editable: boolean; onSaved: () => void; onClose: () => void }) {
  const { t, errorMessage, languageName } = useT();
  const meetings = useMeetingsQuery().data?.meetings ?? [];
  const [title, setTitle] = useState<Texts>(report.title);
  const [language, setLanguage] = useState<ReportLanguage>(report.language);
  const [timezone, setTimezone] = useState(report.timezone);
  const [meetingIds, setMeetingIds] = useState(report.meetingIds);
  const [cover, setCover] = useState<ReportCoverFields>(report.cover);
  const [error, setError] = useState('');
  const [saved, setSaved] = useState(false);
  const setCoverField = <K extends keyof ReportCoverFields>(key: K, value: ReportCoverFields[K]) => {
    setSaved(false);
    setCover((current) => ({ ...current, [key]: value }));
  };
  const setAuthor = (index: number, part: 'name' | 'title', lang: string, text: string) =>
    setCoverField(
      'authors',
      cover.authors.map((a, i) => (i === index ? { ...a, [part]: { ...a[part], [lang]: text } } : a)),
    );

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError('');
    setSaved(false);
    if (meetingIds.length === 0) {
      setError(t('reports.noMeetingsChosen'));
      return;
    }
    try {
      await api('PUT', reportPath(report.id), {
        title: trimmed(title),
        language,
        timezone,
        meetingIds,
        cover: {
          ...cover,
          agency: trimmed(cover.agency),
          destination: trimmed(cover.destination),
          authors: cover.authors.map((a) => ({ name: trimmed(a.name), title: trimmed(a.title) })).filter((a) => Object.keys(a.name).length > 0),
          periodStart: cover.periodStart || null,
          periodEnd: cover.periodEnd || null,
          reportDate: cover.reportDate || null,
        },
      });
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <form className="panel report-settings" onSubmit={submit} aria-labelledby="report-settings-title" data-testid="report-settings">
      <h2 id="report-settings-title">{t('report.settings')}</h2>
      <fieldset disabled={!editable}>
        <div className="row">
          {REPORT_TEXT_LANGUAGES.map((lang) => (
            <Field key={lang} lang={lang} label={t('reports.titleIn', { lang: languageName(lang) })} value={title[lang] ?? ''} maxLength={300} onChange={(e) => setTitle({ ...title, [lang]: e.target.value })} data-testid={`report-title-${lang}`} />
          ))}
        </div>
        <ReportLanguageFields language={language} onLanguage={setLanguage} timezone={timezone} onTimezone={setTimezone} testIdPrefix="report" />
        <fieldset>
          <legend>{t('report.order')}</legend>
          <MeetingOrderList ids={meetingIds} meetings={meetings} onChange={setMeetingIds} disabled={!editable} />
        </fieldset>
        <fieldset>
          <legend>{t('report.cover')}</legend>
          <div className="row">
            {REPORT_TEXT_LANGUAGES.map((lang) => (
              <Field key={lang} lang={lang} label={t('report.agencyIn', { lang: languageName(lang) })} value={cover.agency[lang] ?? ''} maxLength={300} onChange={(e) => setCoverField('agency', { ...cover.agency, [lang]: e.target.value })} data-testid={`cover-agency-${lang}`} />
            ))}
          </div>
          <h3>{t('report.authors')}</h3>
          <ol className="cover-authors">
            {cover.authors.map((author, index) => (
              <li key={index} className="row">
                {REPORT_TEXT_LANGUAGES.map((lang) => (
                  <Field key={`name-${lang}`} lang={lang} label={t('report.authorName', { position: index + 1, lang: languageName(lang) })} value={author.name[lang] ?? ''} maxLength={200} onChange={(e) => setAuthor(index, 'name', lang, e.target.value)} data-testid={`cover-author-name-${index}-${lang}`} />
                ))}
                {REPORT_TEXT_LANGUAGES.map((lang) => (
                  <Field key={`title-${lang}`} lang={lang} label={t('report.authorTitle', { position: index + 1, lang: languageName(lang) })} value={author.title[lang] ?? ''} maxLength={200} onChange={(e) => setAuthor(index, 'title', lang, e.target.value)} />
                ))}
                <button type="button" className="danger" onClick={() => setCoverField('authors', cover.authors.filter((_, i) => i !== index))}>
                  {t('report.removeAuthor', { position: index + 1 })}
                </button>
              </li>
            ))}
          </ol>
          {cover.authors.length < 20 && (
            <button type="button" onClick={() => setCoverField('authors', [...cover.authors, { name: {}, title: {} }])} data-testid="cover-add-author">
              {t('report.addAuthor')}
            </button>
          )}
          <div className="row">
            {REPORT_TEXT_LANGUAGES.map((lang) => (
              <Field key={lang} lang={lang} label={t('report.destinationIn', { lang: languageName(lang) })} value={cover.destination[lang] ?? ''} maxLength={300} disabled={cover.videoconference} onChange={(e) => setCoverField('destination', { ...cover.destination, [lang]: e.target.value })} />
            ))}
            <label className="chip">
              <input type="checkbox" checked={cover.videoconference} onChange={(e) => setCoverField('videoconference', e.target.checked)} data-testid="cover-videoconference" /> {t('report.videoconference')}
            </label>
          </div>
          <div className="row">
            <Field label={t('report.periodStart')} type="date" value={cover.periodStart ?? ''} hint={t('report.periodHint')} onChange={(e) => setCoverField('periodStart', e.target.value || null)} />
            <Field label={t('report.periodEnd')} type="date" value={cover.periodEnd ?? ''} onChange={(e) => setCoverField('periodEnd', e.target.value || null)} />
            <Field label={t('report.reportDate')} type="date" value={cover.reportDate ?? ''} onChange={(e) => setCoverField('reportDate', e.target.value || null)} data-testid="cover-report-date" />
          </div>
        </fieldset>
      </fieldset>
      <ErrorText>{error}</ErrorText>
      <div className="actions">
        {saved && (
          <span role="status" className="save-saved">
            {t('report.settingsSaved')}
          </span>
        )}
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
        {editable && (
          <button type="submit" className="primary" data-testid="report-settings-save">
            {t('report.saveSettings')}
          </button>
        )}
      </div>
    </form>
  );
}
