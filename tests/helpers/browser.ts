import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { CHROMIUM_PATH, launchChromium } from './chromium.ts';
import { startTestServer, stopAllTestServers, type TestServer } from './testServer.ts';

export { CHROMIUM_PATH, launchChromium };

/** Browser tests need the Debian Chromium; without it they skip, except in CI where they fail. */
export const hasChromium = fs.existsSync(CHROMIUM_PATH);
if (!hasChromium) {
  const message = `Chromium not found at ${CHROMIUM_PATH}: browser tests are skipped (apt-get install chromium).`;
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(message);
}

/** Saves a screenshot under test-results/ (kept as a CI artifact and looked at by people). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.resolve('test-results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * The usual browser-test setup: one real server (accounts enforced) and one Chromium per file,
 * both closed after the file. Read `env.server` and `env.browser` inside tests.
 */
export function useBrowserAndServer(): { server: TestServer; browser: Browser } {
  const env = {} as { server: TestServer; browser: Browser };
  beforeAll(async () => {
    if (!hasChromium) return;
    env.server = await startTestServer({ access: 'enforced', env: { LOGIN_ATTEMPTS_PER_MINUTE: '1000' } });
    env.browser = await launchChromium();
  });
  afterAll(async () => {
    await env.browser?.close();
    await stopAllTestServers();
  });
  return env;
}
