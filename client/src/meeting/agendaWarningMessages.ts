import { useMemo } from 'react';
import { agendaWarnings, type AgendaSlot } from '../../../shared/src/model/agendaDoc.ts';
import { useT } from '../i18n/i18n.tsx';

/**
 * The agenda's time warnings (a slot ending before it starts, or overlapping the previous one),
 * by slot id, in the interface language. The shared model words them in English for logs and
 * exports; the outline and the agenda editor say them in the reader's language.
 */
export function useAgendaWarningMessages(slots: AgendaSlot[]): Map<string, string> {
  const { t } = useT();
  return useMemo(
    () =>
      new Map(
        agendaWarnings(slots).map((w) => {
          const slot = slots.find((s) => s.id === w.slotId);
          const sameDay = slots.filter((s) => s.day === slot?.day);
          const previous = sameDay[sameDay.findIndex((s) => s.id === w.slotId) - 1];
          if (!slot) return [w.slotId, w.message];
          if (w.kind === 'inverted') return [w.slotId, t('agenda.warning.inverted', { start: slot.start, end: slot.end })];
          if (w.kind === 'overlap' && previous) return [w.slotId, t('agenda.warning.overlap', { start: slot.start, end: previous.end })];
          return [w.slotId, w.message];
        }),
      ),
    [slots, t],
  );
}
