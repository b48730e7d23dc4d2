import type { Page } from 'playwright-core';
import { sleep } from '../lib/measure.ts';

/**
 * Talking to the page under test. A page whose main thread is stuck (an update loop) never
 * answers `page.evaluate`, and Playwright has no timeout for it: every call goes through here,
 * so that a stuck page fails its run instead of hanging the benchmark.
 */
export const PAGE_ANSWER_MS = 30_000;

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms (page stuck?)`)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Evaluates a JavaScript expression (a string: no eval needed, so the product's CSP does not object). */
export function inPage<T>(page: Page, expression: string, timeoutMs = PAGE_ANSWER_MS): Promise<T> {
  return withTimeout(page.evaluate(expression) as Promise<T>, timeoutMs, `page.evaluate(${expression.slice(0, 60)})`);
}

/**
 * Evaluates `expression` every 100 ms until it is neither null nor undefined; null at the deadline.
 * (Not waitForFunction: a string predicate needs eval, which the product's CSP rightly forbids.)
 */
export async function pollPage<T>(page: Page, expression: string, timeoutMs: number): Promise<T | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await inPage<T | null | undefined>(page, expression);
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) return null;
    await sleep(100);
  }
}
