import { useState } from 'react';
import type * as Y from 'yjs';
import { setConfirmation } from '../../../shared/src/model/confirmations.ts';
import { rosterLabel, type RosterEntry } from '../../../shared/src/model/rosterDoc.ts';
import type { ReviewStores } from '../collab/reviewStores.ts';
import { useStore } from '../collab/store.ts';
import { useDocsValue } from '../collab/useDocsValue.ts';
import { useT } from '../i18n/i18n.tsx';

/**
 * Each delegation with attributed paragraphs confirms them or asks for amendments; everyone sees
 * the state, the chair knows who is still missing.
 */
export function ConfirmationsPanel({ review, minutes, roster, languages, attributedCount, me, canConfirm }: { review: ReviewStores; minutes: Y.Doc; roster: RosterEntry[]; languages: string[]; attributedCount: (doc: Y.Doc) => Map<string, number>; me: { id: string; name: string }; canConfirm: boolean }) {
  const { t, formatDateTime } = useT();
  const confirmations = useStore(review.confirmations);
  const counts = useDocsValue([minutes], () => attributedCount(minutes), [attributedCount]);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const delegations = roster.filter((r) => r.kind === 'delegation');
  return (
    <section className="panel confirmations" aria-labelledby="confirm-title" data-testid="confirmations-panel">
      <h2 id="confirm-title">{t('confirm.title')}</h2>
      {delegations.length === 0 && <p className="muted">{t('roster.empty')}</p>}
      <ul className="member-list">
        {delegations.map((d) => {
          const c = confirmations.get(d.id);
          return (
            <li key={d.id} data-testid={`confirm-${d.id}`}>
              <span className="member-name">{rosterLabel(d, languages)}</span>
              <span className="muted">{t('confirm.paragraphs', { n: counts.get(d.id) ?? 0 })}</span>
              <span className={c?.state === 'confirmed' ? 'c-done' : c ? 'warning' : 'muted'}>
                {c ? `${t(`confirm.state.${c.state}`)} · ${c.byName} · ${formatDateTime(c.at)}${c.note ? ` · ${c.note}` : ''}` : t('confirm.state.pending')}
              </span>
              {canConfirm && (
                <>
                  <input aria-label={t('confirm.note')} placeholder={t('confirm.note')} value={notes[d.id] ?? ''} onChange={(e) => setNotes({ ...notes, [d.id]: e.target.value })} />
                  <button type="button" onClick={() => setConfirmation(review.doc, d.id, 'confirmed', notes[d.id] ?? '', me)} data-testid={`confirm-ok-${d.id}`}>
                    {t('confirm.confirm')}
                  </button>
                  <button type="button" onClick={() => setConfirmation(review.doc, d.id, 'amendments', notes[d.id] ?? '', me)}>
                    {t('confirm.amend')}
                  </button>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
