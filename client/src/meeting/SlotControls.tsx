import type * as Y from 'yjs';
import { setSlotList, SLOT_STATUSES, type AgendaSlot, type SlotStatus } from '../../../shared/src/model/agendaDoc.ts';
import { writeProgress, type SlotProgress } from '../../../shared/src/model/meetingDoc.ts';
import { useT } from '../i18n/i18n.tsx';

export interface MemberOption {
  userId: string;
  name: string;
}

/**
 * Whether the writing of a slot has started: review and approval are per language, in the
 * approval controls (server-enforced), so this selector no longer offers them; a value set by an
 * older version still shows.
 */
const WRITING_STATUSES: readonly SlotStatus[] = ['not_started', 'drafting'];

/**
 * A slot's writing status and its scribes (the chair assigns delegates who write this slot's
 * minutes).
 */
export function SlotControls({ doc, slot, progress, members, canWrite, isChair }: { doc: Y.Doc; slot: AgendaSlot; progress: SlotProgress; members: MemberOption[]; canWrite: boolean; isChair: boolean }) {
  const { t, lang } = useT();
  const names = new Map(members.map((m) => [m.userId, m.name]));
  return (
    <span className="slot-controls">
      {canWrite ? (
        <select aria-label={`${t('slot.status')}: ${slot.title[lang] || Object.values(slot.title).find(Boolean) || slot.start}`} value={progress.status} onChange={(e) => writeProgress(doc, slot.id, { status: e.target.value as SlotStatus })} data-testid={`slot-status-${slot.id}`}>
          {SLOT_STATUSES.filter((s) => WRITING_STATUSES.includes(s) || s === progress.status).map((s) => (
            <option key={s} value={s} disabled={!WRITING_STATUSES.includes(s)}>
              {t(`meeting.status.${s}`)}
            </option>
          ))}
        </select>
      ) : (
        <span className={`badge status-${progress.status}`}>{t(`meeting.status.${progress.status}`)}</span>
      )}
      {slot.scribes.length > 0 && (
        <span className="muted">
          {t('meeting.scribes')}: {slot.scribes.map((id) => names.get(id) ?? id).join(', ')}
        </span>
      )}
      {isChair && canWrite && (
        <select
          aria-label={t('slot.addScribe')}
          value=""
          onChange={(e) => {
            const id = e.target.value;
            if (!id) return;
            const next = slot.scribes.includes(id) ? slot.scribes.filter((s) => s !== id) : [...slot.scribes, id];
            setSlotList(doc, slot.id, 'scribes', next);
          }}
        >
          <option value="">{t('slot.addScribe')}</option>
          {members.map((m) => (
            <option key={m.userId} value={m.userId}>
              {slot.scribes.includes(m.userId) ? '✓ ' : ''}
              {m.name}
            </option>
          ))}
        </select>
      )}
    </span>
  );
}
