import type { AgendaSlot } from '../../../shared/src/model/agendaDoc.ts';
import type { MeetingMeta } from '../../../shared/src/model/meetingDoc.ts';
import { toReaderTime, zonedTimeToUtc } from '../../../shared/src/model/timezone.ts';

/** The instants a slot is planned to start and end (null when the meeting has no dates). */
export function slotInstants(slot: AgendaSlot, meta: MeetingMeta): { start: number; end: number } | null {
  const date = meta.days[slot.day];
  if (!date) return null;
  return { start: zonedTimeToUtc(date, slot.start, meta.timezone), end: zonedTimeToUtc(date, slot.end, meta.timezone) };
}

/** The slot whose planned time contains `now`, else the next one to start, else null. */
export function currentSlot(slots: AgendaSlot[], meta: MeetingMeta, now: number): AgendaSlot | null {
  let next: { slot: AgendaSlot; start: number } | null = null;
  for (const slot of slots) {
    const at = slotInstants(slot, meta);
    if (!at) continue;
    if (at.start <= now && now < at.end) return slot;
    if (at.start > now && (!next || at.start < next.start)) next = { slot, start: at.start };
  }
  return next?.slot ?? null;
}

/** "09:00–09:10", and the reader's own times when their zone differs ("08:00–08:10 Bangkok"). */
export function formatRange(slot: AgendaSlot, meta: MeetingMeta, readerZone: string | null): string {
  const planned = `${slot.start}–${slot.end}`;
  const date = meta.days[slot.day];
  if (!readerZone || !date || readerZone === meta.timezone) return planned;
  const a = toReaderTime(date, slot.start, meta.timezone, readerZone);
  const b = toReaderTime(date, slot.end, meta.timezone, readerZone);
  const shift = a.dayShift === 0 ? '' : a.dayShift > 0 ? ` (+${a.dayShift}d)` : ` (${a.dayShift}d)`;
  return `${planned} (${a.time}–${b.time}${shift} ${readerZone.split('/').pop()?.replace('_', ' ')})`;
}

export { formatClock } from '../../../shared/src/intl/formatters.ts';

export const formatDuration = (ms: number) => {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h > 0 ? `${h}:` : ''}${String(m).padStart(h > 0 ? 2 : 1, '0')}:${String(s).padStart(2, '0')}`;
};
