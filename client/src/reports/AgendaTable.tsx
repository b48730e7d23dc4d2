import { localizedText, type AgendaDay, type ReportLabels } from '../../../shared/src/report/reportModel.ts';
import { useReport } from './reportContext.tsx';

/** One meeting day's 時間 | 議程 table, times already in the report's zone (the model converts them). */
export function AgendaTable({ day, labels }: { day: AgendaDay; labels: ReportLabels }) {
  const { languages } = useReport();
  const both = (text: Record<string, string>) =>
    languages.map((lang) => (
      <span key={lang} lang={lang} className="cell-text">
        {localizedText(text, lang)}
      </span>
    ));
  return (
    <table className="report-agenda" data-testid="report-agenda-table">
      <caption>{both(day.label)}</caption>
      <thead>
        <tr>
          <th scope="col">{both(labels.time)}</th>
          <th scope="col">{both(labels.agenda)}</th>
        </tr>
      </thead>
      <tbody>
        {day.rows.map((row) => (
          <tr key={row.slotId} className={`kind-${row.kind}`}>
            <td className="agenda-time">
              {row.time}
              {row.dayShift !== 0 && <sup>{row.dayShift > 0 ? `+${row.dayShift}` : row.dayShift}</sup>}
            </td>
            <td>
              {both(row.title)}
              {row.speakers.length > 0 && (
                <ul className="agenda-speakers">
                  {row.speakers.map((speaker, index) => (
                    <li key={index}>
                      {languages.map((lang) => (
                        <span key={lang} lang={lang}>
                          {[localizedText(speaker.name, lang), speaker.affiliation && localizedText(speaker.affiliation, lang)].filter(Boolean).join(', ')}{' '}
                        </span>
                      ))}
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
