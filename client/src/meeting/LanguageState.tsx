import { useEffect, useMemo, useState } from 'react';
import { writeProgress, type SlotProgress } from '../../../shared/src/model/meetingDoc.ts';
import { diffText } from '../../../shared/src/model/textDiff.ts';
import { languagePairState, markInSync } from '../../../shared/src/model/translationState.ts';
import { useStore } from '../collab/store.ts';
import { useT } from '../i18n/i18n.tsx';
import { DiffView } from '../ui/DiffView.tsx';
import { useMeeting } from './meetingContext.tsx';
import { useSlotSummaries } from './slotHooks.ts';

/**
 * Completeness per language (empty / drafting / done), a warning when one language has content and
 * another none, and "translation may be out of date" with the changes since the pair was in sync.
 * Computed from this slot's own summaries and baseline: an edit elsewhere costs nothing here, and
 * the diff is only computed while "Show changes" is open.
 */
export function LanguageState({ slotId, languages, progress, writable }: { slotId: string; languages: string[]; progress: SlotProgress; writable: boolean }) {
  const { t, languageName } = useT();
  const { doc, stores } = useMeeting();
  const summaries = useSlotSummaries(slotId, languages);
  const baseline = useStore(stores.baseline(slotId));
  const [showChanges, setShowChanges] = useState(false);
  const textOf = useMemo(() => new Map(languages.map((lang, i) => [lang, summaries[i]!.text])), [languages, summaries]);
  const state = useMemo(
    () =>
      languagePairState(languages, {
        filled: (lang) => textOf.get(lang)!.trim().length > 0,
        changedSinceBaseline: baseline ? (lang) => (baseline[lang] ?? '') !== textOf.get(lang) : null,
        doneLanguages: progress.doneLanguages,
      }),
    [languages, textOf, baseline, progress.doneLanguages],
  );

  // Both sides updated (or both just filled): record the new in-sync baseline. Keyed by the
  // languages' value, not the array: otherwise a new array postponed the write until it landed
  // after the meeting was finalised and was refused.
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
          {t('meeting.outOfDate', { lang: state.outOfDate.map(languageName).join(', '), changed: state.changed.map(languageName).join(', ') })}{' '}
          <button type="button" className="link" onClick={() => setShowChanges(!showChanges)} aria-expanded={showChanges}>
            {t('meeting.showChanges')}
          </button>
          {writable && (
            <button type="button" className="link" onClick={() => markInSync(doc, slotId, languages)}>
              {t('meeting.waive')}
            </button>
          )}
          {showChanges && state.changed.map((lang) => <ChangesSinceSync key={lang} lang={lang} before={baseline?.[lang] ?? ''} after={textOf.get(lang)!} />)}
        </div>
      )}
    </div>
  );
}

/** The diff of one language since the pair was in sync: computed only while shown, capped. */
function ChangesSinceSync({ lang, before, after }: { lang: string; before: string; after: string }) {
  const { languageName } = useT();
  const ops = useMemo(() => diffText(before, after), [before, after]);
  return <DiffView lang={lang} ops={ops} label={<span className="lang-tag">{languageName(lang)}</span>} />;
}
