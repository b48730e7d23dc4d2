import { memo } from 'react';
import { purposeField } from '../../../shared/src/report/reportFields.ts';
import { localizedText, type MeetingChapter, type ReportLabels } from '../../../shared/src/report/reportModel.ts';
import { useT } from '../i18n/i18n.tsx';
import { AgendaTable } from './AgendaTable.tsx';
import { KeyPointView } from './KeyPointView.tsx';
import { useReport } from './reportContext.tsx';
import { ReportHeading } from './ReportHeading.tsx';
import { ReportTextField } from './ReportTextField.tsx';

/**
 * 壹、<dates>「<meeting>」會議紀要: the draft mark when built from live minutes, the time-zone note,
 * the agenda tables per day, 一、目的 (live editor) and 二、會議重點 with one entry per agenda item.
 */
export const MeetingChapterView = memo(function MeetingChapterView({ chapter, labels, navigate }: { chapter: MeetingChapter; labels: ReportLabels; navigate: (path: string) => void }) {
  const { t, lang: uiLang } = useT();
  const { languages } = useReport();
  const both = (text: Record<string, string>) =>
    languages.map((lang) => (
      <span key={lang} lang={lang}>
        {localizedText(text, lang)}{' '}
      </span>
    ));
  return (
    <section className="report-part report-chapter" aria-labelledby={chapter.id} data-testid="report-chapter" data-meeting-id={chapter.meetingId} data-source={chapter.source.state}>
      <ReportHeading level={2} id={chapter.id} number={chapter.number} title={chapter.title} />
      <div className="key-point-meta">
        {chapter.draftMark && (
          <span className="badge badge-draft" data-testid="chapter-draft">
            {t('report.draftChapter')}: {both(chapter.draftMark)}
          </span>
        )}
        <a
          href={`/m/${chapter.meetingId}`}
          onClick={(e) => {
            e.preventDefault();
            navigate(`/m/${chapter.meetingId}`);
          }}
        >
          {t('report.openMeeting')}
        </a>
      </div>
      {chapter.timezoneNote && (
        <p className="report-note" data-testid="timezone-note">
          {both(chapter.timezoneNote)}
        </p>
      )}
      <div className="report-agenda-days">
        {chapter.agendaDays.map((day) => (
          <AgendaTable key={day.date} day={day} labels={labels} />
        ))}
      </div>
      <ReportHeading level={3} id={chapter.purpose.id} number={chapter.purpose.number} title={chapter.purpose.title} />
      <ReportTextField field={(lang) => purposeField(chapter.meetingId, lang)} name={`${localizedText(chapter.purpose.title, uiLang)} — ${localizedText(chapter.meetingTitle, uiLang)}`} />
      <ReportHeading level={3} id={chapter.keyPoints.id} number={chapter.keyPoints.number} title={chapter.keyPoints.title} />
      {chapter.keyPoints.items.map((item) => (
        <KeyPointView key={item.id} meetingId={chapter.meetingId} item={item} />
      ))}
    </section>
  );
});
