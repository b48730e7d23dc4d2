import { useState } from 'react';
import type * as Y from 'yjs';
import { confirmingCapacity, setConfirmation } from '../../../shared/src/model/confirmations.ts';
import { rosterLabel, type RosterEntry } from '../../../shared/src/model/rosterDoc.ts';
import type { ReviewStores } from '../collab/reviewStores.ts';
import { useStore } from '../collab/store.ts';
import { useDocsValue } from '../collab/useDocsValue.ts';
import { useT } from '../i18n/i18n.tsx';

/**
 * Each delegation with attributed paragraphs confirms them or asks for amendments; everyone sees
 * the state, the chair knows who is still missing. Only the accounts the roster links to a
 * delegation are offered its buttons; the chair's are marked and recorded as the chair's (the
 * server refuses anything else: confirmationRules.ts).
 */
export function ConfirmationsPanel({ review, minutes, roster, languages, attributedCount, me, canConfirm, isChair }: { review: ReviewStores; minutes: Y.Doc; roster: RosterEntry[]; languages: string[]; attributedCount: (doc: Y.Doc) => Map<string, number>; me: { id: string; name: string }; canConfirm: boolean; isChair: boolean }) {
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
          const capacity = canConfirm ? confirmingCapacity(d.accounts ?? [], me.id, isChair) : null;
          const asChair = capacity === 'chair' ? { asChair: true } : {};
          return (
            <li key={d.id} data-testid={`confirm-${d.id}`}>
              <span className="member-name">{rosterLabel(d, languages)}</span>
              <span className="muted">{t('confirm.paragraphs', { n: counts.get(d.id) ?? 0 })}</span>
              <span className={c?.state === 'confirmed' ? 'c-done' : c ? 'warning' : 'muted'}>
                {c ? `${t(`confirm.state.${c.state}`)} · ${c.byName}${c.asChair ? ` (${t('confirm.asChair')})` : ''} · ${formatDateTime(c.at)}${c.note ? ` · ${c.note}` : ''}` : t('confirm.state.pending')}
              </span>
              {capacity && (
                <>
                  <input aria-label={t('confirm.note')} placeholder={t('confirm.note')} value={notes[d.id] ?? ''} onChange={(e) => setNotes({ ...notes, [d.id]: e.target.value })} />
                  <button type="button" onClick={() => setConfirmation(review.doc, d.id, 'confirmed', notes[d.id] ?? '', me, asChair)} data-testid={`confirm-ok-${d.id}`}>
                    {t(capacity === 'chair' ? 'confirm.confirmAsChair' : 'confirm.confirm')}
                  </button>
                  <button type="button" onClick={() => setConfirmation(review.doc, d.id, 'amendments', notes[d.id] ?? '', me, asChair)} data-testid={`confirm-amend-${d.id}`}>
                    {t(capacity === 'chair' ? 'confirm.amendAsChair' : 'confirm.amend')}
                  </button>
                </>
              )}
              {canConfirm && !capacity && <span className="muted" data-testid={`confirm-not-yours-${d.id}`}>{t('confirm.notYours')}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
