import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, screenshotPath } from './browser';
import { browserPerFile } from './browser-per-file';
import { waitFor, waitForReady } from './helpers';

/**
 * The classroom screens: a projector (1024×768), a small laptop (1280×720), a larger one (1440×900) and a
 * portrait phone (390×844). Each is screenshotted into test-results/screenshots/ (look at them) and measured:
 * Play in the viewport, a usable network canvas, the Learn tabs on one row, the curves above the fold where
 * the screen allows it.
 */
const appUrl = inject('appUrl');
const pool = browserPerFile();
const tag = process.env.SCREENS_TAG ?? 'after';

beforeAll(async () => {
  // Warm up: the first page of a run compiles the worker and fills the caches, which can outlast one test's wait.
  const { context, page } = await openPage(pool.browser, `${appUrl}/`);
  await waitFor(() => page.evaluate(() => Boolean((window as unknown as { __axon?: { snapshot: unknown } }).__axon?.snapshot)), 90_000, 'the first page');
  await context.close();
});

async function open(width: number, height: number): Promise<Page> {
  const opened = await pool.open(`${appUrl}/`, { width, height });
  await waitForReady(opened.page);
  // Let the first fit, the canvas and the charts settle before measuring (pixi starts slowly on a busy machine).
  await opened.page.waitForFunction(() => ((window as unknown as { __axonEditor?: { stats: () => { frames: number } | null } }).__axonEditor?.stats()?.frames ?? 0) > 0, null, { timeout: 20_000 });
  await opened.page.waitForTimeout(1000);
  return opened.page;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
async function box(page: Page, testid: string): Promise<Box> {
  const found = await page.getByTestId(testid).first().boundingBox();
  if (!found) throw new Error(`${testid} is not on screen`);
  return found;
}
const inViewport = (b: Box, width: number, height: number) => b.x >= 0 && b.y >= 0 && b.x + b.width <= width && b.y + b.height <= height;

const DESKTOPS = [
  { width: 1024, height: 768, canvas: { width: 420, height: 270 }, curvesAboveFold: false },
  { width: 1280, height: 720, canvas: { width: 520, height: 300 }, curvesAboveFold: true },
  { width: 1440, height: 900, canvas: { width: 600, height: 380 }, curvesAboveFold: true }
];

describe('the playground on classroom screens', () => {
  for (const size of DESKTOPS) {
    it(`${size.width}×${size.height}: Play in view, a large canvas, Learn tabs on one row`, async () => {
      const page = await open(size.width, size.height);
      await page.screenshot({ path: screenshotPath(`screen-${size.width}x${size.height}-${tag}`) });

      expect(inViewport(await box(page, 'play'), size.width, size.height)).toBe(true);
      const canvas = await box(page, 'network-canvas');
      expect(canvas.width).toBeGreaterThanOrEqual(size.canvas.width);
      expect(canvas.height).toBeGreaterThanOrEqual(size.canvas.height);

      const tabs = await Promise.all(['summary', 'activations', 'gd', 'backprop', 'hidden'].map((id) => box(page, `tab-${id}`)));
      const rows = new Set(tabs.map((t) => Math.round(t.y)));
      expect(rows.size).toBe(1);

      // The loss curve (the first chart of the curves card) is on screen without scrolling.
      const lossPlot = await page.getByTestId('loss-chart').locator('figure').first().boundingBox();
      expect(lossPlot).not.toBeNull();
      if (size.curvesAboveFold) expect(lossPlot!.y + lossPlot!.height).toBeLessThanOrEqual(size.height);

      // The summary table is not clipped: its last column ends inside its panel.
      await page.getByTestId('tab-summary').click();
      const table = await page.getByTestId('model-summary').boundingBox();
      const panel = await box(page, 'learn-panel');
      if (table) expect(table.x + table.width).toBeLessThanOrEqual(panel.x + panel.width + 1);

      // The page itself never scrolls: its panels do. (Screen-reader-only text positioned against the page
      // rather than its panel once made the document 3,601 px tall: a wheel over the top bar scrolled the
      // whole playground away into blank space.)
      expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(size.height);
      const bar = await box(page, 'play');
      await page.mouse.move(bar.x + bar.width + 200, bar.y + bar.height / 2);
      for (let k = 0; k < 3; k++) await page.mouse.wheel(0, 400);
      await page.waitForTimeout(200);
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      expect(inViewport(await box(page, 'play'), size.width, size.height)).toBe(true);
    });
  }

  it('390×844 phone: Play always reachable, one section at a time, the canvas fills the screen', async () => {
    const width = 390;
    const height = 844;
    const page = await open(width, height);
    await page.screenshot({ path: screenshotPath(`screen-390x844-${tag}`) });

    expect(inViewport(await box(page, 'play'), width, height)).toBe(true);
    for (const section of ['data', 'network', 'output', 'learn'] as const) {
      await page.getByTestId(`phone-tab-${section}`).click();
      await page.waitForTimeout(250);
      await page.screenshot({ path: screenshotPath(`screen-390x844-${section}-${tag}`) });
      expect(inViewport(await box(page, 'play'), width, height)).toBe(true);
      if (section === 'network') {
        const canvas = await box(page, 'network-canvas');
        expect(canvas.y).toBeLessThan(height);
        expect(canvas.width).toBeGreaterThanOrEqual(360);
        expect(canvas.height).toBeGreaterThanOrEqual(300);
      }
      if (section === 'output') expect((await box(page, 'output-canvas')).y).toBeLessThan(height);
    }
    // Play works from any section.
    await page.getByTestId('play').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=play]')?.getAttribute('data-running') === 'true');
  });
});
