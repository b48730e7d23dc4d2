import { useState, type FormEvent } from 'react';
import type { MeetingSummary } from '../../../shared/src/api/responses.ts';
import type { ReportResponse } from '../../../shared/src/api/reportResponses.ts';
import { REPORT_TEXT_LANGUAGES, type ReportLanguage } from '../../../shared/src/report/reportModel.ts';
import { useT } from '../i18n/i18n.tsx';
import { api } from '../lib/api.ts';
import { Field } from '../ui/Field.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';
import { MeetingOrderList } from './MeetingOrderList.tsx';
import { ReportLanguageFields } from './ReportLanguageFields.tsx';

/**
 * A new report (POST /api/reports): title in both languages, the meetings in order, the language
 * mode and the display zone. The server decides who may (administrators, chairs of every meeting);
 * its refusal names the meetings concerned.
 */
export function NewReportForm({ meetings, onCreated, onCancel }: { meetings: MeetingSummary[]; onCreated: (id: string) => void; onCancel: () => void }) {
  const { t, errorMessage, languageName } = useT();
  const [titles, setTitles] = useState<Record<string, string>>({});
  const [meetingIds, setMeetingIds] = useState<string[]>([]);
  const [language, setLanguage] = useState<ReportLanguage>('bilingual');
  const [timezone, setTimezone] = useState('Asia/Taipei');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError('');
    if (meetingIds.length === 0) {
      setError(t('reports.noMeetingsChosen'));
      return;
    }
    setBusy(true);
    try {
      const title = Object.fromEntries(REPORT_TEXT_LANGUAGES.filter((l) => titles[l]?.trim()).map((l) => [l, titles[l]!.trim()]));
      const created = await api<ReportResponse>('POST', '/reports', { title, meetingIds, language, timezone });
      onCreated(created.id);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <form className="card new-report" onSubmit={submit} aria-label={t('reports.new')} data-testid="new-report-form">
      {REPORT_TEXT_LANGUAGES.map((l) => (
        <Field key={l} lang={l} label={t('reports.titleIn', { lang: languageName(l) })} value={titles[l] ?? ''} maxLength={300} onChange={(e) => setTitles({ ...titles, [l]: e.target.value })} data-testid={`new-report-title-${l}`} />
      ))}
      <fieldset>
        <legend>{t('reports.meetings')}</legend>
        <p className="hint">{t('reports.meetingsHint')}</p>
        <MeetingOrderList ids={meetingIds} meetings={meetings} onChange={setMeetingIds} />
      </fieldset>
      <ReportLanguageFields language={language} onLanguage={setLanguage} timezone={timezone} onTimezone={setTimezone} testIdPrefix="new-report" />
      <FormFooter error={error} onCancel={onCancel} submitLabel={t('reports.create')} busy={busy} submitTestId="new-report-submit" />
    </form>
  );
}
