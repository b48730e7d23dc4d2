import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { ApiError } from '../lib/api.ts';
import { formatMessage } from './formatMessage.ts';
import { enAccess, zhHantAccess, type AccessMessageKey } from './accessMessages.ts';
import { en, zhHant, type MessageKey as BaseMessageKey } from './messages.ts';
import { enNotifications, zhHantNotifications, type NotificationMessageKey } from './notificationMessages.ts';
import { enOffline, zhHantOffline, type OfflineMessageKey } from './offlineMessages.ts';
import { enRecords, zhHantRecords, type RecordsMessageKey } from './recordsMessages.ts';
import { enReports, zhHantReports, type ReportMessageKey } from './reportMessages.ts';
import { enRoster, zhHantRoster, type RosterMessageKey } from './rosterMessages.ts';
import { enSession, zhHantSession, type SessionMessageKey } from './sessionMessages.ts';
import { enImages, zhHantImages, type ImageMessageKey } from './imageMessages.ts';

export type UiLanguage = 'en' | 'zh-Hant';
export type MessageKey = BaseMessageKey | AccessMessageKey | RecordsMessageKey | NotificationMessageKey | RosterMessageKey | OfflineMessageKey | SessionMessageKey | ReportMessageKey | ImageMessageKey;
export const UI_LANGUAGES: readonly UiLanguage[] = ['zh-Hant', 'en'];
/**
 * The catalogue files by feature, each an English and a Traditional Chinese half. A key lives in
 * exactly one file (the catalogue test checks it): merged by spreading, a second definition would
 * silently win over the first.
 */
export const CATALOGUE_PARTS = {
  messages: { en, 'zh-Hant': zhHant },
  access: { en: enAccess, 'zh-Hant': zhHantAccess },
  records: { en: enRecords, 'zh-Hant': zhHantRecords },
  notifications: { en: enNotifications, 'zh-Hant': zhHantNotifications },
  roster: { en: enRoster, 'zh-Hant': zhHantRoster },
  offline: { en: enOffline, 'zh-Hant': zhHantOffline },
  session: { en: enSession, 'zh-Hant': zhHantSession },
  reports: { en: enReports, 'zh-Hant': zhHantReports },
  images: { en: enImages, 'zh-Hant': zhHantImages },
} as const;
const merged = (lang: UiLanguage) => Object.assign({}, ...Object.values(CATALOGUE_PARTS).map((part) => part[lang])) as Record<MessageKey, string>;
/** One catalogue per interface language (exported for the catalogue test). */
export const CATALOGS: Record<UiLanguage, Record<MessageKey, string>> = { en: merged('en'), 'zh-Hant': merged('zh-Hant') };
const STORAGE_KEY = 'quorum.uiLanguage';

function storedChoice(): UiLanguage | null {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored === 'en' || stored === 'zh-Hant' ? stored : null;
  } catch {
    return null; // storage disabled: follow the browser
  }
}

/**
 * The browser's preference: the first of `navigator.languages` that is Chinese or English decides
 * (so "en-GB, zh-TW" stays English). Any Chinese gets Traditional Chinese, the only Chinese UI.
 */
export function languageFromBrowser(preferred: readonly string[]): UiLanguage {
  for (const tag of preferred) {
    const l = tag.toLowerCase();
    if (l.startsWith('zh')) return 'zh-Hant';
    if (l.startsWith('en')) return 'en';
  }
  return 'en';
}

/** The UI language: the user's choice if made on this device, otherwise the browser's. */
export function detectLanguage(): UiLanguage {
  const preferred = typeof navigator !== 'undefined' ? (navigator.languages ?? [navigator.language]) : [];
  return storedChoice() ?? languageFromBrowser(preferred);
}

/** Whether the language was picked on this device (then it follows the user to their account). */
export function hasLanguageChoice(): boolean {
  return storedChoice() !== null;
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

interface I18n {
  lang: UiLanguage;
  /** Switches the interface language on this device (the account is updated by the caller). */
  setLang: (lang: UiLanguage) => void;
  t: Translate;
  /** A moment (comment, version) in the reader's own time zone, written the reader's way. */
  formatDateTime: (ms: number) => string;
  /** A calendar day of the meeting (`YYYY-MM-DD`): the meeting's day, whatever the reader's zone. */
  formatDay: (isoDate: string, withWeekday?: boolean) => string;
  /** "English", "中文（繁體）"… for a minutes-language code, named in the interface language. */
  languageName: (code: string) => string;
  /** What to show the user for a failed request: a translated message for every known error. */
  errorMessage: (error: unknown) => string;
}

const I18nContext = createContext<I18n | null>(null);

/** Whether a key built at run time (an action, a reason from the server) has a message. */
export function isMessageKey(key: string): key is MessageKey {
  return key in CATALOGS.en;
}

/** Translation of an error from `api()`: by the server's stable code, then by status. */
export function describeError(t: Translate, error: unknown): string {
  if (!(error instanceof ApiError)) {
    // fetch() rejects with a TypeError when the server cannot be reached at all.
    if (error instanceof TypeError) return t('error.network');
    return t('common.error', { message: error instanceof Error ? error.message : String(error) });
  }
  const detail = error.details?.length ? error.details.map((d) => `${d.path}: ${d.message}`).join('; ') : error.message;
  const byCode = `error.${error.code}`;
  if (isMessageKey(byCode)) return t(byCode, { detail });
  if (error.status === 413) return t('error.payload_too_large');
  if (error.status === 409) return t('error.conflict', { detail });
  if (error.status >= 500) return t('error.server', { status: error.status });
  return t('error.bad_request', { detail });
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<UiLanguage>(detectLanguage);
  const setLang = useCallback((next: UiLanguage) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* storage disabled: the choice lasts for this page */
    }
    document.documentElement.lang = next;
    setLangState(next);
  }, []);
  const t = useCallback<Translate>(
    (key, params) => {
      const template = CATALOGS[lang][key] ?? CATALOGS.en[key];
      if (template === undefined) {
        console.error(`missing interface string ${JSON.stringify(key)}`);
        return key;
      }
      return formatMessage(lang, template, params);
    },
    [lang],
  );
  const value = useMemo<I18n>(() => {
    const dateTime = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }); // 24-hour, as the meeting's times
    const day = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
    const dayWithWeekday = new Intl.DateTimeFormat(lang, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });
    const languageNames = new Map<string, string>();
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames([lang], { type: 'language' });
    } catch {
      names = null;
    }
    return {
      lang,
      setLang,
      t,
      formatDateTime: (ms) => dateTime.format(ms),
      // Noon UTC of that day, formatted in UTC: the same calendar day in every reader's zone.
      formatDay: (isoDate, withWeekday = false) => {
        const at = Date.parse(`${isoDate}T12:00:00Z`);
        return Number.isNaN(at) ? isoDate : (withWeekday ? dayWithWeekday : day).format(at);
      },
      // Asked for on every render of a slot's language heads: looked up once per code.
      languageName: (code) => {
        let name = languageNames.get(code);
        if (name === undefined) {
          try {
            name = names?.of(code) ?? code;
          } catch {
            name = code;
          }
          languageNames.set(code, name);
        }
        return name;
      },
      errorMessage: (error) => describeError(t, error),
    };
  }, [lang, setLang, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** `const { t } = useT(); t('auth.signIn')` */
export function useT(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT outside I18nProvider');
  return value;
}
