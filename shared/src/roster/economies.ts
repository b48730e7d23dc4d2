import type { Localized } from '../model/agendaDoc.ts';

/**
 * The economies delegations come from (APEC's 21, the meetings Quorum was built for), with their
 * names in English and Traditional Chinese and the other ways agendas write them. Used to tell a
 * delegation ("Chinese Taipei", "南韓") from an activity ("Group Photo") among an agenda's
 * speakers, and to find a speaker's economy in their affiliation.
 */
export interface Economy {
  code: string;
  name: Localized;
  /** Other spellings, any language; matched as whole words in Latin text. */
  aliases: string[];
}

// Order matters for finding an economy in a text: "Hong Kong, China" and "中國香港" before China.
export const ECONOMIES: readonly Economy[] = [
  { code: 'HK', name: { en: 'Hong Kong, China', 'zh-Hant': '香港' }, aliases: ['Hong Kong', '中國香港'] },
  { code: 'CT', name: { en: 'Chinese Taipei', 'zh-Hant': '中華臺北' }, aliases: ['中華台北'] },
  { code: 'AU', name: { en: 'Australia', 'zh-Hant': '澳洲' }, aliases: ['澳大利亞'] },
  { code: 'BN', name: { en: 'Brunei Darussalam', 'zh-Hant': '汶萊' }, aliases: ['Brunei'] },
  { code: 'CA', name: { en: 'Canada', 'zh-Hant': '加拿大' }, aliases: [] },
  { code: 'CL', name: { en: 'Chile', 'zh-Hant': '智利' }, aliases: [] },
  { code: 'CN', name: { en: 'China', 'zh-Hant': '中國' }, aliases: ["People's Republic of China", 'People’s Republic of China', '中華人民共和國', '中国'] },
  { code: 'ID', name: { en: 'Indonesia', 'zh-Hant': '印尼' }, aliases: ['印度尼西亞'] },
  { code: 'JP', name: { en: 'Japan', 'zh-Hant': '日本' }, aliases: [] },
  { code: 'KR', name: { en: 'Republic of Korea', 'zh-Hant': '韓國' }, aliases: ['Korea', '南韓', '大韓民國'] },
  { code: 'MY', name: { en: 'Malaysia', 'zh-Hant': '馬來西亞' }, aliases: [] },
  { code: 'MX', name: { en: 'Mexico', 'zh-Hant': '墨西哥' }, aliases: [] },
  { code: 'NZ', name: { en: 'New Zealand', 'zh-Hant': '紐西蘭' }, aliases: ['新西蘭'] },
  { code: 'PG', name: { en: 'Papua New Guinea', 'zh-Hant': '巴布亞紐幾內亞' }, aliases: [] },
  { code: 'PE', name: { en: 'Peru', 'zh-Hant': '秘魯' }, aliases: [] },
  { code: 'PH', name: { en: 'The Philippines', 'zh-Hant': '菲律賓' }, aliases: ['Philippines'] },
  { code: 'RU', name: { en: 'Russia', 'zh-Hant': '俄羅斯' }, aliases: ['Russian Federation'] },
  { code: 'SG', name: { en: 'Singapore', 'zh-Hant': '新加坡' }, aliases: [] },
  { code: 'TH', name: { en: 'Thailand', 'zh-Hant': '泰國' }, aliases: [] },
  { code: 'US', name: { en: 'United States', 'zh-Hant': '美國' }, aliases: ['United States of America', 'USA'] },
  { code: 'VN', name: { en: 'Viet Nam', 'zh-Hant': '越南' }, aliases: ['Vietnam'] },
];

const fold = (text: string) => text.normalize('NFKC').toLowerCase().replace(/^the\s+/, '').replace(/\s+/g, ' ').trim();
const spellings = (e: Economy) => [...Object.values(e.name), ...e.aliases];
const BY_NAME = new Map(ECONOMIES.flatMap((e) => spellings(e).map((s) => [fold(s), e] as const)));

/** The economy a whole name stands for ("Hong Kong, China", "南韓"), or null. */
export function economyNamed(name: string): Economy | null {
  return BY_NAME.get(fold(name)) ?? null;
}

const isLatin = (s: string) => /^[\x20-\x7e’]+$/.test(s);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// One alternation per economy, compiled once; Latin spellings as whole words.
const MENTIONS = ECONOMIES.map((e) => ({
  economy: e,
  pattern: new RegExp(spellings(e).map((s) => (isLatin(s) ? `(?<![A-Za-z])${escape(s)}(?![A-Za-z])` : escape(s))).join('|'), 'i'),
}));

/** The first economy (in ECONOMIES order) a text mentions: "…Commission of Thailand", "泰國證券交易委員會…". */
export function economyMentioned(text: string): Economy | null {
  for (const { economy, pattern } of MENTIONS) if (pattern.test(text)) return economy;
  return null;
}
