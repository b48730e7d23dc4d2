import type * as Y from 'yjs';
import type { Localized } from './agendaDoc.ts';
import { slotText } from './minutesText.ts';

/** A bilingual term pair of a meeting series, e.g. UNCAC <-> 聯合國反貪腐公約. */
export interface GlossaryTerm {
  id: string;
  terms: Localized;
  note: string;
}

/** Case-insensitive for Latin scripts; exact for CJK (no case, no word boundaries). */
export function containsTerm(text: string, term: string): boolean {
  const needle = term.trim();
  if (!needle) return false;
  return text.toLocaleLowerCase().includes(needle.toLocaleLowerCase());
}

export interface GlossaryGap {
  slotId: string;
  termId: string;
  /** The language whose text uses the term... */
  usedIn: string;
  /** ...and the language whose text lacks the counterpart. */
  missingIn: string;
}

/** Where a term is used in one language of a slot without its counterpart in another. */
export function glossaryGaps(doc: Y.Doc, slotIds: string[], languages: string[], terms: GlossaryTerm[]): GlossaryGap[] {
  return slotIds.flatMap((slotId) => slotGlossaryGaps(slotId, Object.fromEntries(languages.map((lang) => [lang, slotText(doc, slotId, lang)])), languages, terms));
}

/** The gaps of one slot, from its text in each language (the client keeps these texts per slot). */
export function slotGlossaryGaps(slotId: string, texts: Record<string, string>, languages: readonly string[], terms: readonly GlossaryTerm[]): GlossaryGap[] {
  const gaps: GlossaryGap[] = [];
  for (const term of terms) {
    for (const usedIn of languages) {
      const used = term.terms[usedIn];
      if (!used || !containsTerm(texts[usedIn] ?? '', used)) continue;
      for (const missingIn of languages) {
        const counterpart = term.terms[missingIn];
        const text = texts[missingIn] ?? '';
        if (missingIn === usedIn || !counterpart || !text.trim()) continue;
        if (!containsTerm(text, counterpart)) gaps.push({ slotId, termId: term.id, usedIn, missingIn });
      }
    }
  }
  return gaps;
}
