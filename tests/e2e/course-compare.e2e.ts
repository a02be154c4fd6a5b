/**
 * Issue 18, classroom half, end to end: a comparison of SGD and Adam on the spiral trains both runs in
 * lockstep and overlays two loss curves; a learning-rate schedule changes the rate in the top bar over the
 * epochs; a recording downloads a GIF that decodes to several frames; the embed's compare= option opens a
 * comparison by itself.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshotPath } from './browser';
import { browserPerFile } from './browser-per-file';
import { figures, setNumberField, waitFor, waitForReady } from './helpers';
import { gifFrameCount } from '../../src/lib/testing/gif';
import { buildStack } from '../../src/lib/model/build';
import { DEFAULT_SETTINGS, type PlaygroundState } from '../../src/lib/model/playground';
import type { TrainSettings } from '../../workers/protocol';

const appUrl = inject('appUrl');
const pool = browserPerFile();

async function open(path = '/') {
  const opened = await pool.open(`${appUrl}${path}`, { width: 1440, height: 1400 });
  return opened;
}

function spiral(settings: Partial<TrainSettings> = {}): PlaygroundState {
  return {
    version: 1,
    doc: buildStack({
      inputs: [
        { label: 'x1', features: [{ op: 'id', a: 0 }] },
        { label: 'x2', features: [{ op: 'id', a: 1 }] }
      ],
      hidden: [
        { units: 8, activation: 'tanh' },
        { units: 8, activation: 'tanh' }
      ],
      output: { units: 1, activation: 'sigmoid' }
    }),
    settings: { ...DEFAULT_SETTINGS, optimizer: 'sgd', learningRate: 0.03, batchSize: 10, ...settings },
    data: { kind: 'generated', generator: 'spiral', count: 300, noise: 0, testFraction: 0.3, seed: 1 },
    view: { xColumn: 0, yColumn: 1 }
  };
}

type Hook = {
  loadState(state: PlaygroundState): Promise<boolean>;
  compare: { snapshot: null | { epoch: number; params: Float32Array }; curve: unknown[]; settings: null | TrainSettings };
  snapshot: null | { params: Float32Array };
};

async function load(page: Page, state: PlaygroundState): Promise<void> {
  await waitForReady(page);
  const ok = await page.evaluate((s) => (window as unknown as { __axon: Hook }).__axon.loadState(s), state);
  expect(ok).toBe(true);
  await waitForReady(page);
}

/** Pixels of the chart's canvas close to a colour (the two runs' lines). */
async function pixelsNear(page: Page, rgb: [number, number, number]): Promise<number> {
  return page.evaluate((colour) => {
    const canvas = document.querySelector('[data-testid="compare-chart"] canvas') as HTMLCanvasElement | null;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return -1;
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - colour[0]) + Math.abs(data[i + 1] - colour[1]) + Math.abs(data[i + 2] - colour[2]) < 60) n++;
    }
    return n;
  }, rgb);
}

async function chartEpochs(page: Page): Promise<{ a: number; b: number }> {
  const chart = page.getByTestId('compare-chart');
  return { a: Number(await chart.getAttribute('data-a-epochs')), b: Number(await chart.getAttribute('data-b-epochs')) };
}

describe('course kit: compare, schedules, record', () => {
  it('SGD vs Adam on the spiral: same start, lockstep training, two curves in one chart, boundaries side by side', async () => {
    const { page, errors } = await open();
    await load(page, spiral());
    await page.getByTestId('compare-start').click();
    await page.getByTestId('compare-panel').waitFor({ timeout: 10_000 });
    // Both runs start from the same initial weights.
    await waitFor(async () => page.evaluate(() => (window as unknown as { __axon: Hook }).__axon.compare.snapshot !== null), 10_000, 'run B');
    const same = await page.evaluate(() => {
      const pg = (window as unknown as { __axon: Hook }).__axon;
      const a = pg.snapshot!.params;
      const b = pg.compare.snapshot!.params;
      return a.length === b.length && a.every((v, i) => v === b[i]);
    });
    expect(same).toBe(true);

    await page.getByTestId('compare-optimizer').selectOption('adam');
    await expect.poll(() => page.getByTestId('compare-diff').innerText(), { timeout: 5_000 }).toContain('optimizer sgd → adam');
    await page.getByTestId('play').click();
    await waitFor(async () => {
      const { a, b } = await chartEpochs(page);
      return a >= 60 && b >= 60;
    }, 60_000, '60 epochs of both runs');
    // While playing, the curves on the page differ by the snapshots in flight (each run's arrive on their own,
    // as the loaded page acknowledges them), so lockstep is checked once both are paused.
    const during = await chartEpochs(page);
    console.log(`curves while playing: A ${during.a} epochs, B ${during.b} epochs`);
    await page.getByTestId('play').click();
    await waitFor(async () => !(await figures(page)).running, 5_000, 'the pause');
    await page.waitForTimeout(600);
    // Paused together, the two runs stand at the same epoch (B at most a slice or two behind).
    const epochs = await page.evaluate(() => {
      const pg = (window as unknown as { __axon: Hook & { snapshot: { epoch: number } } }).__axon;
      return { a: pg.snapshot.epoch, b: pg.compare.snapshot!.epoch };
    });
    expect(Math.abs(epochs.a - epochs.b)).toBeLessThanOrEqual(2);

    const blue = await pixelsNear(page, [8, 119, 189]);
    const purple = await pixelsNear(page, [147, 51, 234]);
    expect(blue).toBeGreaterThan(30);
    expect(purple).toBeGreaterThan(30);
    // Adam at the same rate learns the spiral faster than SGD: the curves differ.
    const summary = await page.getByTestId('compare-summary').innerText();
    expect(summary).toMatch(/A: .* at epoch \d+ · B: .* at epoch \d+/);
    const settingsB = await page.evaluate(() => (window as unknown as { __axon: Hook }).__axon.compare.settings);
    expect(settingsB?.optimizer).toBe('adam');
    expect(await page.getByTestId('optimizer').inputValue()).toBe('sgd');
    // Both boundaries are drawn.
    for (const side of ['compare-output-a', 'compare-output-b']) {
      expect(await page.getByTestId(side).locator('canvas').evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(50);
    }
    const shot = screenshotPath('course-compare-sgd-vs-adam');
    await page.screenshot({ path: shot, fullPage: false });
    await page.getByTestId('compare-panel').screenshot({ path: screenshotPath('course-compare-panel') });

    await page.getByTestId('compare-end').click();
    await expect.poll(() => page.getByTestId('compare-panel').count(), { timeout: 5_000 }).toBe(0);
    expect(errors).toEqual([]);
  });

  it('a step-decay schedule halves the rate shown in the top bar every 5 epochs', async () => {
    const { page, errors } = await open();
    await load(page, spiral({ learningRate: 0.04 }));
    const rate = () => page.getByTestId('current-rate').innerText();
    await expect.poll(rate, { timeout: 5_000 }).toBe('0.04');
    await page.getByTestId('schedule').click();
    await page.getByTestId('schedule-kind').selectOption('step');
    await setNumberField(page, 'schedule-every', '5');
    await setNumberField(page, 'schedule-factor', '0.5');
    const stepEpochs = async (n: number) => {
      const before = (await figures(page)).epoch;
      for (let k = 0; k < n; k++) await page.getByTestId('step').click();
      await waitFor(async () => (await figures(page)).epoch === before + n, 10_000, `epoch ${before + n}`);
    };
    await stepEpochs(4);
    expect(await rate()).toBe('0.04');
    await stepEpochs(1);
    await expect.poll(rate, { timeout: 5_000 }).toBe('0.02');
    await stepEpochs(5);
    await expect.poll(rate, { timeout: 5_000 }).toBe('0.01');
    // Playing on: the rate keeps falling with the epochs.
    await page.getByTestId('play').click();
    await waitFor(async () => (await figures(page)).epoch >= 25, 30_000, 'epoch 25');
    await page.getByTestId('play').click();
    await waitFor(async () => !(await figures(page)).running, 5_000, 'the pause');
    const epoch = (await figures(page)).epoch;
    // The top bar shows three significant digits.
    const expected = 0.04 * 0.5 ** Math.floor(epoch / 5);
    await expect.poll(async () => Math.abs(Number(await rate()) / expected - 1), { timeout: 5_000 }).toBeLessThan(0.005);
    // The schedule travels in the link.
    const settings = await page.evaluate(() => (window as unknown as { __axon: { state: { settings: TrainSettings } } }).__axon.state.settings);
    expect(settings.schedule).toEqual({ kind: 'step', every: 5, factor: 0.5 });
    expect(errors).toEqual([]);
  });

  it('the embed option compare=optimizer:sgd,adam opens a comparison that trains with autoplay', async () => {
    const { page, errors } = await open('/embed?preset=classic-spiral&compare=optimizer:sgd,adam&autoplay=1&panels=output,curves,controls');
    await page.getByTestId('compare-panel').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('compare-diff').innerText(), { timeout: 10_000 }).toContain('optimizer sgd → adam');
    const optimizerA = await page.evaluate(() => (window as unknown as { __axon: { state: { settings: TrainSettings } } }).__axon.state.settings.optimizer);
    expect(optimizerA).toBe('sgd');
    await waitFor(async () => {
      const { a, b } = await chartEpochs(page);
      return a >= 10 && b >= 10;
    }, 60_000, 'both runs training in the embed');
    await page.screenshot({ path: screenshotPath('course-compare-embed') });
    expect(errors).toEqual([]);
  });

  it('a recording while training downloads a GIF of several frames', async () => {
    const { page, errors } = await open();
    await load(page, spiral());
    await page.getByTestId('play').click();
    await page.getByTestId('record').click();
    await expect.poll(() => page.getByTestId('record').getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');
    await page.waitForTimeout(2_500);
    const download = page.waitForEvent('download', { timeout: 30_000 });
    await page.getByTestId('record').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^axon-recording-.*\.gif$/);
    const path = await file.path();
    const bytes = new Uint8Array(readFileSync(path));
    const frames = gifFrameCount(bytes);
    expect(frames).toBeGreaterThan(1);
    await expect.poll(() => page.getByTestId('record-message').innerText(), { timeout: 5_000 }).toMatch(new RegExp(`Saved ${frames} frames`));
    console.log(`recording: ${frames} frames, ${bytes.length} bytes`);
    expect(errors).toEqual([]);
  });

  it('WebM where WebCodecs exists; without it, a GIF and a message saying why', async () => {
    const { page, errors } = await open();
    await load(page, spiral());
    await page.getByTestId('record-format').selectOption('webm');
    await page.getByTestId('record').click();
    await expect.poll(() => page.getByTestId('record').getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');
    await page.waitForTimeout(1_500);
    let download = page.waitForEvent('download', { timeout: 30_000 });
    await page.getByTestId('record').click();
    const webm = await download;
    expect(webm.suggestedFilename()).toMatch(/\.webm$/);
    // A WebM file starts with the EBML magic number.
    expect(Array.from(readFileSync(await webm.path()).subarray(0, 4))).toEqual([0x1a, 0x45, 0xdf, 0xa3]);

    const bare = await open();
    await bare.page.addInitScript(() => {
      delete (window as unknown as { VideoEncoder?: unknown }).VideoEncoder;
    });
    await bare.page.reload();
    await load(bare.page, spiral());
    await bare.page.getByTestId('record-format').selectOption('webm');
    await bare.page.getByTestId('record').click();
    await expect.poll(() => bare.page.getByTestId('record-message').innerText(), { timeout: 10_000 }).toMatch(/no WebCodecs.*GIF/);
    await bare.page.waitForTimeout(1_000);
    download = bare.page.waitForEvent('download', { timeout: 30_000 });
    await bare.page.getByTestId('record').click();
    const gif = await download;
    expect(gif.suggestedFilename()).toMatch(/\.gif$/);
    expect(gifFrameCount(new Uint8Array(readFileSync(await gif.path())))).toBeGreaterThanOrEqual(1);
    expect([...errors, ...bare.errors]).toEqual([]);
  });
});
