import { localizedText, type Localized, type ReportModel } from '../../../shared/src/report/reportModel.ts';
import { useT } from '../i18n/i18n.tsx';
import { useReport } from './reportContext.tsx';

/** The cover as the exports print it (出國報告, 出國類別：開會, title, agency, authors, destination, period, date). */
export function ReportCoverView({ model }: { model: ReportModel }) {
  const { t } = useT();
  const { languages } = useReport();
  const { cover } = model;
  const line = (text: Localized) =>
    languages.map((lang) => (
      <span key={lang} lang={lang} className="cover-text">
        {localizedText(text, lang)}
      </span>
    ));
  const rows: Array<[string, Localized | null]> = [
    [t('report.agency'), cover.agency],
    [t('report.destination'), cover.destination],
    [t('report.period'), cover.period.text],
    [t('report.reportDate'), cover.reportDate.text],
  ];
  return (
    <section className="report-part report-cover" aria-labelledby="report-cover-title" data-testid="report-cover">
      <h2 id="report-cover-title" className="cover-type">
        {line(cover.reportType)}
      </h2>
      <p className="cover-category">{line(cover.category)}</p>
      <p className="cover-title">{line(cover.title)}</p>
      <dl className="cover-fields">
        {rows.map(([label, text]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{text && Object.values(text).some(Boolean) ? line(text) : <span className="muted">—</span>}</dd>
          </div>
        ))}
        <div>
          <dt>{t('report.authors')}</dt>
          <dd>
            {cover.authors.length === 0 ? (
              <span className="muted">—</span>
            ) : (
              <ul>
                {cover.authors.map((author, index) => (
                  <li key={index}>
                    {languages.map((lang) => (
                      <span key={lang} lang={lang} className="cover-text">
                        {[localizedText(author.name, lang), localizedText(author.title, lang)].filter(Boolean).join(' ')}
                      </span>
                    ))}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}
