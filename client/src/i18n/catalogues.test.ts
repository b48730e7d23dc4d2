import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../lib/api.ts';
import { CATALOGS, CATALOGUE_PARTS, describeError, languageFromBrowser, UI_LANGUAGES, type MessageKey } from './i18n.tsx';
import { formatMessage, isIcuTemplate, templateArguments } from './formatMessage.ts';

const placeholders = templateArguments;

describe('interface catalogues', () => {
  it('have the same keys in English and Traditional Chinese, none empty', () => {
    expect(Object.keys(CATALOGS['zh-Hant']).sort()).toEqual(Object.keys(CATALOGS.en).sort());
    for (const [lang, catalogue] of Object.entries(CATALOGS)) {
      for (const [key, text] of Object.entries(catalogue)) expect(text.trim(), `${lang} ${key}`).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(CATALOGS.en) as MessageKey[]) {
      expect(placeholders(CATALOGS['zh-Hant'][key]), key).toEqual(placeholders(CATALOGS.en[key]));
    }
  });

  it('define each key in one file only, so no string silently overrides another', () => {
    for (const lang of UI_LANGUAGES) {
      const owner = new Map<string, string>();
      const twice: string[] = [];
      for (const [file, part] of Object.entries(CATALOGUE_PARTS)) {
        for (const key of Object.keys(part[lang])) {
          if (owner.has(key)) twice.push(`${lang} ${key}: ${owner.get(key)} and ${file}`);
          else owner.set(key, file);
        }
      }
      expect(twice).toEqual([]);
    }
  });

  it('are really translated: Chinese strings are not copies of the English ones', () => {
    // Brand names, formats and pure placeholders may be identical in both languages.
    const sameOnPurpose = new Set(['app.name', 'meeting.threadIn']);
    const copies = (Object.keys(CATALOGS.en) as MessageKey[]).filter((k) => !sameOnPurpose.has(k) && CATALOGS.en[k] === CATALOGS['zh-Hant'][k]);
    expect(copies).toEqual([]);
  });
});

describe('plural forms', () => {
  const say = (lang: 'en' | 'zh-Hant', key: MessageKey, params: Record<string, string | number>) => formatMessage(lang, CATALOGS[lang][key], params);

  it('say "1 reply" and "2 replies" in English, with a counter word and no plural in Chinese', () => {
    expect(say('en', 'review.replies', { n: 1 })).toBe('1 reply');
    expect(say('en', 'review.replies', { n: 2 })).toBe('2 replies');
    expect(say('en', 'review.replies', { n: 0 })).toBe('0 replies');
    expect(say('zh-Hant', 'review.replies', { n: 1 })).toBe('1 則回覆');
    expect(say('zh-Hant', 'review.replies', { n: 2 })).toBe('2 則回覆');
    expect(say('en', 'records.results', { n: 1 })).toBe('1 record');
    expect(say('en', 'records.results', { n: 12 })).toBe('12 records');
    expect(say('zh-Hant', 'records.results', { n: 1 })).toBe('共 1 筆紀錄');
    expect(say('en', 'agenda.parsed', { days: 1, slots: 1 })).toBe('1 day, 1 slot');
    expect(say('en', 'agenda.parsed', { days: 3, slots: 21 })).toBe('3 days, 21 slots');
    expect(say('zh-Hant', 'agenda.parsed', { days: 1, slots: 21 })).toBe('1 天，21 項議程');
    expect(say('en', 'final.blocked', { n: 1 })).toBe('1 blocker remains. Resolve or waive it to finalise.');
    expect(say('en', 'final.blocked', { n: 13 })).toBe('13 blockers remain. Resolve or waive each of them to finalise.');
    expect(say('zh-Hant', 'final.blocked', { n: 13 })).toBe('尚有 13 項阻礙，須逐項解決或豁免後才能定稿。');
    expect(say('en', 'meeting.overrun', { minutes: 1 })).toBe('Over by 1 minute');
    expect(say('en', 'announce.more', { first: 'A', n: 1 })).toBe('A; and 1 more update');
    expect(say('en', 'notify.new', { n: 1 })).toBe('1 new item since your last visit');
    expect(say('en', 'draft.imported', { n: 1 })).toBe('Imported 1 paragraph.');
    expect(say('en', 'confirm.paragraphs', { n: 1 })).toBe('1 attributed paragraph');
    // Large numbers are grouped the reader's way.
    expect(say('en', 'records.results', { n: 1200 })).toBe('1,200 records');
  });

  // Counts: every string taking one of these arguments is a plural message in both languages
  // (ordinals and labels such as "Day {n}", "Revision {n}" are not counts).
  const COUNT_ARGUMENTS = new Set(['n', 'count', 'days', 'slots', 'minutes']);
  const NOT_COUNTS = new Set<string>(['meeting.day', 'records.revision']);
  it.each(['en', 'zh-Hant'] as const)('cover every count-bearing string in %s', (lang) => {
    const plain: string[] = [];
    for (const [key, template] of Object.entries(CATALOGS[lang])) {
      if (NOT_COUNTS.has(key)) continue;
      for (const m of template.matchAll(/\{(\w+)\}/g)) if (COUNT_ARGUMENTS.has(m[1]!)) plain.push(`${key}: ${template}`);
    }
    expect(plain).toEqual([]);
  });

  it.each(['en', 'zh-Hant'] as const)('every ICU message of %s parses and formats with numbers', (lang) => {
    for (const [key, template] of Object.entries(CATALOGS[lang])) {
      if (!isIcuTemplate(template)) continue;
      const params = Object.fromEntries(templateArguments(template).map((a) => [a, 2]));
      expect(formatMessage(lang, template, params), key).not.toMatch(/[{}#]/);
    }
  });
});

describe('language from the browser', () => {
  it('takes the first Chinese or English preference, any Chinese meaning Traditional Chinese', () => {
    expect(languageFromBrowser(['zh-TW', 'en'])).toBe('zh-Hant');
    expect(languageFromBrowser(['zh-HK'])).toBe('zh-Hant');
    expect(languageFromBrowser(['zh-CN', 'en'])).toBe('zh-Hant');
    expect(languageFromBrowser(['en-GB', 'zh-TW'])).toBe('en');
    expect(languageFromBrowser(['fr-FR', 'zh-TW', 'en'])).toBe('zh-Hant');
    expect(languageFromBrowser(['fr-FR'])).toBe('en');
    expect(languageFromBrowser([])).toBe('en');
  });
});

describe('API errors shown to users', () => {
  const t = (key: MessageKey, params?: Record<string, string | number>) => CATALOGS['zh-Hant'][key].replace(/\{(\w+)\}/g, (_, n: string) => String(params?.[n] ?? ''));
  it('are translated by their stable code, then by status, never shown as raw server English alone', () => {
    expect(describeError(t, new ApiError(401, 'invalid_credentials', 'wrong e-mail or password'))).toBe('電子郵件或密碼錯誤。');
    expect(describeError(t, new ApiError(410, 'invite_invalid', 'gone'))).toBe(CATALOGS['zh-Hant']['error.invite_invalid']);
    expect(describeError(t, new ApiError(400, 'bad_request', 'invalid body', [{ path: 'email', message: 'not an email address' }]))).toBe('伺服器拒絕此要求：email: not an email address');
    expect(describeError(t, new ApiError(503, 'store_unavailable', 'disk full'))).toBe('伺服器發生問題（503），請稍後再試。');
    expect(describeError(t, new ApiError(413, 'too_large', 'x'))).toBe(CATALOGS['zh-Hant']['error.payload_too_large']);
    expect(describeError(t, new TypeError('Failed to fetch'))).toBe(CATALOGS['zh-Hant']['error.network']);
    expect(describeError(t, new ApiError(0, 'timeout', 'no answer'))).toBe(CATALOGS['zh-Hant']['error.timeout']);
  });
});

/**
 * A guard against new hard-coded English in the interface: JSX text and the user-facing attributes
 * (aria-label, title, placeholder, alt) of every component must come from the catalogue.
 */
describe('components', () => {
  const root = path.resolve(__dirname, '..');
  const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tsx'));
  // Symbols, format names and language autonyms (a language picker names each language in itself).
  const allowed = new Set(['English', 'DOCX', 'PDF', 'B', 'I', 'H2', 'H3', '—', '↑', '↓', '−5', '+5', '+', '⚠', '•', '1.', '▦', '→']);
  it.each(files)('%s has no hard-coded user-visible English', (file) => {
    // Comments may say anything: left out (whole-line `//` comments and `/* … */` blocks).
    const source = fs
      .readFileSync(path.join(root, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    const found: string[] = [];
    for (const m of source.matchAll(/\b(aria-label|title|placeholder|alt)="([^"]*)"/g)) found.push(`${m[1]}="${m[2]}"`);
    // Text between tags that has letters and no expression: `>Save<` or on its own line.
    // (`=>` and TypeScript generics such as `Promise<…>` also hold angle brackets: skipped.)
    for (const m of source.matchAll(/(?<![=-])>\s*([^<>{}\n]*[A-Za-z][^<>{}\n]*?)\s*</g)) {
      const text = m[1]!.trim();
      if (text && !allowed.has(text) && !/[;=()?]|\b(Record|Promise|Map|Array|Set|Iterable)$/.test(text)) found.push(text);
    }
    // Errors reach the user through errorMessage() (translated by code), not as the server's English.
    if (!file.endsWith('i18n.tsx')) for (const m of source.matchAll(/(?:\b(?:e|err|error)|as Error\))\.message\b/g)) found.push(m[0]);
    expect(found).toEqual([]);
  });
});
