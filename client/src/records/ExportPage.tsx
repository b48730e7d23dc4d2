import './records.css';
import { useMemo, useRef, useState } from 'react';
import { useMeetingQuery, useVersionsQuery } from '../data/queries.ts';
import { useT, type MessageKey } from '../i18n/i18n.tsx';
import { meetingTitle } from '../meetings/types.ts';
import { ErrorText } from '../ui/Field.tsx';

const LAYOUTS = ['side-by-side', 'sequence', 'single'] as const;
const NUMBERINGS = ['decimal', 'chinese'] as const;
const FORMATS = [
  { format: 'docx', label: 'DOCX' },
  { format: 'pdf', label: 'PDF' },
  { format: 'html', label: 'HTML' },
  { format: 'md', label: 'Markdown' },
] as const;

export interface ExportChoice {
  lang: string;
  layout: (typeof LAYOUTS)[number];
  numbering: (typeof NUMBERINGS)[number];
  version: string;
  notes: boolean;
  authorship: boolean;
}

/** The export URL for a choice: the print view shows exactly what `format=html` downloads. */
export function exportUrl(meetingId: string, format: string, choice: ExportChoice): string {
  const query = new URLSearchParams({ format, lang: choice.lang, layout: choice.lang === 'all' ? choice.layout : 'single', numbering: choice.numbering });
  if (choice.version) query.set('version', choice.version);
  if (choice.notes) query.set('notes', '1');
  if (choice.authorship) query.set('authorship', '1');
  return `/api/meetings/${encodeURIComponent(meetingId)}/export?${query}`;
}

/**
 * `/m/<id>/export`: the print view and every export of the minutes. The preview is the server's
 * HTML export itself (same renderer, same options), so what prints here is what the HTML, DOCX
 * and PDF downloads contain.
 */
export function ExportPage({ meetingId, navigate }: { meetingId: string; navigate: (path: string) => void }) {
  const { t, lang: uiLang, formatDateTime, errorMessage, languageName } = useT();
  const meetingQuery = useMeetingQuery(meetingId);
  const meeting = meetingQuery.data ?? null;
  const versions = useVersionsQuery(meetingId).data?.versions ?? [];
  const error = meetingQuery.error ? errorMessage(meetingQuery.error) : '';
  const [choice, setChoice] = useState<ExportChoice>({ lang: 'all', layout: 'side-by-side', numbering: 'decimal', version: '', notes: false, authorship: false });
  const frame = useRef<HTMLIFrameElement>(null);

  const previewUrl = useMemo(() => exportUrl(meetingId, 'html', choice), [meetingId, choice]);
  const set = <K extends keyof ExportChoice>(key: K, value: ExportChoice[K]) => setChoice((c) => ({ ...c, [key]: value }));

  if (error) return <ErrorText>{t('common.error', { message: error })}</ErrorText>;
  if (!meeting) return <p className="page">{t('common.loading')}</p>;
  const title = meetingTitle(meeting, uiLang);
  return (
    <main className="page export-page">
      <p>
        <a
          href={`/m/${meetingId}`}
          onClick={(e) => {
            e.preventDefault();
            navigate(`/m/${meetingId}`);
          }}
        >
          ← {t('records.back')}
        </a>
      </p>
      <h1>{t('records.exportTitle', { title })}</h1>
      <form className="export-options" onSubmit={(e) => e.preventDefault()} aria-label={t('records.exportAndPrint')}>
        <label>
          {t('records.languages')}{' '}
          <select value={choice.lang} onChange={(e) => set('lang', e.target.value)} data-testid="export-lang">
            <option value="all">{t('records.allLanguages')}</option>
            {meeting.languages.map((l) => (
              <option key={l} value={l}>
                {languageName(l)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('records.layout')}{' '}
          <select value={choice.lang === 'all' ? choice.layout : 'single'} disabled={choice.lang !== 'all'} onChange={(e) => set('layout', e.target.value as ExportChoice['layout'])} data-testid="export-layout">
            {LAYOUTS.filter((l) => (choice.lang === 'all') !== (l === 'single')).map((l) => (
              <option key={l} value={l}>
                {t(`records.layout.${l}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('records.numbering')}{' '}
          <select value={choice.numbering} onChange={(e) => set('numbering', e.target.value as ExportChoice['numbering'])} data-testid="export-numbering">
            {NUMBERINGS.map((n) => (
              <option key={n} value={n}>
                {t(`records.numbering.${n}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('records.version')}{' '}
          <select value={choice.version} onChange={(e) => set('version', e.target.value)} data-testid="export-version">
            <option value="">{t('records.liveDraft')}</option>
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                {v.label} · {formatDateTime(v.createdAt)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={choice.notes} onChange={(e) => set('notes', e.target.checked)} data-testid="export-notes" /> {t('records.withNotes')}
        </label>
        <label>
          <input type="checkbox" checked={choice.authorship} onChange={(e) => set('authorship', e.target.checked)} data-testid="export-authorship" /> {t('records.withAuthorship')}
        </label>
      </form>
      <div className="export-actions">
        <button type="button" className="primary" onClick={() => frame.current?.contentWindow?.print()} data-testid="print">
          {t('records.print')}
        </button>
        {FORMATS.map(({ format, label }) => (
          <a key={format} className="button" href={exportUrl(meetingId, format, choice)} download data-testid={`download-${format}`}>
            {t('records.download', { format: label })}
          </a>
        ))}
      </div>
      <iframe ref={frame} className="print-preview" src={previewUrl} title={t('records.preview')} data-testid="print-preview" />
    </main>
  );
}
