import { addReportSection, removeReportSection, setReportSectionTitle, type ReportSection, type ReportSectionKind } from '../../../shared/src/report/reportSections.ts';
import { useT } from '../i18n/i18n.tsx';
import { Field } from '../ui/Field.tsx';
import { useReport } from './reportContext.tsx';

/** A section id in the document grammar ([a-z0-9][a-z0-9-]*), random so two authors never collide. */
function newSectionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `s${[...bytes].map((b) => b.toString(36).padStart(2, '0')).join('')}`;
}

/**
 * The frame of a free section or annex, for those who write the report: its title per language
 * (written to the live document as it is typed, so co-authors see it) and its removal.
 */
export function SectionFrame({ section }: { section: ReportSection }) {
  const { t, languageName } = useT();
  const { doc, writable, languages } = useReport();
  if (!writable) return null;
  const kind = t(`report.sectionKind.${section.kind}`);
  return (
    <div className="section-frame row">
      {languages.map((lang) => (
        <Field
          key={lang}
          lang={lang}
          label={t('report.sectionTitleIn', { lang: languageName(lang) })}
          value={section.title[lang] ?? ''}
          maxLength={300}
          onChange={(e) => setReportSectionTitle(doc, section.id, lang, e.target.value)}
          data-testid={`section-title-${lang}`}
        />
      ))}
      <button
        type="button"
        className="danger"
        onClick={() => {
          if (window.confirm(t('report.confirmRemoveSection'))) removeReportSection(doc, section.id, languages);
        }}
        data-testid="section-remove"
      >
        {t('report.removeSection', { kind })}
      </button>
    </div>
  );
}

/** "Add a section" (before 心得與建議) or "Add an annex" (at the end). */
export function SectionAdder({ kind }: { kind: ReportSectionKind }) {
  const { t } = useT();
  const { doc, writable } = useReport();
  if (!writable) return null;
  return (
    <p className="section-adder">
      <button
        type="button"
        onClick={() => {
          const id = addReportSection(doc, kind, {}, newSectionId);
          // The new section's first title field, so the author names it at once.
          requestAnimationFrame(() => document.querySelector<HTMLInputElement>(`[data-testid="report-${kind === 'free' ? 'section' : 'annex'}-${id}"] input`)?.focus());
        }}
        data-testid={`add-${kind}`}
      >
        {t(kind === 'free' ? 'report.addSection' : 'report.addAnnex')}
      </button>
    </p>
  );
}
