import { memo, useState } from 'react';
import { keyPointField } from '../../../shared/src/report/reportFields.ts';
import { localizedText, type KeyPoint } from '../../../shared/src/report/reportModel.ts';
import { reportPath } from '../data/queries.ts';
import { useT } from '../i18n/i18n.tsx';
import { api } from '../lib/api.ts';
import { ErrorText } from '../ui/Field.tsx';
import { useReport } from './reportContext.tsx';
import { ReportHeading } from './ReportHeading.tsx';
import { ReportTextField } from './ReportTextField.tsx';
import { RichTextView } from './RichTextView.tsx';

/**
 * One agenda item under 二、會議重點: its generated text (the item's minutes, read-only here), or,
 * once an author chose "Edit summary", a live editor on keyPoint/<meetingId>/<slotId>/<lang> that
 * the server seeded with a copy of the minutes and linked to them. "Source changed" appears when
 * the minutes moved on since; "Re-link" accepts them as the new source, "Back to generated" drops
 * the edited text.
 */
export const KeyPointView = memo(function KeyPointView({ meetingId, item }: { meetingId: string; item: KeyPoint }) {
  const { t, errorMessage, lang: uiLang } = useT();
  const { reportId, writable, languages, refreshModel } = useReport();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const path = reportPath(reportId, `/key-points/${encodeURIComponent(meetingId)}/${encodeURIComponent(item.slotId)}`);
  const act = async (method: 'POST' | 'DELETE') => {
    setBusy(true);
    setError(null);
    try {
      await api(method, path);
      refreshModel();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className={`report-key-point origin-${item.origin}`} aria-labelledby={item.id} data-testid="report-key-point" data-slot-id={item.slotId} data-origin={item.origin}>
      <ReportHeading level={4} id={item.id} number={item.number} title={item.title}>
        {item.time && <span className="slot-time"> {item.time}</span>}
      </ReportHeading>
      <div className="key-point-meta">
        <span className={`badge ${item.origin === 'edited' ? 'badge-edited' : ''}`}>{t(item.origin === 'edited' ? 'report.edited' : 'report.generated')}</span>
        {item.sourceChanged && (
          <span className="badge badge-changed" role="note" data-testid="source-changed">
            ⚠ {t('report.sourceChanged')}
          </span>
        )}
        {writable && item.origin === 'minutes' && (
          <button type="button" disabled={busy} onClick={() => void act('POST')} data-testid="edit-key-point">
            {t('report.editSummary')}
          </button>
        )}
        {writable && item.origin === 'edited' && item.sourceChanged && (
          <button type="button" disabled={busy} onClick={() => void act('POST')} data-testid="relink-key-point">
            {t('report.relink')}
          </button>
        )}
        {writable && item.origin === 'edited' && (
          <button type="button" disabled={busy} onClick={() => void act('DELETE')} data-testid="revert-key-point">
            {t('report.backToGenerated')}
          </button>
        )}
      </div>
      {item.sourceChanged && <p className="hint">{t('report.sourceChangedHint')}</p>}
      <ErrorText>{error ? errorMessage(error) : ''}</ErrorText>
      {item.origin === 'edited' ? (
        <ReportTextField field={(lang) => keyPointField(meetingId, item.slotId, lang)} name={t('report.keyPoint', { number: item.number?.[uiLang] ?? '', title: localizedText(item.title, uiLang) })} />
      ) : (
        <div className="editors report-field" style={{ ['--cols' as string]: languages.length }}>
          {languages.map((lang) => (
            <div key={lang} className="editor-column" lang={lang}>
              <RichTextView doc={item.body[lang]} lang={lang} testId={`generated-${lang}`} />
            </div>
          ))}
        </div>
      )}
    </section>
  );
});
