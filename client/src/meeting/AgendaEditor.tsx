import { useState } from 'react';
import type * as Y from 'yjs';
import { addSlot, moveSlot, removeSlot, retimeSlot, shiftSlot, SLOT_KINDS, splitSlot, updateSlot, type AgendaSlot, type SlotKind } from '../../../shared/src/model/agendaDoc.ts';
import type { MeetingMeta } from '../../../shared/src/model/meetingDoc.ts';
import { fromMinutes, toMinutes } from '../../../shared/src/model/time.ts';
import { queryKeys, useInvalidate } from '../data/queries.ts';
import { api } from '../lib/api.ts';
import { useT } from '../i18n/i18n.tsx';
import { AgendaImport } from './AgendaImport.tsx';
import { useAgendaWarningMessages } from './agendaWarningMessages.ts';
import { TimeField } from '../ui/TimeField.tsx';

/**
 * The chair edits the agenda live in the doc: times, kind, titles per language; add, remove,
 * reorder (one order-key write, so concurrent moves never duplicate a slot), split and shift.
 */
export function AgendaEditor({ doc, slots, meta, meetingId }: { doc: Y.Doc; slots: AgendaSlot[]; meta: MeetingMeta; meetingId: string }) {
  const { t, errorMessage, languageName } = useT();
  const [templateName, setTemplateName] = useState('');
  const [message, setMessage] = useState('');
  const invalidate = useInvalidate();
  const days = Math.max(1, meta.days.length, ...slots.map((s) => s.day + 1));

  const add = (afterId?: string) => {
    const after = slots.find((s) => s.id === afterId) ?? slots[slots.length - 1];
    const start = after ? after.end : '09:00';
    addSlot(doc, { day: after?.day ?? 0, start, end: fromMinutes(toMinutes(start) + 30), kind: 'session', title: Object.fromEntries(meta.languages.map((l) => [l, ''])), speakers: [], scribes: [] }, afterId);
  };
  const warnings = useAgendaWarningMessages(slots);
  const saveTemplate = async () => {
    await api('POST', '/templates', { name: { [meta.languages[0] ?? 'en']: templateName }, fromMeetingId: meetingId });
    void invalidate(queryKeys.templates);
    setMessage(t('agenda.templateSaved'));
    setTemplateName('');
  };

  return (
    <section className="panel agenda-editor" aria-labelledby="agenda-editor-title">
      <h2 id="agenda-editor-title">{t('agenda.title')}</h2>
      <AgendaImport meetingId={meetingId} languages={meta.languages} />
      <ol className="agenda-rows">
        {slots.map((slot, i) => {
          const sameDay = slots.filter((s) => s.day === slot.day);
          const k = sameDay.indexOf(slot);
          return (
            <li key={slot.id} className="agenda-row" data-testid={`agenda-row-${i}`}>
              <select aria-label={t('agenda.day')} value={slot.day} onChange={(e) => moveSlot(doc, slot.id, null, Number(e.target.value))}>
                {Array.from({ length: days + 1 }, (_, d) => (
                  <option key={d} value={d}>
                    {t('meeting.day', { n: d + 1 })}
                  </option>
                ))}
              </select>
              <TimeField label={t('agenda.start')} value={slot.start} onChange={(v) => retimeSlot(doc, slot.id, 'start', v)} testId={`agenda-start-${i}`} />
              <TimeField label={t('agenda.end')} value={slot.end} onChange={(v) => retimeSlot(doc, slot.id, 'end', v)} testId={`agenda-end-${i}`} invalid={warnings.has(slot.id)} describedBy={warnings.has(slot.id) ? `agenda-warning-${slot.id}` : undefined} />
              <select aria-label={t('agenda.kind')} value={slot.kind} onChange={(e) => updateSlot(doc, slot.id, { kind: e.target.value as SlotKind })}>
                {SLOT_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`kind.${kind}`)}
                  </option>
                ))}
              </select>
              {meta.languages.map((lang) => (
                <input key={lang} lang={lang} aria-label={t('agenda.titleIn', { lang: languageName(lang) })} placeholder={languageName(lang)} value={slot.title[lang] ?? ''} onChange={(e) => updateSlot(doc, slot.id, { title: { [lang]: e.target.value } })} />
              ))}
              <span className="row-actions">
                <button type="button" aria-label={t('agenda.up')} disabled={k === 0} onClick={() => moveSlot(doc, slot.id, sameDay[k - 1]!.id)}>
                  ↑
                </button>
                <button type="button" aria-label={t('agenda.down')} disabled={k === sameDay.length - 1} onClick={() => moveSlot(doc, slot.id, sameDay[k + 2]?.id ?? null)}>
                  ↓
                </button>
                <button type="button" aria-label={t('agenda.earlier')} title={t('agenda.earlier')} onClick={() => shiftSlot(doc, slot.id, -5, true)}>
                  −5
                </button>
                <button type="button" aria-label={t('agenda.later')} title={t('agenda.later')} onClick={() => shiftSlot(doc, slot.id, 5, true)}>
                  +5
                </button>
                <button
                  type="button"
                  onClick={() => {
                    const at = window.prompt(t('agenda.splitPrompt'), fromMinutes((toMinutes(slot.start) + toMinutes(slot.end)) / 2));
                    if (at) splitSlot(doc, slot.id, at);
                  }}
                >
                  {t('agenda.split')}
                </button>
                <button type="button" onClick={() => add(slot.id)} aria-label={`${t('agenda.add')} ↓`}>
                  +
                </button>
                <button type="button" className="danger" onClick={() => removeSlot(doc, slot.id)}>
                  {t('agenda.remove')}
                </button>
              </span>
              {warnings.has(slot.id) && (
                <p className="agenda-row-warning" id={`agenda-warning-${slot.id}`} data-testid={`agenda-warning-${i}`}>
                  {warnings.get(slot.id)}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      <div className="row">
        <button type="button" onClick={() => add()} data-testid="agenda-add">
          {t('agenda.add')}
        </button>
        <input aria-label={t('agenda.templateName')} placeholder={t('agenda.templateName')} value={templateName} onChange={(e) => setTemplateName(e.target.value)} />
        <button type="button" disabled={!templateName.trim() || slots.length === 0} onClick={() => void saveTemplate().catch((err: unknown) => setMessage(errorMessage(err)))}>
          {t('agenda.saveTemplate')}
        </button>
        {message && <span role="status">{message}</span>}
      </div>
    </section>
  );
}
