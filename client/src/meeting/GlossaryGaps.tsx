import type * as Y from 'yjs';
import { glossaryGaps, type GlossaryTerm } from '../../../shared/src/model/glossary.ts';
import { useDocSelector } from '../collab/useDocSelector.ts';
import { useT } from '../i18n/i18n.tsx';

/** Terms used in one language of the slot whose glossary counterpart is missing in another. */
export function GlossaryGaps({ doc, slotId, languages, terms, writable, insertInto }: { doc: Y.Doc; slotId: string; languages: string[]; terms: GlossaryTerm[]; writable: boolean; insertInto: (slotId: string, lang: string, text: string) => void }) {
  const { t, languageName } = useT();
  const gaps = useDocSelector(doc, (d) => glossaryGaps(d, [slotId], languages, terms), [slotId, languages.join(','), terms]);
  if (gaps.length === 0) return null;
  const byId = new Map(terms.map((term) => [term.id, term]));
  return (
    <ul className="glossary-gaps warning"  aria-label={t('a11y.glossaryGaps')} data-testid={`glossary-gaps-${slotId}`}>
      {gaps.map((gap) => {
        const term = byId.get(gap.termId)!;
        const counterpart = term.terms[gap.missingIn] ?? '';
        return (
          <li key={`${gap.termId}-${gap.usedIn}-${gap.missingIn}`}>
            {t('glossary.gap', { term: term.terms[gap.usedIn] ?? '', usedIn: languageName(gap.usedIn), counterpart, missingIn: languageName(gap.missingIn) })}{' '}
            {writable && (
              <button type="button" className="link" onClick={() => insertInto(slotId, gap.missingIn, counterpart)}>
                {t('glossary.insert', { counterpart })}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
