import type { ReportResponse } from '../../../shared/src/api/reportResponses.ts';
import { localizedText, REPORT_LANGUAGES, type Localized } from '../../../shared/src/report/reportModel.ts';

/** The report's title in the reader's interface language when it has one, else its other language. */
export function reportTitle(report: Pick<ReportResponse, 'title'>, uiLang: string): string {
  return localizedText(report.title, uiLang);
}

/** A localized text of the report in each of the languages it shows, joined (bilingual: "摘要 Summary"). */
export function inLanguages(text: Localized, languages: readonly string[]): string {
  const shown = languages.map((lang) => localizedText(text, lang)).filter(Boolean);
  return [...new Set(shown)].join(' ');
}

export { REPORT_LANGUAGES };

/** Time zones offered in the report's zone field (any IANA zone may be typed). */
export const COMMON_TIME_ZONES = ['Asia/Taipei', 'Asia/Bangkok', 'Asia/Tokyo', 'Asia/Singapore', 'Australia/Sydney', 'Europe/Geneva', 'Europe/Paris', 'America/New_York', 'UTC'] as const;
