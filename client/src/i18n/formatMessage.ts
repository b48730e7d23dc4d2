import { IntlMessageFormat } from 'intl-messageformat';

/**
 * Fills a catalogue template. Plain templates take `{name}` placeholders; a template with an ICU
 * argument (`{n, plural, one {# reply} other {# replies}}`) is formatted by intl-messageformat with
 * the language's plural rules (English one/other; Chinese has only "other"). Only ICU templates go
 * through the ICU parser: it reads apostrophes as quoting, which plain strings use as text.
 */
const ICU_ARGUMENT = /\{\s*\w+\s*,\s*(plural|selectordinal|select)\s*,/;
const compiled = new Map<string, IntlMessageFormat>();

export function isIcuTemplate(template: string): boolean {
  return ICU_ARGUMENT.test(template);
}

export function formatMessage(lang: string, template: string, params?: Record<string, string | number>): string {
  if (!isIcuTemplate(template)) return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? `{${name}}`));
  const cacheKey = `${lang}\u0000${template}`;
  let format = compiled.get(cacheKey);
  if (!format) {
    format = new IntlMessageFormat(template, lang === 'zh-Hant' ? 'zh-Hant-TW' : lang);
    compiled.set(cacheKey, format);
  }
  // A plural argument must be a number: a count passed as text ("3") is read as one.
  const values = Object.fromEntries(Object.entries(params ?? {}).map(([k, v]) => [k, typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v]));
  return String(format.format(values));
}

/** The argument names a template uses (`{name}` and `{n, plural, …}`), for the catalogue test. */
export function templateArguments(template: string): string[] {
  const names = new Set<string>();
  for (const m of template.matchAll(/\{\s*(\w+)\s*(?:,|\})/g)) names.add(m[1]!);
  return [...names].sort();
}
