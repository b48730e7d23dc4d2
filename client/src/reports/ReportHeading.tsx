import { createElement } from 'react';
import { localizedText, type Localized, type NumberLabel } from '../../../shared/src/report/reportModel.ts';
import { useReport } from './reportContext.tsx';

/**
 * A heading of the report in its languages (bilingual: "壹、… I. …"), numbered as the exports number
 * it; its id is the model's, so the contents link to it.
 */
export function ReportHeading({ level, id, number, title, children }: { level: 2 | 3 | 4; id: string; number: NumberLabel | null; title: Localized; children?: React.ReactNode }) {
  const { languages } = useReport();
  return createElement(
    `h${level}`,
    { id, className: `report-heading report-h${level}`, tabIndex: -1 },
    languages.map((lang) => (
      <span key={lang} lang={lang} className="report-heading-text">
        {number ? `${number[lang]} ` : ''}
        {localizedText(title, lang)}
      </span>
    )),
    children,
  );
}
