import * as Y from 'yjs';
import { DocField } from '../schema/fields.ts';
import { keyBetween, keysAfter } from './orderKey.ts';
import { LIMITS, clip } from './schema/limits.ts';
import { readList, readLocalizedMap, readValue, reportInvalid, segment } from './schema/read.ts';
import { SLOT_ID_PATTERN, SLOT_KINDS, SLOT_STATUSES, hhmm, slotValues, speakerValue, userId } from './schema/values.ts';
import { fromMinutes, isHHMM, toMinutes } from './time.ts';

/**
 * The agenda inside the minutes Y.Doc: `agenda` is a Y.Map slotId -> Y.Map of slot fields.
 * Order comes from each slot's fractional `order` key (ties broken by id), so concurrent reorders
 * can neither duplicate nor lose a slot. Titles are Y.Maps lang -> text, so two people retitling
 * different languages at once both win. Shared by the client (live editing) and the server
 * (templates, import, exports). Every field's schema: shared/src/model/schema.
 */
export { SLOT_KINDS, SLOT_STATUSES };
export type SlotKind = (typeof SLOT_KINDS)[number];
export type SlotStatus = (typeof SLOT_STATUSES)[number];

export type Localized = Record<string, string>;

export interface Speaker {
  /** Display name per language (a person's name is often the same in both). */
  name: Localized;
  /** The person's position per language, e.g. "Dean and Executive Secretary", "院長兼執行秘書". */
  role?: Localized;
  /** The organisation per language, e.g. "International Anti-Corruption Academy (IACA)", "國際反貪腐學院". */
  affiliation?: Localized;
  /** What they do in this slot, e.g. "Opening Remarks" (from "Opening Remarks by …"). */
  part?: Localized;
}

/** A slot as plain data (what readAgenda returns and what templates and imports provide). */
export interface SlotData {
  id: string;
  /** 0-based index into the meeting's days. */
  day: number;
  start: string;
  end: string;
  kind: SlotKind;
  title: Localized;
  speakers: Speaker[];
  /** User ids of the delegates assigned to write this slot's minutes. */
  scribes: string[];
}

export interface AgendaSlot extends SlotData {
  order: string;
}

export type NewSlot = Omit<SlotData, 'id'> & { id?: string };

export function agendaMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap(DocField.agenda);
}

/**
 * Reads a slot with the document schema: a field that does not fit falls back to its default (a
 * slot that is not a map at all is skipped), and is reported once.
 */
function readSlot(id: string, slot: unknown): AgendaSlot | null {
  const at = (key: string) => `agenda/${segment(id)}/${key}`;
  if (!(slot instanceof Y.Map) || !SLOT_ID_PATTERN.test(id)) {
    reportInvalid(`agenda/${segment(id)}`, 'not a slot');
    return null;
  }
  return {
    id,
    order: readValue(slotValues.order, slot.get('order'), at('order'), ''),
    day: readValue(slotValues.day, slot.get('day'), at('day'), 0),
    start: readValue(hhmm, slot.get('start'), at('start'), '00:00'),
    end: readValue(hhmm, slot.get('end'), at('end'), '00:00'),
    kind: readValue(slotValues.kind, slot.get('kind'), at('kind'), 'other'),
    title: readLocalizedMap(slot.get('title'), at('title')),
    speakers: readList(slot.get('speakers'), speakerValue, at('speakers'), LIMITS.speakers),
    scribes: readList(slot.get('scribes'), userId, at('scribes'), LIMITS.scribes),
  };
}

const bySlotOrder = (a: AgendaSlot, b: AgendaSlot) =>
  a.day - b.day || (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** All slots, ordered by day, then order key, then id. */
export function readAgenda(doc: Y.Doc): AgendaSlot[] {
  const slots: AgendaSlot[] = [];
  for (const [id, value] of agendaMap(doc).entries()) {
    const slot = readSlot(id, value);
    if (slot) slots.push(slot);
  }
  return slots.sort(bySlotOrder);
}

let idCounter = 0;
/** A new slot id: unique across replicas without coordination. */
export function newSlotId(): string {
  idCounter = (idCounter + 1) % 1_296;
  return `s${Date.now().toString(36)}${idCounter.toString(36)}${Math.random().toString(36).slice(2, 8)}`.slice(0, 24);
}

/** A speaker as the schema has it: only its name, role, affiliation and part, each text clipped. */
function speakerValueOf(speaker: Speaker): Speaker {
  const texts = (localized: Localized) => Object.fromEntries(Object.entries(localized).map(([lang, text]) => [lang, clip(text, LIMITS.speakerText)]));
  const value: Speaker = { name: texts(speaker.name) };
  for (const field of ['role', 'affiliation', 'part'] as const) {
    const localized = speaker[field];
    if (localized) value[field] = texts(localized);
  }
  return value;
}

function writeSlot(slot: Y.Map<unknown>, data: Omit<SlotData, 'id'>, order: string): void {
  slot.set('order', order);
  slot.set('day', data.day);
  slot.set('start', data.start);
  slot.set('end', data.end);
  slot.set('kind', data.kind);
  const title = new Y.Map<string>();
  slot.set('title', title);
  for (const [lang, text] of Object.entries(data.title)) title.set(lang, clip(text, LIMITS.title));
  const speakers = new Y.Array<Speaker>();
  slot.set('speakers', speakers);
  speakers.push(data.speakers.slice(0, LIMITS.speakers).map(speakerValueOf));
  const scribes = new Y.Array<string>();
  slot.set('scribes', scribes);
  scribes.push(data.scribes.slice(0, LIMITS.scribes));
}

/** A key between two neighbours; equal neighbours (concurrent moves) fall back to "after `before`". */
function keyAround(before: string | null, after: string | null): string {
  return keyBetween(before, after !== null && before !== null && after <= before ? null : after);
}

/** Inserts a slot after `afterId` (or at the end of its day); returns its id. */
export function addSlot(doc: Y.Doc, data: NewSlot, afterId?: string): string {
  const slots = readAgenda(doc).filter((s) => s.day === data.day);
  const index = afterId ? slots.findIndex((s) => s.id === afterId) : slots.length - 1;
  const id = data.id ?? newSlotId();
  doc.transact(() => {
    const slot = new Y.Map<unknown>();
    agendaMap(doc).set(id, slot);
    writeSlot(slot, data, keyAround(slots[index]?.order ?? null, slots[index + 1]?.order ?? null));
  });
  return id;
}

/** Replaces the whole agenda (template instantiation, applying an import). */
export function replaceAgenda(doc: Y.Doc, slots: NewSlot[]): string[] {
  const ids: string[] = [];
  doc.transact(() => {
    const map = agendaMap(doc);
    for (const id of [...map.keys()]) map.delete(id);
    const keys = keysAfter(null, slots.length);
    slots.forEach((data, i) => {
      const id = data.id ?? newSlotId();
      const slot = new Y.Map<unknown>();
      map.set(id, slot);
      writeSlot(slot, data, keys[i]!);
      ids.push(id);
    });
  });
  return ids;
}

export function removeSlot(doc: Y.Doc, id: string): void {
  agendaMap(doc).delete(id);
}

/**
 * Moves a slot to just before `beforeId` (or to the end of `day` when null). Only the slot's own
 * `order` (and `day`) change: a concurrent move of the same slot resolves to one position.
 */
export function moveSlot(doc: Y.Doc, id: string, beforeId: string | null, day?: number): void {
  const slot = agendaMap(doc).get(id);
  if (!(slot instanceof Y.Map)) return;
  const targetDay = day ?? readSlot(id, slot)?.day ?? 0;
  const others = readAgenda(doc).filter((s) => s.day === targetDay && s.id !== id);
  const found = beforeId === null ? -1 : others.findIndex((s) => s.id === beforeId);
  const index = found < 0 ? others.length : found;
  doc.transact(() => {
    slot.set('day', targetDay);
    slot.set('order', keyAround(others[index - 1]?.order ?? null, others[index]?.order ?? null));
  });
}

/** Updates scalar fields and single title languages of a slot. */
export function updateSlot(doc: Y.Doc, id: string, patch: Partial<Pick<SlotData, 'start' | 'end' | 'kind' | 'day'>> & { title?: Localized }): void {
  const slot = agendaMap(doc).get(id);
  if (!slot) return;
  doc.transact(() => {
    for (const key of ['start', 'end', 'kind', 'day'] as const) if (patch[key] !== undefined) slot.set(key, patch[key]);
    if (patch.title) {
      let title = slot.get('title');
      if (!(title instanceof Y.Map)) {
        title = new Y.Map<string>();
        slot.set('title', title);
      }
      for (const [lang, text] of Object.entries(patch.title)) (title as Y.Map<string>).set(lang, clip(text, LIMITS.title));
    }
  });
}

/** Replaces a slot's speakers or scribes list. */
export function setSlotList(doc: Y.Doc, id: string, field: 'speakers' | 'scribes', values: Speaker[] | string[]): void {
  const slot = agendaMap(doc).get(id);
  if (!slot) return;
  doc.transact(() => {
    const list = new Y.Array<unknown>();
    slot.set(field, list);
    list.push(field === 'speakers' ? (values as Speaker[]).slice(0, LIMITS.speakers).map(speakerValueOf) : values.slice(0, LIMITS.scribes));
  });
}

/**
 * Sets a slot's start or end as a chair types it. A new start keeps the slot's length (the end
 * moves with it, as calendars do), so moving a slot later never leaves it ending before it starts;
 * a new end is stored as typed, and an end before the start shows as a warning (agendaWarnings)
 * rather than being refused, since the chair may be halfway through changing both.
 */
export function retimeSlot(doc: Y.Doc, id: string, field: 'start' | 'end', value: string): void {
  const slot = readAgenda(doc).find((s) => s.id === id);
  if (!slot || !isHHMM(value) || slot[field] === value) return;
  if (field === 'end') return updateSlot(doc, id, { end: value });
  const length = toMinutes(slot.end) - toMinutes(slot.start);
  updateSlot(doc, id, length > 0 ? { start: value, end: fromMinutes(toMinutes(value) + length) } : { start: value });
}

/**
 * Shifts a slot by `minutes`; with `cascade`, every later slot of the same day that starts at or
 * after this slot's old end moves too (running late pushes the rest of the day).
 */
export function shiftSlot(doc: Y.Doc, id: string, minutes: number, cascade = false): void {
  const all = readAgenda(doc);
  const target = all.find((s) => s.id === id);
  if (!target) return;
  const oldEnd = toMinutes(target.end);
  const moved = cascade ? all.filter((s) => s.day === target.day && (s.id === id || toMinutes(s.start) >= oldEnd)) : [target];
  doc.transact(() => {
    for (const s of moved) updateSlot(doc, s.id, { start: fromMinutes(toMinutes(s.start) + minutes), end: fromMinutes(toMinutes(s.end) + minutes) });
  });
}

/** Splits a slot at `at` (HH:MM strictly inside it) into two; returns the new second slot's id. */
export function splitSlot(doc: Y.Doc, id: string, at: string): string | null {
  const slot = readAgenda(doc).find((s) => s.id === id);
  if (!slot || !(toMinutes(at) > toMinutes(slot.start) && toMinutes(at) < toMinutes(slot.end))) return null;
  let newId: string | null = null;
  doc.transact(() => {
    updateSlot(doc, id, { end: at });
    const { id: _id, order: _order, ...rest } = slot;
    newId = addSlot(doc, { ...rest, start: at, end: slot.end, scribes: [...slot.scribes], speakers: [] }, id);
  });
  return newId;
}

export interface AgendaWarning {
  slotId: string;
  kind: 'inverted' | 'overlap';
  message: string;
}

/** Times that look wrong: a slot that ends before it starts, or overlaps the next one that day. */
export function agendaWarnings(slots: AgendaSlot[]): AgendaWarning[] {
  const warnings: AgendaWarning[] = [];
  const byDay = new Map<number, AgendaSlot[]>();
  for (const s of slots) {
    const day = byDay.get(s.day);
    if (day) day.push(s);
    else byDay.set(s.day, [s]);
  }
  for (const daySlots of byDay.values()) {
    daySlots.forEach((s, i) => {
      if (toMinutes(s.end) < toMinutes(s.start)) warnings.push({ slotId: s.id, kind: 'inverted', message: `ends (${s.end}) before it starts (${s.start})` });
      const next = daySlots[i + 1];
      if (next && toMinutes(next.start) < toMinutes(s.end)) {
        warnings.push({ slotId: next.id, kind: 'overlap', message: `starts at ${next.start}, before the previous slot ends (${s.end})` });
      }
    });
  }
  return warnings;
}
