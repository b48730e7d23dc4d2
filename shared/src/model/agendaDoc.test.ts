import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addSlot, agendaWarnings, moveSlot, readAgenda, removeSlot, replaceAgenda, retimeSlot, shiftSlot, splitSlot, updateSlot, type NewSlot } from './agendaDoc.ts';

const slot = (start: string, end: string, en: string, day = 0): NewSlot => ({
  day,
  start,
  end,
  kind: 'session',
  title: { en, 'zh-Hant': `議程 ${en}` },
  speakers: [],
  scribes: [],
});

/** Two replicas that exchange updates only when told to (deterministic concurrency). */
function replicas(): [Y.Doc, Y.Doc, () => void] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  const sync = () => {
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  };
  return [a, b, sync];
}

const titles = (doc: Y.Doc) => readAgenda(doc).map((s) => s.title.en);

describe('agenda in the Y.Doc', () => {
  it('keeps a slot\'s length when its start changes, and stores an early end as typed with a warning', () => {
    const doc = new Y.Doc();
    const [id] = replaceAgenda(doc, [slot('09:00', '09:45', 'A')]);
    retimeSlot(doc, id!, 'start', '14:30');
    expect(readAgenda(doc)[0]).toMatchObject({ start: '14:30', end: '15:15' });
    // Near midnight the end stops at 23:59 rather than wrapping to the next day.
    retimeSlot(doc, id!, 'start', '23:40');
    expect(readAgenda(doc)[0]).toMatchObject({ start: '23:40', end: '23:59' });
    retimeSlot(doc, id!, 'start', '10:00');
    retimeSlot(doc, id!, 'end', '09:30');
    expect(readAgenda(doc)[0]).toMatchObject({ start: '10:00', end: '09:30' });
    expect(agendaWarnings(readAgenda(doc)).map((w) => w.kind)).toEqual(['inverted']);
    // An inverted slot has no length to keep: a new start moves only the start.
    retimeSlot(doc, id!, 'start', '09:00');
    expect(readAgenda(doc)[0]).toMatchObject({ start: '09:00', end: '09:30' });
    expect(agendaWarnings(readAgenda(doc))).toEqual([]);
    // Not a time: nothing is written.
    retimeSlot(doc, id!, 'end', '9.30');
    expect(readAgenda(doc)[0]!.end).toBe('09:30');
  });

  it('keeps slots ordered and moves them with one field write', () => {
    const doc = new Y.Doc();
    const [s1, s2, s3] = replaceAgenda(doc, [slot('09:00', '09:30', 'A'), slot('09:30', '10:00', 'B'), slot('10:00', '10:30', 'C')]);
    expect(titles(doc)).toEqual(['A', 'B', 'C']);
    moveSlot(doc, s3!, s1!);
    expect(titles(doc)).toEqual(['C', 'A', 'B']);
    moveSlot(doc, s3!, null);
    expect(titles(doc)).toEqual(['A', 'B', 'C']);
    addSlot(doc, slot('09:15', '09:20', 'A2'), s1);
    expect(titles(doc)).toEqual(['A', 'A2', 'B', 'C']);
    removeSlot(doc, s2!);
    expect(titles(doc)).toEqual(['A', 'A2', 'C']);
  });

  it('never duplicates or loses a slot when two people reorder at once', () => {
    for (let round = 0; round < 50; round++) {
      const [a, b, sync] = replicas();
      const ids = replaceAgenda(a, ['A', 'B', 'C', 'D', 'E'].map((t, i) => slot(`0${i}:00`, `0${i}:30`, t)));
      sync();
      // Both move random slots to random places, including the same slot.
      const pick = () => ids[Math.floor(Math.random() * ids.length)]!;
      for (let i = 0; i < 3; i++) moveSlot(a, pick(), Math.random() < 0.2 ? null : pick());
      for (let i = 0; i < 3; i++) moveSlot(b, pick(), Math.random() < 0.2 ? null : pick());
      sync();
      const ta = titles(a);
      expect(ta).toEqual(titles(b));
      expect([...ta].sort()).toEqual(['A', 'B', 'C', 'D', 'E']);
    }
  });

  it('keeps both languages when two people retitle different languages at once', () => {
    const [a, b, sync] = replicas();
    const [id] = replaceAgenda(a, [slot('09:00', '09:30', 'Opening')]);
    sync();
    updateSlot(a, id!, { title: { en: 'Opening Session' } });
    updateSlot(b, id!, { title: { 'zh-Hant': '開幕式' } });
    sync();
    expect(readAgenda(a)[0]!.title).toEqual({ en: 'Opening Session', 'zh-Hant': '開幕式' });
    expect(readAgenda(b)[0]!.title).toEqual(readAgenda(a)[0]!.title);
  });

  it('shifts one slot, or cascades to the rest of the day', () => {
    const doc = new Y.Doc();
    const [s1] = replaceAgenda(doc, [slot('09:00', '09:30', 'A'), slot('09:30', '10:00', 'B'), slot('10:00', '10:30', 'C'), slot('09:00', '10:00', 'Day2', 1)]);
    shiftSlot(doc, s1!, 15, true);
    expect(readAgenda(doc).map((s) => `${s.start}-${s.end}`)).toEqual(['09:15-09:45', '09:45-10:15', '10:15-10:45', '09:00-10:00']);
    shiftSlot(doc, s1!, -15);
    expect(readAgenda(doc).map((s) => s.start)).toEqual(['09:00', '09:45', '10:15', '09:00']);
  });

  it('splits a slot in two at a time inside it', () => {
    const doc = new Y.Doc();
    const [s1] = replaceAgenda(doc, [slot('09:00', '10:00', 'Long'), slot('10:00', '10:30', 'Next')]);
    expect(splitSlot(doc, s1!, '11:00')).toBeNull();
    const second = splitSlot(doc, s1!, '09:40');
    expect(second).not.toBeNull();
    expect(readAgenda(doc).map((s) => `${s.title.en} ${s.start}-${s.end}`)).toEqual(['Long 09:00-09:40', 'Long 09:40-10:00', 'Next 10:00-10:30']);
  });

  it('warns about inverted and overlapping times instead of accepting them silently', () => {
    const doc = new Y.Doc();
    replaceAgenda(doc, [slot('09:00', '09:45', 'A'), slot('09:30', '10:00', 'B'), slot('11:00', '10:30', 'C')]);
    const kinds = agendaWarnings(readAgenda(doc)).map((w) => w.kind);
    expect(kinds).toEqual(['overlap', 'inverted']);
  });
});
