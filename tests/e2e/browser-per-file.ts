/**
 * The Chromium a test file shares, launched before its first test and closed after its last, and every
 * context its tests open, closed after each test: a failed test must not leave its page training in the
 * background and slow the next one down. Call once at the top of a test file.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage, type OpenPage } from './browser';
import { contextPool } from './pages';

export function browserPerFile(setup?: (browser: Browser) => Promise<void>) {
  let launched: Browser | undefined;
  const browser = (): Browser => {
    if (!launched) throw new Error('The browser is launched in beforeAll: use it inside a hook or a test.');
    return launched;
  };
  const pool = contextPool(browser);
  beforeAll(async () => {
    launched = await launch();
    await setup?.(launched);
  });
  afterAll(async () => {
    await launched?.close();
  });
  afterEach(() => pool.closeAll());
  return {
    get browser(): Browser {
      return browser();
    },
    newContext: pool.newContext,
    track: pool.track,
    /** openPage (./browser) in a context closed after the test */
    async open(url: string, viewport?: { width: number; height: number }): Promise<OpenPage> {
      const opened = await openPage(browser(), url, viewport);
      pool.track(opened.context);
      return opened;
    }
  };
}
