import { useId } from 'react';
import type { ReportLanguage } from '../../../shared/src/report/reportModel.ts';
import { useT } from '../i18n/i18n.tsx';
import { Field } from '../ui/Field.tsx';
import { COMMON_TIME_ZONES, REPORT_LANGUAGES } from './reportLabels.ts';

/**
 * A report's language and time zone, the same controls when creating a report and in its
 * settings; the time zone is free text with common zones suggested (the server validates it).
 * `testIdPrefix` names the controls for tests (`<prefix>-language`, `<prefix>-timezone`).
 */
export function ReportLanguageFields({ language, onLanguage, timezone, onTimezone, testIdPrefix }: { language: ReportLanguage; onLanguage: (language: ReportLanguage) => void; timezone: string; onTimezone: (timezone: string) => void; testIdPrefix: string }) {
  const { t } = useT();
  const id = useId();
  return (
    <div className="row">
      <div className="field">
        <label htmlFor={`${id}-language`}>{t('reports.language')}</label>
        <select id={`${id}-language`} value={language} onChange={(e) => onLanguage(e.target.value as ReportLanguage)} data-testid={`${testIdPrefix}-language`}>
          {REPORT_LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`reports.language.${l}`)}
            </option>
          ))}
        </select>
      </div>
      <Field label={t('reports.timezone')} value={timezone} onChange={(e) => onTimezone(e.target.value)} list={`${id}-timezones`} data-testid={`${testIdPrefix}-timezone`} />
      <datalist id={`${id}-timezones`}>
        {COMMON_TIME_ZONES.map((tz) => (
          <option key={tz} value={tz} />
        ))}
      </datalist>
    </div>
  );
}
