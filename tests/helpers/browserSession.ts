import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ApiClient } from './api.ts';

/**
 * A browser tab signed in as the account behind `api` (its session cookie is copied into a fresh
 * context), so tests do not retype passwords for every participant.
 */
export async function pageAs(browser: Browser, baseUrl: string, api: ApiClient, options: { viewport?: { width: number; height: number }; locale?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1300, height: 900 }, locale: options.locale ?? 'en-US' });
  if (!api.cookie) throw new Error('pageAs needs a cookie-authenticated ApiClient');
  const [name, value] = api.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: baseUrl }]);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  page.on('console', (m) => m.type() === 'error' && !m.text().includes('401') && console.error(`[console] ${m.text()}`));
  return { context, page };
}

/** The editor of one language in the n-th slot section (0 = general notes). */
export function slotEditor(page: Page, sectionIndex: number, lang: string) {
  return page.locator('section.slot').nth(sectionIndex).locator(`[data-testid="editor-${lang}"] .tiptap`);
}

/** The text of an editor as its document holds it: other people's caret labels left out. */
export async function editorText(page: Page, sectionIndex: number, lang: string): Promise<string> {
  return slotEditor(page, sectionIndex, lang).evaluate((el) => {
    const clone = el.cloneNode(true) as HTMLElement;
    for (const caret of clone.querySelectorAll('.collaboration-carets__caret, .collaboration-carets__selection')) caret.remove();
    return [...clone.querySelectorAll('p, h1, h2, h3, li')].map((block) => block.textContent ?? '').join('\n');
  });
}
