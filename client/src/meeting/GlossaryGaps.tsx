import { useMemo } from 'react';
import { slotGlossaryGaps, type GlossaryTerm } from '../../../shared/src/model/glossary.ts';
import { useT } from '../i18n/i18n.tsx';
import { useInsertInto } from './insertInto.ts';
import { useSlotSummaries } from './slotHooks.ts';

/** Terms used in one language of the slot whose glossary counterpart is missing in another. */
export function GlossaryGaps({ slotId, languages, terms, writable }: { slotId: string; languages: string[]; terms: GlossaryTerm[]; writable: boolean }) {
  const { t, languageName } = useT();
  const insertInto = useInsertInto();
  const summaries = useSlotSummaries(slotId, languages);
  const gaps = useMemo(() => slotGlossaryGaps(slotId, Object.fromEntries(languages.map((lang, i) => [lang, summaries[i]!.text])), languages, terms), [slotId, languages, summaries, terms]);
  if (gaps.length === 0) return null;
  const byId = new Map(terms.map((term) => [term.id, term]));
  return (
    <ul className="glossary-gaps warning" aria-label={t('a11y.glossaryGaps')} data-testid={`glossary-gaps-${slotId}`}>
      {gaps.map((gap) => {
        const term = byId.get(gap.termId)!;
        const counterpart = term.terms[gap.missingIn] ?? '';
        return (
          <li key={`${gap.termId}-${gap.usedIn}-${gap.missingIn}`}>
            {t('glossary.gap', { term: term.terms[gap.usedIn] ?? '', usedIn: languageName(gap.usedIn), counterpart, missingIn: languageName(gap.missingIn) })}{' '}
            {writable && (
              <button type="button" className="link" onClick={() => void insertInto(slotId, gap.missingIn, counterpart, { lang: gap.usedIn, term: term.terms[gap.usedIn] ?? '' })}>
                {t('glossary.insert', { counterpart })}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
