/**
 * Issue 7 end to end: the learning views on a real page. Metrics fill in as a 3-class network trains,
 * every teaching panel is driven as a person would, regression shows its own figures and R² curve,
 * early stopping marks the curves, and the page can be worked by keyboard with a visible focus.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshotPath } from './browser';
import { browserPerFile } from './browser-per-file';
import { differenceRatio, epoch, figures, setNumberField, waitFor, waitForReady } from './helpers';
import { buildStack, type StackSpec } from '../../src/lib/model/build';
import { DEFAULT_SETTINGS, type DataSource, type PlaygroundState } from '../../src/lib/model/playground';
import type { TrainSettings } from '../../workers/protocol';
import { sixByEight } from './networks';

const appUrl = inject('appUrl');
const pool = browserPerFile();

/** A tall window gives the learn panels room, so their screenshots show them whole. */
const TALL = { width: 1440, height: 1500 };
async function open(path = '/', viewport?: { width: number; height: number }) {
  const opened = await pool.open(`${appUrl}${path}`, viewport);
  return opened;
}

const XY: StackSpec['inputs'] = [
  { label: 'x1', features: [{ op: 'id', a: 0 }] },
  { label: 'x2', features: [{ op: 'id', a: 1 }] }
];

function playground(data: DataSource, stack: Omit<StackSpec, 'inputs'>, settings: Partial<TrainSettings>): PlaygroundState {
  return {
    version: 1,
    doc: buildStack({ inputs: XY, ...stack }),
    settings: { ...DEFAULT_SETTINGS, ...settings },
    data,
    view: { xColumn: 0, yColumn: 1 }
  };
}

type Axon = {
  loadState(state: PlaygroundState): Promise<boolean>;
  selection: string[];
  state: { doc: { nodes: { id: string; kind: string; units: number; activation: string }[] } };
  snapshot: null | { epoch: number; running: boolean; regression?: { mse: number; rmse: number; mae: number; r2: number } | null };
  curve: { epoch: number; trainR2?: number; testR2?: number }[];
};

async function load(page: Page, state: PlaygroundState): Promise<void> {
  const ok = await page.evaluate((s) => (window as unknown as { __axon: Axon }).__axon.loadState(s), state);
  expect(ok).toBe(true);
  await waitForReady(page);
}

/** Plays until the check passes (or the time runs out), then pauses and waits for the pause. */
async function trainUntil(page: Page, check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  await page.getByTestId('play').click();
  try {
    await waitFor(check, timeoutMs, what);
  } finally {
    if ((await page.getByTestId('play').getAttribute('data-running')) === 'true') await page.getByTestId('play').click();
    await waitFor(async () => !(await figures(page)).running, 5_000, 'the pause');
  }
}

/** The confusion matrix's cells as numbers (counts view), row-major. */
async function confusionCounts(page: Page): Promise<number[]> {
  return (await page.getByTestId('confusion-cell').allInnerTexts()).map((t) => Number(t.replace(/,/g, '')));
}
const diagonal = (cells: number[], n: number) => Array.from({ length: n }, (_, k) => cells[k * n + k]);
const percent = (text: string) => Number(text.replace('%', ''));

/** Counts the pixels of a canvas that are not (nearly) white, to tell a drawn plot from an empty one. */
async function inkedPixels(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => {
    const canvas = document.querySelector(sel) as HTMLCanvasElement | null;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return -1;
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && data[i] + data[i + 1] + data[i + 2] < 600) inked++;
    return inked;
  }, selector);
}

describe('learning views', () => {
  it('a 3-class spiral: the confusion matrix fills its diagonal, per-class scores show, accuracy rises', async () => {
    const { page, errors } = await open();
    await waitForReady(page);
    await load(
      page,
      playground(
        { kind: 'generated', generator: 'spiral_multi', classes: 3, count: 600, noise: 0, testFraction: 0.3, seed: 3 },
        { hidden: [{ units: 16, activation: 'tanh' }, { units: 16, activation: 'tanh' }], output: { units: 3, activation: 'softmax' } },
        { loss: 'cce', optimizer: 'adam', learningRate: 0.02, batchSize: 16, maxEpochs: 0 }
      )
    );
    const metrics = page.getByRole('region', { name: 'Metrics' });
    await expect.poll(() => page.getByTestId('confusion-cell').count(), { timeout: 5_000 }).toBe(9);
    const cellsBefore = await confusionCounts(page);
    const accuracyBefore = percent(await page.getByTestId('metric-accuracy').innerText());
    // the matrix counts the 180 test samples, rows are the true class
    expect(cellsBefore.reduce((s, v) => s + v, 0)).toBe(180);
    await metrics.screenshot({ path: screenshotPath('learn-metrics-before') });

    // Train well past the bar: the pause lands a few epochs after the check, and Adam's accuracy wobbles by a few points.
    await trainUntil(page, async () => (await figures(page)).testAccuracy >= 0.92, 90_000, 'test accuracy ≥ 92%');
    await page.waitForTimeout(300);
    const cellsAfter = await confusionCounts(page);
    const accuracyAfter = percent(await page.getByTestId('metric-accuracy').innerText());
    const dBefore = diagonal(cellsBefore, 3);
    const dAfter = diagonal(cellsAfter, 3);
    expect(dAfter.reduce((s, v) => s + v, 0)).toBeGreaterThan(dBefore.reduce((s, v) => s + v, 0) + 40);
    // every class is found most of the time: each diagonal cell holds most of its row
    for (let k = 0; k < 3; k++) expect(dAfter[k]).toBeGreaterThan(0.6 * cellsAfter.slice(3 * k, 3 * k + 3).reduce((s, v) => s + v, 0));
    expect(accuracyAfter).toBeGreaterThanOrEqual(80);
    expect(accuracyAfter).toBeGreaterThan(accuracyBefore + 20);
    // the accuracy shown is the matrix's diagonal share
    expect(accuracyAfter).toBeCloseTo((100 * dAfter.reduce((s, v) => s + v, 0)) / 180, 1);

    // per-class precision / recall / F1 rows for the three classes and the macro average
    const report = page.getByTestId('class-report');
    const rows = await report.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(4);
    expect(rows[3]).toMatch(/^macro avg/);
    for (const row of rows.slice(0, 3)) {
      const [precision, recall, f1] = row.split(/\s+/).filter((t) => t.endsWith('%')).map(percent);
      expect(precision).toBeGreaterThan(60);
      expect(recall).toBeGreaterThan(60);
      expect(f1).toBeGreaterThan(60);
    }
    // row-normalised view: every row sums to 100%
    await metrics.getByRole('button', { name: 'row %' }).click();
    const shares = (await page.getByTestId('confusion-cell').allInnerTexts()).map(percent);
    for (let k = 0; k < 3; k++) {
      const sum = shares.slice(3 * k, 3 * k + 3).reduce((s, v) => s + v, 0);
      expect(Math.abs(sum - 100)).toBeLessThanOrEqual(1.5);
    }
    // hovering the loss curve shows that epoch's values in the legend
    const lossChart = page.getByRole('region', { name: 'Training curves' }).locator('figure').first();
    expect(await lossChart.locator('.u-legend .u-value').allInnerTexts()).toEqual(['—', '—', '—']);
    await lossChart.locator('.u-over').hover({ position: { x: 60, y: 40 } });
    const legend = await lossChart.locator('.u-legend .u-value').allInnerTexts();
    expect(Number(legend[0])).toBeGreaterThan(0);
    expect(Number(legend[1])).toBeGreaterThan(0);
    expect(Number(legend[2])).toBeGreaterThan(0);
    // the accuracy curve's text alternative carries the same figure
    expect(await page.getByTestId('curves-summary').textContent()).toMatch(/Accuracy: train \d+(\.\d)?%, test \d+(\.\d)?%/);
    await metrics.screenshot({ path: screenshotPath('learn-metrics-trained') });
    await page.getByRole('complementary', { name: 'Output' }).screenshot({ path: screenshotPath('learn-output-column-spiral3') });
    expect(errors).toEqual([]);
  });

  it('gradient descent: five steps from −0.5 at η 0.1 give the course values', async () => {
    const { page, errors } = await open('/', TALL);
    await waitForReady(page);
    await page.getByTestId('tab-gd').click();
    await expect.poll(() => page.getByTestId('gd-x').allInnerTexts()).toEqual(['-0.50000']);
    for (let k = 0; k < 5; k++) await page.getByTestId('gd-step').click();
    expect(await page.getByTestId('gd-x').allInnerTexts()).toEqual(['-0.50000', '-0.23513', '-0.06160', '0.05708', '0.14011', '0.19902']);
    // f(−0.5) and f′(−0.5) in the first row, as in the course
    expect(await page.getByTestId('gd-row').first().innerText()).toMatch(/1\.8987\s+-2\.64872/);
    await page.getByRole('region', { name: 'Gradient descent in one dimension' }).screenshot({ path: screenshotPath('learn-gd') });
    // too large a rate: said in words
    await page.getByTestId('gd-reset').click();
    await page.getByTestId('gd-lr').fill('1.4');
    for (let k = 0; k < 8; k++) if (await page.getByTestId('gd-step').isEnabled()) await page.getByTestId('gd-step').click();
    await expect.poll(() => page.getByTestId('gd-message').innerText(), { timeout: 5_000 }).toMatch(/oscillat|diverg/i);
    // an invalid rate is refused in place
    await page.getByTestId('gd-lr').fill('abc');
    await expect.poll(() => page.locator('#gd-lr-hint').innerText()).not.toBe('');
    expect(errors).toEqual([]);
  });

  it('activations: choosing one and applying it changes the selected nodes on the canvas', async () => {
    const { page, errors } = await open('/', TALL);
    await waitForReady(page);
    await page.getByTestId('tab-activations').click();
    const canvas = page.getByTestId('network-canvas');
    await page.waitForTimeout(400);
    const before = await canvas.screenshot();
    await page.getByTestId('activation-relu').click();
    await expect.poll(() => page.getByTestId('activation-formula').innerText()).toMatch(/max/);
    expect(await page.getByTestId('activation-apply').isDisabled()).toBe(true);
    const hidden = await page.evaluate(() => {
      const pg = (window as unknown as { __axon: Axon }).__axon;
      const ids = pg.state.doc.nodes.filter((n) => n.kind === 'dense').map((n) => n.id);
      pg.selection = ids;
      return ids;
    });
    expect(hidden.length).toBe(2);
    await expect.poll(() => page.getByTestId('activation-apply').innerText()).toBe('Apply relu to 2 selected nodes');
    await page.getByTestId('activation-apply').click();
    const activations = await page.evaluate(
      (ids) => (window as unknown as { __axon: Axon }).__axon.state.doc.nodes.filter((n) => ids.includes(n.id)).map((n) => n.activation),
      hidden
    );
    expect(activations).toEqual(['relu', 'relu']);
    // the top bar's shared activation and the canvas (new heat-maps) follow
    await expect.poll(() => page.getByTestId('activation').inputValue()).toBe('relu');
    await page.waitForTimeout(600);
    const after = await canvas.screenshot({ path: screenshotPath('learn-activation-applied-canvas') });
    expect(differenceRatio(before, after)).toBeGreaterThan(0.01);
    await page.getByRole('region', { name: 'Activation explorer' }).screenshot({ path: screenshotPath('learn-activations') });
    expect(errors).toEqual([]);
  });

  it('backprop step by step: forward and backward through one sample, highlighted on the canvas, matching the engine', async () => {
    const { page, errors } = await open('/', TALL);
    await waitForReady(page);
    await page.getByTestId('tab-backprop').click();
    const canvas = page.getByTestId('network-canvas');
    await page.waitForTimeout(400);
    const plain = await canvas.screenshot();
    await page.getByTestId('bp-sample').fill('7');
    await page.getByTestId('bp-trace').click();
    const step = page.getByTestId('bp-step');
    await expect.poll(() => step.innerText(), { timeout: 5_000 }).toMatch(/input/i);

    const seen: string[] = [];
    let highlighted = 0;
    let forwardChecks = 0;
    let backwardChecks = 0;
    for (let k = 0; k < 40; k++) {
      const text = await step.innerText();
      seen.push(text.split('\n')[0]);
      if (/z = Σ w·a \+ b/.test(text)) {
        expect(text).toMatch(/✓ matches the engine \(z = /);
        forwardChecks++;
      }
      if (/db = dz/.test(text)) {
        expect(text).toMatch(/✓ matches the engine's gradient/);
        backwardChecks++;
      }
      if (k === 2 || k === 10) {
        await page.waitForTimeout(250);
        const shot = await canvas.screenshot({ path: screenshotPath(`learn-backprop-canvas-step${k}`) });
        if (differenceRatio(plain, shot) > 0.005) highlighted++;
      }
      if (!(await page.getByTestId('bp-next').isEnabled())) break;
      await page.getByTestId('bp-next').click();
    }
    // 4 tanh + 2 tanh + 1 sigmoid units: 7 forward and 7 backward steps, each checked against the engine
    expect(forwardChecks).toBe(7);
    expect(backwardChecks).toBe(7);
    expect(highlighted).toBe(2);
    const last = await step.innerText();
    expect(last).toMatch(/✓ every gradient matches the engine's for this sample/);
    // the update lists all 25 parameters
    expect(await page.getByTestId('bp-update').locator('tbody tr').count()).toBe(25);
    // going back works too
    await page.getByTestId('bp-prev').click();
    expect(await step.innerText()).not.toBe(last);
    await page.getByRole('region', { name: 'Backpropagation step by step' }).screenshot({ path: screenshotPath('learn-backprop') });
    expect(errors).toEqual([]);
  });

  it('model summary counts 25 parameters for the default network and 337 for the Keras quick example', async () => {
    const { page, errors } = await open('/', TALL);
    await waitForReady(page);
    await page.getByTestId('tab-summary').click();
    await expect.poll(() => page.getByTestId('summary-total').innerText()).toBe('25');
    expect(await page.getByTestId('summary-trainable').innerText()).toBe('25');
    await page.getByRole('region', { name: 'Model summary' }).screenshot({ path: screenshotPath('learn-summary-default') });
    await page.getByTestId('preset-keras-quick').click();
    await expect.poll(() => page.getByTestId('summary-total').innerText(), { timeout: 10_000 }).toBe('337');
    const rows = await page.getByTestId('model-summary').locator('tbody tr').allInnerTexts();
    expect(rows.map((r) => Number(r.split('\t')[4]))).toEqual([0, 0, 48, 272, 17]);
    await page.getByRole('region', { name: 'Model summary' }).screenshot({ path: screenshotPath('learn-summary-keras') });
    expect(errors).toEqual([]);
  });

  it('the Learn panel scrolls while the pointer or the focus is in it, and is no scroller (no layer of its own) otherwise', async () => {
    const { page, errors } = await open('/', { width: 1440, height: 900 });
    await waitForReady(page);
    await load(page, sixByEight());
    await page.getByTestId('tab-summary').click();
    const panel = page.getByTestId('learn-panel');
    const overflow = () => panel.evaluate((el) => getComputedStyle(el).overflowY);
    const scrollTop = () => panel.evaluate((el) => el.scrollTop);
    const sizes = await panel.evaluate((el) => ({ content: el.scrollHeight, box: el.clientHeight }));
    expect(sizes.content).toBeGreaterThan(sizes.box + 20);
    const canvas = (await page.getByTestId('network-canvas').boundingBox())!;
    await page.mouse.move(canvas.x + 20, canvas.y + 20);
    await expect.poll(overflow).toBe('hidden');
    // Over it, it scrolls with the wheel.
    const box = (await panel.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(overflow).toBe('auto');
    await page.mouse.wheel(0, 150);
    await waitFor(async () => (await scrollTop()) > 0, 5000, 'the Learn panel to scroll');
    const scrolled = await scrollTop();
    // Away from it, it keeps its place and the rows it shows.
    await page.mouse.move(canvas.x + 20, canvas.y + 20);
    await expect.poll(overflow).toBe('hidden');
    expect(await scrollTop()).toBe(scrolled);
    // The keyboard's way in: Tab from the last tab reaches the panel, which then scrolls with the keys.
    await page.getByTestId('tab-hidden').focus();
    await page.keyboard.press('Tab');
    expect(await panel.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(overflow).toBe('auto');
    await page.keyboard.press('Home');
    await waitFor(async () => (await scrollTop()) === 0, 5000, 'Home to scroll the Learn panel to its top');
    await page.keyboard.press('PageDown');
    await waitFor(async () => (await scrollTop()) > 0, 5000, 'PageDown to scroll the Learn panel');
    expect(errors).toEqual([]);
  });

  it('hidden space: the default network’s 2-unit group shows the data as a scatter', async () => {
    const { page, errors } = await open('/', TALL);
    await waitForReady(page);
    await page.getByTestId('tab-hidden').click();
    const region = page.getByRole('region', { name: 'Hidden space' });
    await expect.poll(() => region.locator('canvas').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => inkedPixels(page, 'section[aria-label="Hidden space"] canvas'), { timeout: 5_000 }).toBeGreaterThan(2000);
    // the scatter follows training
    const before = await region.locator('canvas').screenshot();
    await trainUntil(page, async () => (await epoch(page)) >= 20, 30_000, '20 epochs');
    await page.waitForTimeout(500);
    const after = await region.locator('canvas').screenshot();
    expect(differenceRatio(before, after)).toBeGreaterThan(0.02);
    await region.screenshot({ path: screenshotPath('learn-hidden-space') });
    expect(errors).toEqual([]);
  });

  it('regression: MSE, RMSE, MAE and R² in the metrics and an R² curve', async () => {
    const { page, errors } = await open();
    await waitForReady(page);
    await load(
      page,
      playground(
        { kind: 'generated', generator: 'plane', count: 300, noise: 0, testFraction: 0.3, seed: 2 },
        { hidden: [{ units: 4, activation: 'tanh' }], output: { units: 1, activation: 'linear' } },
        { loss: 'mse', optimizer: 'adam', learningRate: 0.03, batchSize: 10, maxEpochs: 0 }
      )
    );
    expect(await page.getByTestId('problem-type').innerText()).toBe('regression');
    await trainUntil(page, async () => (await epoch(page)) >= 15, 30_000, '15 epochs');
    await page.waitForTimeout(300);
    const dl = page.getByTestId('regression-metrics');
    const text = await dl.innerText();
    expect(text).toMatch(/MSE/);
    expect(text).toMatch(/RMSE/);
    expect(text).toMatch(/MAE/);
    expect(text).toMatch(/R²/);
    const values = (await dl.locator('dd').allInnerTexts()).map(Number);
    expect(values.every(Number.isFinite)).toBe(true);
    const [mse, rmse, mae, r2] = values;
    expect(rmse).toBeCloseTo(Math.sqrt(mse), 3);
    expect(mae).toBeGreaterThan(0);
    expect(r2).toBeGreaterThan(0.9);
    expect(r2).toBeLessThanOrEqual(1);
    // the shown figures are the worker's
    const shown = await page.evaluate(() => (window as unknown as { __axon: Axon }).__axon.snapshot!.regression!);
    expect(r2).toBeCloseTo(shown.r2, 3);
    // the curves: the second chart is R², with one record per epoch and a text alternative
    const curves = page.getByRole('region', { name: 'Training curves' });
    expect(await curves.locator('figcaption').allInnerTexts()).toEqual(['Loss', 'R²']);
    const r2Curve = await page.evaluate(() => (window as unknown as { __axon: Axon }).__axon.curve.map((r) => r.testR2 ?? NaN));
    expect(r2Curve.length).toBeGreaterThanOrEqual(15);
    expect(r2Curve.at(-1)!).toBeGreaterThan(r2Curve[0]);
    expect(await page.getByTestId('curves-summary').textContent()).toMatch(/R²: train 0\.9\d*, test 0\.9\d*/);
    // the R² chart draws its two series (uPlot's canvas has ink)
    expect(await inkedPixels(page, 'section[aria-label="Training curves"] figure:nth-of-type(2) canvas')).toBeGreaterThan(300);
    await curves.screenshot({ path: screenshotPath('learn-regression-curves') });
    await page.getByRole('region', { name: 'Metrics' }).screenshot({ path: screenshotPath('learn-regression-metrics') });
    expect(errors).toEqual([]);
  });

  it('regression from the course: the hotel preset trains to its 100 epochs and shows its fit', async () => {
    const { page, errors } = await open();
    await waitForReady(page);
    await page.getByTestId('preset-hotel-distance').click();
    await expect.poll(() => page.getByTestId('problem-type').innerText(), { timeout: 10_000 }).toBe('regression');
    await expect.poll(() => page.getByTestId('max-epochs').inputValue()).toBe('100');
    const metrics = page.getByRole('region', { name: 'Metrics' });
    await expect.poll(() => metrics.getByTestId('regression-metrics').count(), { timeout: 5_000 }).toBe(1);
    const r2Before = Number((await metrics.locator('dd').allInnerTexts())[3]);
    await page.getByTestId('play').click();
    await waitFor(async () => (await epoch(page)) === 100 && !(await figures(page)).running, 30_000, 'the stop at 100 epochs');
    await page.waitForTimeout(300);
    const [mse, rmse, mae, r2] = (await metrics.locator('dd').allInnerTexts()).map(Number);
    expect([mse, rmse, mae, r2].every(Number.isFinite)).toBe(true);
    expect(rmse).toBeCloseTo(Math.sqrt(mse), 2);
    expect(r2).toBeGreaterThan(r2Before);
    expect(r2).toBeGreaterThan(0.5);
    const curves = page.getByRole('region', { name: 'Training curves' });
    expect(await curves.locator('figcaption').allInnerTexts()).toEqual(['Loss', 'R²']);
    await page.getByRole('complementary', { name: 'Output' }).screenshot({ path: screenshotPath('learn-regression-hotel') });
    expect(errors).toEqual([]);
  });

  it('early stopping and max epochs are set in the top bar; early stopping is marked on the curves', async () => {
    const { page, errors } = await open();
    await waitForReady(page);
    await setNumberField(page, 'max-epochs', '6');
    await expect.poll(() => page.evaluate(() => (window as unknown as { __axon: { state: { settings: TrainSettings } } }).__axon.state.settings.maxEpochs)).toBe(6);
    await page.getByTestId('play').click();
    await waitFor(async () => (await epoch(page)) === 6 && !(await figures(page)).running, 30_000, 'the stop at 6 epochs');
    expect(await page.getByTestId('notice').innerText()).toMatch(/maximum of 6 epochs/);
    expect(await page.getByRole('region', { name: 'Training curves' }).innerText()).not.toMatch(/Early stopping at epoch/);

    // A rate so small that float32 weights cannot move: the test loss never improves, so patience 3 ends it at epoch 4.
    await setNumberField(page, 'max-epochs', '0');
    await setNumberField(page, 'early-stopping', '3');
    await setNumberField(page, 'learning-rate', '1e-12');
    await page.getByTestId('reset').click();
    await waitFor(async () => (await epoch(page)) === 0, 5_000, 'the reset');
    await page.getByTestId('play').click();
    await waitFor(async () => (await epoch(page)) === 4 && !(await figures(page)).running, 30_000, 'early stopping at epoch 4');
    await expect.poll(() => page.getByTestId('notice').innerText()).toMatch(/Early stopping: the test loss has not improved for 3 epochs/);
    const curves = page.getByRole('region', { name: 'Training curves' });
    await expect.poll(() => curves.innerText()).toMatch(/Early stopping at epoch 4/);
    expect(await page.getByTestId('curves-summary').textContent()).toMatch(/Early stopping at epoch 4\./);
    await curves.screenshot({ path: screenshotPath('learn-early-stopping-curves') });
    // a wrong entry is refused in place
    await setNumberField(page, 'early-stopping', '2.5');
    await expect.poll(() => page.getByTestId('early-stopping-hint').innerText()).toMatch(/whole/);
    expect(errors).toEqual([]);
  });

  it('keyboard: Tab from the top reaches play, the learning rate, the data gallery and the learn tabs, always with a visible focus', async () => {
    const { page, errors } = await open();
    await waitForReady(page);
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    type Focus = { testid: string; tag: string; role: string; name: string; outline: string; width: number };
    const visited: Focus[] = [];
    // Tab through the whole page, until the focus leaves it or wraps round to the first control.
    for (let k = 0; k < 500; k++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        const labelled = (el as HTMLInputElement).labels?.[0]?.textContent;
        return {
          testid: el.dataset.testid ?? '',
          tag: el.tagName.toLowerCase(),
          role: el.getAttribute('role') ?? '',
          name: (el.getAttribute('aria-label') ?? labelled ?? el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40),
          outline: style.outlineStyle,
          width: parseFloat(style.outlineWidth)
        };
      });
      if (!f || (visited.length > 0 && f.testid === visited[0].testid)) break;
      visited.push(f);
    }
    const ids = visited.map((f) => f.testid);
    expect(ids).toContain('play');
    expect(ids).toContain('learning-rate');
    expect(ids).toContain('early-stopping');
    expect(ids.some((id) => id.startsWith('generator-'))).toBe(true);
    for (const tab of ['tab-summary', 'tab-activations', 'tab-gd', 'tab-backprop', 'tab-hidden']) expect(ids).toContain(tab);
    // the play button comes before the data gallery, which comes before the learn tabs (reading order)
    expect(ids.indexOf('play')).toBeLessThan(ids.findIndex((id) => id.startsWith('generator-')));
    expect(ids.findIndex((id) => id.startsWith('generator-'))).toBeLessThan(ids.indexOf('tab-summary'));
    // the output column after the centre: its view options, the curves' log scale, the matrix's row-% switch
    expect(ids).toContain('show-test');
    expect(visited.some((f) => f.name === 'log-scale loss')).toBe(true);
    expect(visited.some((f) => f.name === 'row %')).toBe(true);
    expect(ids.indexOf('tab-hidden')).toBeLessThan(ids.indexOf('show-test'));
    const invisible = visited.filter((f) => f.outline === 'none' || !(f.width > 0));
    expect(invisible).toEqual([]);
    await page.getByTestId('tab-hidden').focus();
    await page.getByRole('tablist', { name: 'Learn' }).screenshot({ path: screenshotPath('learn-keyboard-focus-tab') });

    // a tab opens with Enter, and the panel's controls are next in the tab order
    await page.getByTestId('tab-gd').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('tab-gd').getAttribute('aria-selected')).toBe('true');
    await page.getByTestId('gd-step').focus();
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('gd-x').count()).toBe(2);
    expect(errors).toEqual([]);
  });

  it('charts and matrices have text alternatives with their current values', async () => {
    const { page, errors } = await open();
    await waitForReady(page);
    await trainUntil(page, async () => (await epoch(page)) >= 3, 30_000, '3 epochs');
    expect(await page.getByTestId('curves-summary').textContent()).toMatch(/^Epoch \d+: train loss [\d.]+, test loss [\d.]+\. Accuracy: train/);
    expect(await page.getByTestId('confusion-matrix').locator('caption').textContent()).toMatch(/rows are the true\s+class/);
    await page.getByTestId('tab-gd').click();
    await page.getByTestId('gd-step').click();
    expect(await page.getByRole('region', { name: 'Gradient descent in one dimension' }).locator('p.sr-only').textContent()).toMatch(
      /Step 1: x = -0\.23513/
    );
    await page.getByTestId('tab-activations').click();
    expect(await page.getByRole('region', { name: 'Activation explorer' }).locator('p.sr-only').textContent()).toMatch(/at x = 0, f = /);
    await page.getByTestId('tab-hidden').click();
    await expect
      .poll(() => page.getByRole('region', { name: 'Hidden space' }).locator('p.sr-only').textContent(), { timeout: 5_000 })
      .toMatch(/samples in the activation space of .*centred at/);
    expect(errors).toEqual([]);
  });
});

describe('curves', () => {
  it('the Accuracy chart shows its "100%" label whole: nothing is drawn in its left edge, its labels are', async () => {
    // The accuracy chart's top label once read "00%": the y axis is as wide as its widest label now.
    const opened = await open('/', { width: 1440, height: 900 });
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
