import { memo } from 'react';
import { annexNumber, chapterNumber } from '../../../shared/src/report/numbering.ts';
import { reflectionsField, sectionField, summaryField } from '../../../shared/src/report/reportFields.ts';
import { localizedText, type MeetingChapter, type ReportModel } from '../../../shared/src/report/reportModel.ts';
import { useT } from '../i18n/i18n.tsx';
import { MeetingChapterView } from './MeetingChapterView.tsx';
import { useReport } from './reportContext.tsx';
import { ReportCoverView } from './ReportCoverView.tsx';
import { ReportHeading } from './ReportHeading.tsx';
import { ReportPhotosSection } from './ReportPhotosSection.tsx';
import { ReportTextField } from './ReportTextField.tsx';
import { SectionAdder, SectionFrame } from './SectionFrame.tsx';
import { useReportSections } from './useReportSections.ts';

/**
 * The report as it will be filed, in order: cover, 摘要, 目次, one chapter per meeting, free
 * sections, 心得與建議, 相關照片, annexes. Generated parts come from the server's model; the co-edited
 * parts are live editors in place. Free sections and annexes follow the live document (added or
 * removed by anyone, shown at once) and are numbered here as the model numbers them.
 */
export const ReportReadingView = memo(function ReportReadingView({ model, navigate }: { model: ReportModel; navigate: (path: string) => void }) {
  // Fields are named (for screen readers and comment threads) in the interface language.
  const { t, lang: uiLang } = useT();
  const { doc, languages } = useReport();
  const sections = useReportSections(doc);
  const meetingChapters = model.chapters.filter((c): c is MeetingChapter => c.kind === 'meeting');
  const free = sections.filter((s) => s.kind === 'free');
  const annexes = sections.filter((s) => s.kind === 'annex');
  const reflections = model.chapters.find((c) => c.kind === 'reflections');
  const photos = model.chapters.find((c) => c.kind === 'photos');
  const reflectionsNumber = chapterNumber(meetingChapters.length + free.length + 1);
  const photosNumber = chapterNumber(meetingChapters.length + free.length + 2);

  return (
    <article className="report-view" data-testid="report-view">
      <ReportCoverView model={model} />
      <section className="report-part" aria-labelledby="summary" data-testid="report-summary">
        <ReportHeading level={2} id="summary" number={null} title={model.summary.title} />
        <ReportTextField field={summaryField} name={localizedText(model.summary.title, uiLang)} />
      </section>
      <nav className="report-part report-contents" aria-labelledby="report-contents-title" data-testid="report-contents">
        <ReportHeading level={2} id="report-contents-title" number={null} title={model.labels.contents} />
        <ol>
          {model.contents.map((entry) => (
            <li key={entry.id} className={`contents-level-${entry.level}`}>
              <a href={`#${entry.id}`}>
                {languages.map((lang) => (
                  <span key={lang} lang={lang}>
                    {entry.number ? `${entry.number[lang]} ` : ''}
                    {localizedText(entry.title, lang)}{' '}
                  </span>
                ))}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      {meetingChapters.map((chapter) => (
        <MeetingChapterView key={chapter.id} chapter={chapter} labels={model.labels} navigate={navigate} />
      ))}
      {free.map((section, index) => (
        <section key={section.id} className="report-part" aria-labelledby={`section-${section.id}`} data-testid={`report-section-${section.id}`}>
          <ReportHeading level={2} id={`section-${section.id}`} number={chapterNumber(meetingChapters.length + index + 1)} title={section.title} />
          <SectionFrame section={section} />
          <ReportTextField field={(lang) => sectionField(section.id, lang)} name={localizedText(section.title, uiLang) || t('report.sectionKind.free')} />
        </section>
      ))}
      <SectionAdder kind="free" />
      {reflections && (
        <section className="report-part" aria-labelledby="reflections" data-testid="report-reflections">
          <ReportHeading level={2} id="reflections" number={reflectionsNumber} title={reflections.title} />
          <ReportTextField field={reflectionsField} name={localizedText(reflections.title, uiLang)} />
        </section>
      )}
      {photos && photos.kind === 'photos' && <ReportPhotosSection chapter={photos} number={photosNumber} />}
      {annexes.map((section, index) => (
        <section key={section.id} className="report-part" aria-labelledby={`annex-${index + 1}`} data-testid={`report-annex-${section.id}`}>
          <ReportHeading level={2} id={`annex-${index + 1}`} number={annexNumber(index + 1)} title={section.title} />
          <SectionFrame section={section} />
          <ReportTextField field={(lang) => sectionField(section.id, lang)} name={localizedText(section.title, uiLang) || t('report.sectionKind.annex')} />
        </section>
      ))}
      <SectionAdder kind="annex" />
    </article>
  );
});
