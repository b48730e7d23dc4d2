import type { Localized, SlotKind } from '../model/agendaDoc.ts';

const RULES: Array<[SlotKind, RegExp]> = [
  ['break', /茶敘|茶歇|休息|午餐|午宴|晚宴|coffee|tea break|lunch|dinner|\bbreak\b/i],
  ['closing', /閉幕|閉會|散會|closing|adjourn/i],
  ['opening', /開幕|開會|致詞|opening|welcome|call to order/i],
  ['photo', /^(大)?合照$|^group photo$/i],
];

/** The kind of a slot from its titles: a coffee break, the opening, the closing, a photo, or a session. */
export function classifySlot(title: Localized): SlotKind {
  const texts = Object.values(title).filter(Boolean);
  for (const [kind, pattern] of RULES) if (texts.some((t) => pattern.test(t.trim()))) return kind;
  return 'session';
}

/** Titles for a break whose agenda names it in one language only (common in bilingual reports). */
export const BREAK_TITLES: Localized = { 'zh-Hant': '茶敘', 'zh-Hans': '茶歇', en: 'Coffee Break', ja: 'コーヒーブレイク', ko: '휴식', fr: 'Pause café', es: 'Pausa café' };
