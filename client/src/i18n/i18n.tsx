import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { en, zhHant, type MessageKey } from './messages.ts';

export type UiLanguage = 'en' | 'zh-Hant';
const CATALOGS: Record<UiLanguage, Record<MessageKey, string>> = { en, 'zh-Hant': zhHant };
const STORAGE_KEY = 'quorum.uiLanguage';

/** The UI language: the user's choice if made, otherwise the browser's (Chinese -> zh-Hant). */
export function detectLanguage(): UiLanguage {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  if (stored === 'en' || stored === 'zh-Hant') return stored;
  const preferred = typeof navigator !== 'undefined' ? navigator.languages ?? [navigator.language] : [];
  return preferred.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-Hant' : 'en';
}

interface I18n {
  lang: UiLanguage;
  setLang: (lang: UiLanguage) => void;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<UiLanguage>(detectLanguage);
  const setLang = useCallback((next: UiLanguage) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLangState(next);
  }, []);
  const t = useCallback(
    (key: MessageKey, params?: Record<string, string | number>) => {
      const template = CATALOGS[lang][key] ?? en[key];
      if (template === undefined) {
        console.error(`missing interface string ${JSON.stringify(key)}`);
        return key;
      }
      return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? `{${name}}`));
    },
    [lang],
  );
  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** `const { t } = useT(); t('auth.signIn')` */
export function useT(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT outside I18nProvider');
  return value;
}
