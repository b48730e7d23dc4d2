import { useMemo, useState } from 'react';
import { digestOfText, setApproval, type ApprovalStatus } from '../../../shared/src/model/approvals.ts';
import { useStore, type ReadableStore } from '../collab/store.ts';
import { useT } from '../i18n/i18n.tsx';
import { useMeeting } from './meetingContext.tsx';

/** While an entry is not an approval, its slot's text does not matter: nothing to watch. */
const NO_TEXT: ReadableStore<{ text: string }> = { get: () => NO_TEXT_VALUE, subscribe: () => () => {} };
const NO_TEXT_VALUE = { text: '' };

/**
 * The approval of one slot in one language: a status chip everyone sees change live, and the
 * buttons this user's role allows. Writers (delegates and the chair) mark ready or take it back
 * to draft; only the chair approves, or sends it back with a note. The server refuses anything
 * else (a delegate's client cannot approve), so these buttons are convenience, not the rule.
 * An approval stops counting once the text changes: its digest is compared with the text's only
 * while the entry says approved.
 */
export function ApprovalControls({ slotId, lang, me, canWrite, isChair, finalised }: { slotId: string; lang: string; me: { id: string; name: string }; canWrite: boolean; isChair: boolean; finalised: boolean }) {
  const { t, languageName, formatDateTime } = useT();
  const { doc, stores } = useMeeting();
  const entry = useStore(stores.approval(slotId, lang));
  const approved = entry?.state === 'approved';
  // Once finalised the text decides the chip too (final, or final with nothing recorded); the doc
  // is frozen then, so watching it costs nothing.
  const text = useStore<{ text: string }>(approved || finalised ? stores.fragment(slotId, lang) : NO_TEXT).text;
  const status: ApprovalStatus = useMemo(() => (!entry ? 'draft' : approved && entry.digest !== digestOfText(text) ? 'changed' : entry.state), [entry, approved, text]);
  // After finalising, "Draft" on a slot nobody wrote in (its blocker waived) would contradict the
  // record: every chip says final, and whether anything was recorded.
  const shown = finalised ? (text.trim() ? 'final' : 'finalEmpty') : status;
  const [note, setNote] = useState<string | null>(null);
  const set = (state: 'draft' | 'ready' | 'approved', withNote = '') => setApproval(doc, slotId, lang, state, me, withNote);
  const id = `${slotId}-${lang}`;
  const chair = canWrite && isChair;
  return (
    <div className="approval" role="group" aria-label={t('approval.group', { lang: languageName(lang) })} data-testid={`approval-${id}`}>
      <span className={`badge approval-${shown}`} data-testid={`approval-state-${id}`} data-state={shown}>
        {t(`approval.state.${shown}`)}
      </span>
      {entry && entry.byName && (
        <span className="muted small">{t('approval.by', { name: entry.byName, when: formatDateTime(entry.at) })}</span>
      )}
      {entry?.state === 'draft' && entry.note && <span className="small warning">{t('approval.note', { note: entry.note })}</span>}
      {canWrite && status === 'draft' && (
        <button type="button" className="small" onClick={() => set('ready')} data-testid={`approval-ready-${id}`}>
          {t('approval.markReady')}
        </button>
      )}
      {canWrite && !isChair && status === 'ready' && (
        <button type="button" className="small" onClick={() => set('draft')} data-testid={`approval-draft-${id}`}>
          {t('approval.backToDraft')}
        </button>
      )}
      {chair && status !== 'approved' && (
        <button type="button" className="small primary" onClick={() => set('approved')} data-testid={`approval-approve-${id}`}>
          {t('approval.approve')}
        </button>
      )}
      {chair && status !== 'draft' && note === null && (
        <button type="button" className="small" onClick={() => setNote('')} data-testid={`approval-sendback-${id}`}>
          {t('approval.sendBack')}
        </button>
      )}
      {chair && note !== null && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            set('draft', note.trim());
            setNote(null);
          }}
        >
          <input aria-label={t('approval.sendBackNote')} placeholder={t('approval.sendBackNote')} value={note} onChange={(e) => setNote(e.target.value)} data-testid={`approval-note-${id}`} />
          <button type="submit" className="small">{t('approval.sendBackConfirm')}</button>
          <button type="button" className="small" onClick={() => setNote(null)}>
            {t('common.cancel')}
          </button>
        </form>
      )}
    </div>
  );
}
