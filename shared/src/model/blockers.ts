import type * as Y from 'yjs';
import { GENERAL_SLOT_ID } from '../schema/fields.ts';
import { readAgenda, type AgendaSlot } from './agendaDoc.ts';
import { approvalStatus } from './approvals.ts';
import { readConfirmations } from './confirmations.ts';
import { readMeta } from './meetingDoc.ts';
import { attributedParagraphs, slotText } from './minutesText.ts';
import { readThreads } from './reviewDoc.ts';
import { readRoster } from './rosterDoc.ts';
import { slotLanguageState } from './translationState.ts';

/**
 * What stands between the meeting and its finalisation, computed from the minutes doc and the
 * review doc alone (pure: the server gates `finalise` on it, the client shows the same list).
 * Each blocker has a stable id, so the chair can waive it with a reason and the waiver still
 * applies when the list is computed again:
 *
 *   unapproved:<slot>/<lang>   minutes with text that are not approved, or changed since approval
 *   missing:<slot>/<lang>      a meeting language without minutes in a session slot
 *   translation:<slot>/<lang>  a translation flagged out of date
 *   thread:<threadId>          an open comment thread
 *   suggestion:<threadId>      a suggestion nobody accepted or rejected yet
 *   confirmation:<rosterId>    a delegation with attributed paragraphs that has not confirmed them
 */
export const BLOCKER_KINDS = ['unapproved', 'missing', 'translation', 'thread', 'suggestion', 'confirmation'] as const;
export type BlockerKind = (typeof BLOCKER_KINDS)[number];

export interface Blocker {
  id: string;
  kind: BlockerKind;
  /** The slot and language it concerns (threads and suggestions: where they are anchored). */
  slotId: string | null;
  lang: string | null;
  threadId: string | null;
  rosterId: string | null;
  /** The slot title, delegation name or thread quote the description names. */
  subject: string;
  /** For `unapproved`: the current state ('draft', 'ready' or 'changed' since approval). */
  state: string | null;
  /** Human description in both UI languages. */
  description: { en: string; 'zh-Hant': string };
}

/** Slots that carry minutes: every agenda slot except breaks and photos, and the general notes. */
function minutesSlots(minutes: Y.Doc): Array<{ id: string; slot: AgendaSlot | null; session: boolean }> {
  const agenda = readAgenda(minutes);
  const languages = readMeta(minutes).languages;
  const slots = agenda
    .filter((slot) => slot.kind !== 'break' && slot.kind !== 'photo')
    .map((slot): { id: string; slot: AgendaSlot | null; session: boolean } => ({ id: slot.id, slot, session: slot.kind === 'session' }));
  // The general notes count when they have text, or when there is no agenda (then they are the minutes).
  const generalHasText = languages.some((lang) => slotText(minutes, GENERAL_SLOT_ID, lang).trim().length > 0);
  if (agenda.length === 0 || generalHasText) slots.unshift({ id: GENERAL_SLOT_ID, slot: null, session: agenda.length === 0 });
  return slots;
}

function slotTitle(slot: AgendaSlot | null, languages: string[], ui: 'en' | 'zh-Hant'): string {
  if (!slot) return ui === 'en' ? 'General notes' : '一般紀要';
  const own = slot.title[ui] ?? slot.title[ui === 'en' ? 'en' : 'zh-Hant'];
  return own || languages.map((l) => slot.title[l]).find(Boolean) || `${slot.start}–${slot.end}`;
}

const STATE_LABEL: Record<string, { en: string; 'zh-Hant': string }> = {
  draft: { en: 'draft', 'zh-Hant': '草稿' },
  ready: { en: 'ready for review', 'zh-Hant': '待審閱' },
  changed: { en: 'changed since approval', 'zh-Hant': '核定後已修改' },
};

const clip = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function computeBlockers(minutes: Y.Doc, review: Y.Doc): Blocker[] {
  const { languages } = readMeta(minutes);
  const blockers: Blocker[] = [];
  const base = { slotId: null, lang: null, threadId: null, rosterId: null, state: null } as const;

  for (const { id: slotId, slot, session } of minutesSlots(minutes)) {
    const en = slotTitle(slot, languages, 'en');
    const zh = slotTitle(slot, languages, 'zh-Hant');
    const langState = slotLanguageState(minutes, slotId, languages);
    for (const lang of languages) {
      const empty = slotText(minutes, slotId, lang).trim().length === 0;
      const at = { ...base, slotId, lang, subject: en };
      if (empty) {
        if (session) {
          blockers.push({ ...at, id: `missing:${slotId}/${lang}`, kind: 'missing', description: { en: `No ${lang} minutes in “${en}”`, 'zh-Hant': `「${zh}」沒有 ${lang} 紀要` } });
        }
        continue; // nothing written, nothing to approve
      }
      const status = approvalStatus(minutes, slotId, lang);
      if (status !== 'approved') {
        const label = STATE_LABEL[status]!;
        blockers.push({
          ...at,
          id: `unapproved:${slotId}/${lang}`,
          kind: 'unapproved',
          state: status,
          description: { en: `“${en}” (${lang}) is not approved (${label.en})`, 'zh-Hant': `「${zh}」（${lang}）尚未核定（${label['zh-Hant']}）` },
        });
      }
      if (langState.outOfDate.includes(lang)) {
        blockers.push({ ...at, id: `translation:${slotId}/${lang}`, kind: 'translation', description: { en: `The ${lang} translation of “${en}” may be out of date`, 'zh-Hant': `「${zh}」的 ${lang} 譯文可能已過時` } });
      }
    }
  }

  for (const thread of readThreads(review)) {
    if (!thread.id) continue;
    const at = { ...base, slotId: thread.slotId || null, lang: thread.lang || null, threadId: thread.id, subject: clip(thread.quote) };
    if (thread.suggestion?.state === 'open') {
      blockers.push({ ...at, id: `suggestion:${thread.id}`, kind: 'suggestion', description: { en: `Pending suggestion on “${at.subject}”`, 'zh-Hant': `「${at.subject}」的修改建議尚未處理` } });
    } else if (!thread.resolved) {
      const description = thread.unreadable && !thread.quote
        ? { en: 'An open comment thread that cannot be read', 'zh-Hant': '一則無法讀取的未解決意見' }
        : { en: `Open comment thread on “${at.subject}”`, 'zh-Hant': `「${at.subject}」的意見尚未解決` };
      blockers.push({ ...at, id: `thread:${thread.id}`, kind: 'thread', description });
    }
  }

  const counts = attributedParagraphs(minutes);
  const confirmations = readConfirmations(review);
  for (const entry of readRoster(minutes)) {
    if (entry.kind !== 'delegation' || (counts.get(entry.id) ?? 0) === 0) continue;
    if (confirmations.get(entry.id)?.state === 'confirmed') continue;
    const en = entry.name.en || Object.values(entry.name).find(Boolean) || entry.id;
    const zh = entry.name['zh-Hant'] || en;
    const asked = confirmations.get(entry.id)?.state === 'amendments';
    blockers.push({
      ...base,
      rosterId: entry.id,
      subject: en,
      id: `confirmation:${entry.id}`,
      kind: 'confirmation',
      state: asked ? 'amendments' : 'pending',
      description: asked
        ? { en: `${en} asked for amendments`, 'zh-Hant': `${zh} 要求修正` }
        : { en: `${en} has not confirmed its paragraphs`, 'zh-Hant': `${zh} 尚未確認其段落` },
    });
  }
  return blockers;
}
