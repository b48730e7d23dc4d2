import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { markInSync, slotLanguageState, translationChanges } from '../../../shared/src/model/translationState.ts';
import { writeProgress, type SlotProgress } from '../../../shared/src/model/meetingDoc.ts';
import { useDocSelector } from '../collab/useDocSelector.ts';
import { useT } from '../i18n/i18n.tsx';
import { DiffView } from '../ui/DiffView.tsx';

/**
 * Completeness per language (empty / drafting / done), a warning when one language has content and
 * another none, and "translation may be out of date" with the changes since the pair was in sync.
 */
export function LanguageState({ doc, slotId, languages, progress, writable }: { doc: Y.Doc; slotId: string; languages: string[]; progress: SlotProgress; writable: boolean }) {
  const { t, languageName } = useT();
  const state = useDocSelector(doc, (d) => slotLanguageState(d, slotId, languages), [slotId, languages.join(',')]);
  const [showChanges, setShowChanges] = useState(false);

  // Both sides updated (or both just filled): record the new in-sync baseline. Keyed by the
  // languages' value, not the array (a new one on every doc update): otherwise every edit anywhere
  // postponed the write, until it landed after the meeting was finalised and was refused.
  const languageKey = languages.join(',');
  useEffect(() => {
    if (!writable || !state.canRebase) return;
    const id = setTimeout(() => markInSync(doc, slotId, languageKey.split(',')), 1_500);
    return () => clearTimeout(id);
  }, [doc, slotId, languageKey, writable, state.canRebase]);

  const toggleDone = (lang: string) => {
    const done = progress.doneLanguages.includes(lang) ? progress.doneLanguages.filter((l) => l !== lang) : [...progress.doneLanguages, lang];
    writeProgress(doc, slotId, { doneLanguages: done });
  };
  const changed = state.changed;

  return (
    <div className="language-state">
      <ul className="completeness" aria-label={t('a11y.completeness')}>
        {languages.map((lang) => (
          <li key={lang} className={`c-${state.completeness[lang]}`} data-testid={`completeness-${slotId}-${lang}`}>
            <span className="lang-tag">{languageName(lang)}</span> {t(`meeting.${state.completeness[lang]!}` as 'meeting.empty')}
            {writable && state.completeness[lang] !== 'empty' && (
              <label className="done-toggle">
                <input type="checkbox" checked={progress.doneLanguages.includes(lang)} onChange={() => toggleDone(lang)} /> {t('meeting.markDone', { lang: languageName(lang) })}
              </label>
            )}
          </li>
        ))}
      </ul>
      {state.missing.length > 0 && (
        <p className="warning">
          {t('meeting.missingLang', { has: languages.filter((l) => !state.missing.includes(l)).map(languageName).join(', '), missing: state.missing.map(languageName).join(', ') })}
        </p>
      )}
      {state.outOfDate.length > 0 && (
        <div className="warning" data-testid={`out-of-date-${slotId}`}>
          {t('meeting.outOfDate', { lang: state.outOfDate.map(languageName).join(', '), changed: changed.map(languageName).join(', ') })}{' '}
          <button type="button" className="link" onClick={() => setShowChanges(!showChanges)} aria-expanded={showChanges}>
            {t('meeting.showChanges')}
          </button>
          {writable && (
            <button type="button" className="link" onClick={() => markInSync(doc, slotId, languages)}>
              {t('meeting.waive')}
            </button>
          )}
          {showChanges && changed.map((lang) => <ChangesSinceSync key={lang} doc={doc} slotId={slotId} lang={lang} />)}
        </div>
      )}
    </div>
  );
}

/** The diff of one language since the pair was in sync: computed only while shown, capped. */
function ChangesSinceSync({ doc, slotId, lang }: { doc: Y.Doc; slotId: string; lang: string }) {
  const { languageName } = useT();
  const ops = useDocSelector(doc, (d) => translationChanges(d, slotId, lang), [slotId, lang]);
  return <DiffView lang={lang} ops={ops} label={<span className="lang-tag">{languageName(lang)}</span>} />;
}
