import { useMemo } from 'react';
import { rosterLabel, type RosterEntry } from '../../../shared/src/model/rosterDoc.ts';
import { useStoreSelector } from '../collab/store.ts';
import { useT } from '../i18n/i18n.tsx';
import { useMeeting } from './meetingContext.tsx';

/**
 * The live list of decisions and actions marked anywhere in the minutes, linked to their
 * paragraphs' slots, in agenda order. Built from each slot's summary: an edit re-reads its own
 * slot only, and the list renders only when an item changed.
 */
export function ItemsSummary({ sectionIds, languages, roster }: { sectionIds: string[]; languages: string[]; roster: RosterEntry[] }) {
  const { t } = useT();
  const { stores } = useMeeting();
  const sections = useMemo(() => stores.sectionSummaries(sectionIds, languages), [stores, sectionIds, languages]);
  const items = useStoreSelector(sections, (all) => all.flatMap((summaries) => summaries.flatMap((s) => s.items)));
  const byId = useMemo(() => new Map(roster.map((r) => [r.id, r])), [roster]);
  return (
    <section className="items-summary" aria-labelledby="items-title">
      <h2 id="items-title">{t('meeting.items')}</h2>
      {items.length === 0 ? (
        <p className="muted">{t('meeting.noItems')}</p>
      ) : (
        <ul data-testid="items-summary">
          {items.map((item, i) => (
            <li key={`${item.anchor ?? i}-${item.lang}`} className={`item-${item.kind}`}>
              <a href={`#slot-${item.slotId}`}>
                <strong>{item.kind === 'decision' ? t('editor.decision') : t('editor.action')}</strong>
                {item.outcome ? ` (${t(`editor.outcome.${item.outcome}` as 'editor.outcome.adopted')})` : ''}
              </a>{' '}
              <span lang={item.lang}>{item.text}</span>
              {item.owner && <span className="muted"> · {rosterLabel(byId.get(item.owner), languages) || item.owner}</span>}
              {item.due && <span className="muted"> · {item.due}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
