import * as Y from 'yjs';
import { agendaMap, readAgenda, type AgendaSlot } from '../../../shared/src/model/agendaDoc.ts';
import { approvalKey, approvalsMap, readApproval, type ApprovalEntry } from '../../../shared/src/model/approvals.ts';
import { insertersSince } from '../../../shared/src/model/inserters.ts';
import { metaMap, readMeta, readProgress, type MeetingMeta, type SlotProgress } from '../../../shared/src/model/meetingDoc.ts';
import { blocks, collectItems, slotText, type MinutesItem } from '../../../shared/src/model/minutesText.ts';
import { readRoster, type RosterEntry } from '../../../shared/src/model/rosterDoc.ts';
import { readBaseline } from '../../../shared/src/model/translationState.ts';
import { DocField, minutesField } from '../../../shared/src/schema/fields.ts';
import { MapKeyEvents } from './mapKeyEvents.ts';
import { CombinedStore, DerivedStore, watchDeep, type ReadableStore } from './store.ts';

/** What the page shows about one slot's minutes in one language, without an editor. */
export interface FragmentSummary {
  /** Plain text, one line per block (what approvals digest and translations compare). */
  text: string;
  filled: boolean;
  /** Decisions and actions marked in it. */
  items: MinutesItem[];
  /** Roster id -> paragraphs attributed to it. */
  speakers: Record<string, number>;
  /** Yjs client ids with live content in it, ascending (mapped to people by authorship). */
  authors: number[];
}

/**
 * Summaries wait this long after a change: typing changes a fragment many times a second, and
 * nothing a summary feeds (language state, outline dots, decisions list) needs every keystroke.
 */
export const SUMMARY_DELAY_MS = 300;

export function summarizeFragment(doc: Y.Doc, slotId: string, lang: string): FragmentSummary {
  const text = slotText(doc, slotId, lang);
  const fragment = doc.getXmlFragment(minutesField(slotId, lang));
  const speakers: Record<string, number> = {};
  for (const block of blocks(fragment)) {
    const speaker = block.getAttribute('speaker');
    if (typeof speaker === 'string' && speaker) speakers[speaker] = (speakers[speaker] ?? 0) + 1;
  }
  return {
    text,
    filled: text.trim().length > 0,
    items: collectItems(doc, [slotId], [lang]),
    speakers,
    authors: [...insertersSince(fragment)].sort((a, b) => a - b),
  };
}

/**
 * The minutes doc as the page reads it: one store per thing a component shows, each watching only
 * the Yjs type it comes from (the meeting's meta, the agenda, the roster, one slot's progress, one
 * approval, one slot's translation baseline, one fragment). A remote edit in slot A wakes slot A's
 * stores and nothing else; unchanged values stay identical objects. Stores are created on first
 * use and shared by every component that asks for the same thing.
 */
export class MeetingStores {
  readonly meta: ReadableStore<MeetingMeta>;
  readonly agenda: ReadableStore<AgendaSlot[]>;
  readonly roster: ReadableStore<RosterEntry[]>;
  private readonly progressEvents: MapKeyEvents;
  private readonly approvalEvents: MapKeyEvents;
  private readonly translationEvents: MapKeyEvents;
  private readonly cache = new Map<string, ReadableStore<unknown>>();
  /** Counts the doc's transactions: lets a store that nobody watches yet skip re-reading (DerivedStore). */
  private transactions = 0;
  private readonly version = () => this.transactions;

  constructor(readonly doc: Y.Doc) {
    doc.on('afterTransaction', () => void this.transactions++);
    this.meta = new DerivedStore(() => readMeta(doc), watchDeep(metaMap(doc)), 0, this.version);
    this.agenda = new DerivedStore(() => readAgenda(doc), watchDeep(agendaMap(doc)), 0, this.version);
    const roster = doc.getMap(DocField.roster);
    this.roster = new DerivedStore(() => readRoster(doc), watchDeep(roster), 0, this.version);
    this.progressEvents = new MapKeyEvents(doc.getMap(DocField.progress));
    this.approvalEvents = new MapKeyEvents(approvalsMap(doc));
    this.translationEvents = new MapKeyEvents(doc.getMap(DocField.translations));
  }

  private cached<T>(key: string, create: () => ReadableStore<T>): ReadableStore<T> {
    let store = this.cache.get(key) as ReadableStore<T> | undefined;
    if (!store) this.cache.set(key, (store = create()));
    return store;
  }

  /** One slot's progress (status, actual times, languages marked done). */
  progress(slotId: string): ReadableStore<SlotProgress> {
    return this.cached(`progress:${slotId}`, () => new DerivedStore(() => readProgress(this.doc, slotId), (on) => this.progressEvents.watch(slotId, on), 0, this.version));
  }

  /** The approval entry of one slot and language (null: none). */
  approval(slotId: string, lang: string): ReadableStore<ApprovalEntry | null> {
    return this.cached(`approval:${slotId}/${lang}`, () => new DerivedStore(() => readApproval(this.doc, slotId, lang), (on) => this.approvalEvents.watch(approvalKey(slotId, lang), on), 0, this.version));
  }

  /** The texts of one slot's languages when they were last in sync (null: never). */
  baseline(slotId: string): ReadableStore<Record<string, string> | null> {
    return this.cached(`baseline:${slotId}`, () => new DerivedStore(() => readBaseline(this.doc, slotId), (on) => this.translationEvents.watch(slotId, on), 0, this.version));
  }

  /** The summary of one slot's minutes in one language, re-read at most every SUMMARY_DELAY_MS. */
  fragment(slotId: string, lang: string): ReadableStore<FragmentSummary> {
    return this.cached(`fragment:${slotId}/${lang}`, () => {
      const fragment = this.doc.getXmlFragment(minutesField(slotId, lang));
      return new DerivedStore(() => summarizeFragment(this.doc, slotId, lang), watchDeep(fragment), SUMMARY_DELAY_MS, this.version);
    });
  }

  /** The summaries of one slot in each of `languages`, in that order. */
  slotSummaries(slotId: string, languages: readonly string[]): ReadableStore<FragmentSummary[]> {
    return this.cached(`summaries:${slotId}:${languages.join(',')}`, () => new CombinedStore(languages.map((lang) => this.fragment(slotId, lang)), (summaries) => summaries));
  }

  /**
   * The summaries of several slots (each in each language), for whole-meeting lists such as the
   * decisions: a new combination per call (make it once per agenda, e.g. in useMemo).
   */
  sectionSummaries(slotIds: readonly string[], languages: readonly string[]): ReadableStore<FragmentSummary[][]> {
    return new CombinedStore(slotIds.map((id) => this.slotSummaries(id, languages)), (slots) => slots);
  }

  /** The progress of several slots (day totals in the outline): a new combination per call. */
  progressOf(slotIds: readonly string[]): ReadableStore<SlotProgress[]> {
    return new CombinedStore(slotIds.map((id) => this.progress(id)), (all) => all);
  }
}
