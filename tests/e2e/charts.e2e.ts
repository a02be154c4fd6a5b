/**
 * The curves' axes show their labels whole: the Accuracy chart's top label reads "100%", not "00%" (the
 * y axis is as wide as its widest label). Checked on the chart's own pixels, and in a screenshot.
 */
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launch, openPage, screenshotPath } from './browser';
import { epoch, figures, waitFor, waitForReady } from './helpers';

let browser: Browser;
const appUrl = inject('appUrl');

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});
const contexts: BrowserContext[] = [];
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
});

describe('curves', () => {
  it('the Accuracy chart shows its "100%" label whole: nothing is drawn in its left edge, its labels are', async () => {
    const opened = await openPage(browser, `${appUrl}/`, { width: 1440, height: 900 });
    contexts.push(opened.context);
    const { page } = opened;
    await waitForReady(page);
    await page.getByTestId('play').click();
    await waitFor(async () => (await epoch(page)) >= 20, 30_000, '20 epochs');
    await page.getByTestId('play').click();
    await waitFor(async () => !(await figures(page)).running, 5_000, 'pause');
    const curves = page.locator('section[aria-label="Training curves"]');
    await curves.scrollIntoViewIfNeeded();
    await curves.screenshot({ path: screenshotPath('curves-accuracy-axis') });

    const ink = await page.evaluate(() => {
      const figure = [...document.querySelectorAll('section[aria-label="Training curves"] figure')].find((f) =>
        f.querySelector('figcaption')?.textContent?.startsWith('Accuracy')
      );
      const canvas = figure?.querySelector('canvas');
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) return null;
      /** dark pixels (axis text is near black) in the columns [from, to) over the plot's height */
      const dark = (from: number, to: number) => {
        const data = ctx.getImageData(from, 0, to - from, canvas.height).data;
        let n = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 128 && data[i] < 120 && data[i + 1] < 120 && data[i + 2] < 120) n++;
        return n;
      };
      const edge = Math.max(1, Math.round(3 * devicePixelRatio));
      return { edge: dark(0, edge), labels: dark(0, Math.round(60 * devicePixelRatio)) };
    });
    expect(ink).not.toBeNull();
    // A label cut by the canvas edge ("1" of "100%" half outside) leaves ink in the first columns.
    expect(ink!.edge).toBe(0);
    expect(ink!.labels).toBeGreaterThan(50);
    expect(opened.errors).toEqual([]);
  });
});
