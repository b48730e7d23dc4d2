import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { enAccess, zhHantAccess } from './accessMessages.ts';
import { ApiError } from '../lib/api.ts';
import { CATALOGS, describeError, languageFromBrowser, type MessageKey } from './i18n.tsx';
import { en, zhHant } from './messages.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

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
    const base = new Set(Object.keys(en));
    expect(Object.keys(enAccess).filter((k) => base.has(k))).toEqual([]);
    expect(Object.keys(zhHantAccess).filter((k) => k in zhHant)).toEqual([]);
  });

  it('are really translated: Chinese strings are not copies of the English ones', () => {
    // Brand names, formats and pure placeholders may be identical in both languages.
    const sameOnPurpose = new Set(['app.name', 'meeting.threadIn']);
    const copies = (Object.keys(CATALOGS.en) as MessageKey[]).filter((k) => !sameOnPurpose.has(k) && CATALOGS.en[k] === CATALOGS['zh-Hant'][k]);
    expect(copies).toEqual([]);
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
      if (text && !allowed.has(text) && !/[;=()?]|\b(Record|Promise|Map|Array|Set)$/.test(text)) found.push(text);
    }
    // Errors reach the user through errorMessage() (translated by code), not as the server's English.
    if (!file.endsWith('i18n.tsx')) for (const m of source.matchAll(/(?:\b(?:e|err|error)|as Error\))\.message\b/g)) found.push(m[0]);
    expect(found).toEqual([]);
  });
});
