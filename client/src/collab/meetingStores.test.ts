import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { readAgenda, replaceAgenda } from '../../../shared/src/model/agendaDoc.ts';
import { setApproval } from '../../../shared/src/model/approvals.ts';
import { readMeta, readProgress, writeMeta, writeProgress } from '../../../shared/src/model/meetingDoc.ts';
import { collectItems, slotText } from '../../../shared/src/model/minutesText.ts';
import { readRoster } from '../../../shared/src/model/rosterDoc.ts';
import { minutesField } from '../../../shared/src/schema/fields.ts';
import { MeetingStores, SUMMARY_DELAY_MS } from './meetingStores.ts';
import type { ReadableStore } from './store.ts';
import { keepIdentical } from './structuralShare.ts';

// Every reader the stores use, counted: which ones run after an edit is the point of these tests.
vi.mock('../../../shared/src/model/minutesText.ts', async (original) => {
  const actual = await original<typeof import('../../../shared/src/model/minutesText.ts')>();
  return { ...actual, slotText: vi.fn(actual.slotText), collectItems: vi.fn(actual.collectItems) };
});
vi.mock('../../../shared/src/model/meetingDoc.ts', async (original) => {
  const actual = await original<typeof import('../../../shared/src/model/meetingDoc.ts')>();
  return { ...actual, readMeta: vi.fn(actual.readMeta), readProgress: vi.fn(actual.readProgress) };
});
vi.mock('../../../shared/src/model/agendaDoc.ts', async (original) => {
  const actual = await original<typeof import('../../../shared/src/model/agendaDoc.ts')>();
  return { ...actual, readAgenda: vi.fn(actual.readAgenda) };
});
vi.mock('../../../shared/src/model/rosterDoc.ts', async (original) => {
  const actual = await original<typeof import('../../../shared/src/model/rosterDoc.ts')>();
  return { ...actual, readRoster: vi.fn(actual.readRoster) };
});

const SLOTS = 40;
const LANGS = ['zh-Hant', 'en'];

function meeting() {
  const doc = new Y.Doc();
  writeMeta(doc, { languages: LANGS, title: { en: 'Forty slots' } });
  replaceAgenda(doc, Array.from({ length: SLOTS }, (_, i) => ({ day: 0, start: '09:00', end: '09:20', kind: 'session' as const, title: { en: `S${i}` }, speakers: [], scribes: [] })));
  const ids = readAgenda(doc).map((s) => s.id);
  const texts = new Map<string, Y.XmlText>();
  for (const id of ids) {
    writeProgress(doc, id, { status: 'drafting' });
    for (const lang of LANGS) {
      const paragraph = new Y.XmlElement('paragraph');
      const text = new Y.XmlText(`${id} ${lang}`);
      paragraph.insert(0, [text]);
      doc.getXmlFragment(minutesField(id, lang)).push([paragraph]);
      texts.set(`${id}/${lang}`, text);
    }
  }
  return { doc, ids, texts };
}

/** Subscribes like a mounted component would; returns how many times each store notified. */
function watchAll(stores: Record<string, ReadableStore<unknown>>) {
  const calls: Record<string, number> = {};
  const stops = Object.entries(stores).map(([name, store]) => {
    calls[name] = 0;
    store.get();
    return store.subscribe(() => calls[name]!++);
  });
  return { calls, stop: () => stops.forEach((s) => s()) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  vi.clearAllMocks();
});

describe('MeetingStores: granular subscriptions', () => {
  it('a keystroke in one slot reads that fragment once, after the burst, and nothing else of the meeting', () => {
    const { doc, ids, texts } = meeting();
    const stores = new MeetingStores(doc);
    const watched: Record<string, ReadableStore<unknown>> = { meta: stores.meta, agenda: stores.agenda, roster: stores.roster };
    for (const id of ids) {
      watched[`progress:${id}`] = stores.progress(id);
      for (const lang of LANGS) {
        watched[`fragment:${id}/${lang}`] = stores.fragment(id, lang);
        watched[`approval:${id}/${lang}`] = stores.approval(id, lang);
      }
      watched[`baseline:${id}`] = stores.baseline(id);
    }
    const { calls } = watchAll(watched);
    const before = Object.fromEntries(Object.entries(watched).map(([name, store]) => [name, store.get()]));
    vi.clearAllMocks();

    const [a, b] = ids as [string, string];
    const typed = texts.get(`${a}/en`)!;
    for (const char of 'typing') typed.insert(typed.length, char);
    // Nothing is read while the burst lasts...
    expect(slotText).not.toHaveBeenCalled();
    vi.advanceTimersByTime(SUMMARY_DELAY_MS);
    // ...then that one fragment, once; no agenda, meta, roster or progress read; no other slot.
    expect(vi.mocked(slotText).mock.calls).toEqual([[doc, a, 'en']]);
    expect(vi.mocked(collectItems).mock.calls).toEqual([[doc, [a], ['en']]]);
    for (const reader of [readAgenda, readMeta, readRoster, readProgress]) expect(reader).not.toHaveBeenCalled();
    expect(Object.entries(calls).filter(([, n]) => n > 0)).toEqual([[`fragment:${a}/en`, 1]]);
    // Every other value is the very same object; the changed summary shares what did not change.
    for (const [name, store] of Object.entries(watched)) if (name !== `fragment:${a}/en`) expect(store.get(), name).toBe(before[name]);
    const summary = stores.fragment(a, 'en').get();
    expect(summary.text).toContain('typing');
    expect(summary.items).toBe((before[`fragment:${a}/en`] as typeof summary).items);
    expect(stores.fragment(b, 'en').get()).toBe(before[`fragment:${b}/en`]);
  });

  it('progress, approval and baseline changes wake only their slot', () => {
    const { doc, ids } = meeting();
    const stores = new MeetingStores(doc);
    const [a, b] = ids as [string, string];
    const { calls } = watchAll({ progressA: stores.progress(a), progressB: stores.progress(b), approvalA: stores.approval(a, 'en'), approvalB: stores.approval(b, 'en'), agenda: stores.agenda });
    const progressB = stores.progress(b).get();
    vi.clearAllMocks();
    writeProgress(doc, a, { actualStart: Date.UTC(2026, 10, 26, 9, 5) });
    setApproval(doc, a, 'en', 'ready', { id: 'u1', name: 'Ada' });
    expect(calls).toEqual({ progressA: 1, progressB: 0, approvalA: 1, approvalB: 0, agenda: 0 });
    expect(vi.mocked(readProgress).mock.calls).toEqual([[doc, a]]);
    expect(stores.progress(b).get()).toBe(progressB);
    expect(stores.approval(a, 'en').get()).toMatchObject({ state: 'ready', byName: 'Ada' });
  });

  it('an agenda change keeps every unchanged slot the same object', () => {
    const { doc, ids } = meeting();
    const stores = new MeetingStores(doc);
    const { calls } = watchAll({ agenda: stores.agenda });
    const before = stores.agenda.get();
    const agenda = doc.getMap<Y.Map<unknown>>('agenda');
    (agenda.get(ids[3]!)!.get('title') as Y.Map<string>).set('en', 'Renamed');
    expect(calls.agenda).toBe(1);
    const after = stores.agenda.get();
    expect(after).not.toBe(before);
    expect(after.filter((slot, i) => slot !== before[i]).map((s) => s.id)).toEqual([ids[3]]);
  });
});

describe('MeetingStores: before anyone subscribes (the first render)', () => {
  it('reads an unwatched summary once however often it is asked, and again only after a transaction', () => {
    const { doc, ids, texts } = meeting();
    const stores = new MeetingStores(doc);
    const summaries = ids.map((id) => stores.slotSummaries(id, LANGS));
    vi.mocked(slotText).mockClear();
    // React asks for a store's value several times while rendering, before it subscribes.
    for (let i = 0; i < 3; i++) for (const store of summaries) store.get();
    expect(slotText).toHaveBeenCalledTimes(SLOTS * LANGS.length);
    const first = summaries[0]!.get();

    vi.mocked(slotText).mockClear();
    texts.get(`${ids[0]}/en`)!.insert(0, 'x');
    const after = summaries[0]!.get();
    expect(after[1]!.text.startsWith('x')).toBe(true);
    // The unchanged language keeps its object; nothing says which fragment changed, so both were read.
    expect(after[0]).toBe(first[0]);
    expect(slotText).toHaveBeenCalledTimes(LANGS.length);
  });
});

describe('keepIdentical', () => {
  it('returns the previous value for equal data and shares unchanged parts', () => {
    const previous = { a: [1, 2, { x: 'y' }], b: { c: 1 }, m: new Map([['k', { v: 1 }]]) };
    expect(keepIdentical(previous, structuredClone(previous))).toBe(previous);
    const next = keepIdentical(previous, { ...structuredClone(previous), b: { c: 2 } });
    expect(next).not.toBe(previous);
    expect(next.a).toBe(previous.a);
    expect(next.m).toBe(previous.m);
    expect(next.b).toEqual({ c: 2 });
    expect(keepIdentical([1, 2], [1, 2, 3])).toEqual([1, 2, 3]);
  });
});
