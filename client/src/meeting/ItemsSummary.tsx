import type * as Y from 'yjs';
import type { AgendaSlot } from '../../../shared/src/model/agendaDoc.ts';
import { collectItems } from '../../../shared/src/model/minutesText.ts';
import { rosterLabel, type RosterEntry } from '../../../shared/src/model/rosterDoc.ts';
import { GENERAL_SLOT_ID } from '../../../shared/src/schema/fields.ts';
import { useDocSelector } from '../collab/useDocSelector.ts';
import { useT } from '../i18n/i18n.tsx';

/** The live list of decisions and actions marked anywhere in the minutes, linked to their paragraphs' slots. */
export function ItemsSummary({ doc, slots, languages, roster }: { doc: Y.Doc; slots: AgendaSlot[]; languages: string[]; roster: RosterEntry[] }) {
  const { t } = useT();
  const items = useDocSelector(doc, (d) => collectItems(d, [GENERAL_SLOT_ID, ...slots.map((s) => s.id)], languages), [slots, languages.join(',')]);
  const byId = new Map(roster.map((r) => [r.id, r]));
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
