/**
 * Conv nets in the page: a small conv net built with the mouse from the palette on the shapes set, trained,
 * its feature maps changing on the canvas (pixels and values) and one opened in the detail view; then the
 * MNIST conv preset trained for one epoch and a digit drawn on the pad, which the net names.
 * Screenshots of the feature maps before and after training go to SHOTS_DIR.
 */
import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserPerFile } from './browser-per-file';
import { epoch, figures, waitFor, waitForReady } from './helpers';
import { dropFromPalette, readDoc, wire as wireWithMouse, type Point } from './canvas-gestures';
import type { NetworkDoc } from '../../src/lib/model/document';

const SHOTS_DIR = process.env.CONV_SHOTS_DIR ?? 'test-results/screenshots';

const appUrl = inject('appUrl');
const pool = browserPerFile();

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
});

interface Box extends Point {
  width: number;
  height: number;
}
type Hooks = {
  __axon: {
    state: { doc: NetworkDoc; data: { kind: string; generator?: string } };
    table: { columns: string[] } | null;
    problems: { message: string }[];
    blockedReason: string | null;
    maps: { maps: { groups: { id: string; values: Float32Array }[]; output: Float32Array } | null };
  };
  __axonEditor?: { nodeScreenBox(id: string): Box | null; portScreenPoint(id: string, side: 'in' | 'out'): Point | null };
};

/** A tall window: the canvas gets room to show the feature maps at a readable zoom. */
async function open() {
  const opened = await pool.open(`${appUrl}/`, { width: 1440, height: 1200 });
  await waitForReady(opened.page);
  await waitFor(() => opened.page.evaluate(() => Boolean((window as unknown as Hooks).__axonEditor)), 10_000, 'the editor hook');
  return opened;
}

const nodeBox = async (page: Page, id: string) => (await page.evaluate((i) => (window as unknown as Hooks).__axonEditor!.nodeScreenBox(i), id))!;

/** The values of a group's feature maps for the watched sample, or null. */
const mapValues = (page: Page, id: string) =>
  page.evaluate((i) => {
    const g = (window as unknown as Hooks).__axon.maps.maps?.groups.find((x) => x.id === i);
    return g ? Array.from(g.values) : null;
  }, id);

/** Wire with the mouse and wait until the document has the wire. */
async function wire(page: Page, from: string, to: string): Promise<void> {
  await wireWithMouse(page, from, to);
  await waitFor(async () => (await readDoc(page)).edges.some((e) => e.from === from && e.to === to), 3_000, `a wire ${from} → ${to}`);
}

/** Click a node's body (its top edge, above the first unit tile and clear of the ports) and press Delete. */
async function deleteNode(page: Page, id: string): Promise<void> {
  const box = await nodeBox(page, id);
  await page.mouse.click(box.x + box.width / 2, box.y + 2);
  await page.keyboard.press('Delete');
  await waitFor(async () => !(await readDoc(page)).nodes.some((n) => n.id === id), 3_000, `${id} deleted`);
}

/** Select a node by a click on its top edge; a click that lands on a feature map also opens its detail view: close that. */
async function selectNode(page: Page, id: string): Promise<void> {
  // An open inspector may float over the node: close it first.
  const close = page.getByLabel('Close the inspector');
  if (await close.isVisible()) await close.click();
  const box = await nodeBox(page, id);
  await page.mouse.click(box.x + box.width / 2, box.y + 2);
  if (await page.getByTestId('conv-detail').isVisible()) await page.getByTestId('conv-detail').getByLabel('Close').click();
}

/** A screenshot of the region holding the given nodes (with their captions below). */
async function shotOf(page: Page, ids: string[], path?: string): Promise<Buffer> {
  const boxes = await Promise.all(ids.map((id) => nodeBox(page, id)));
  const x = Math.min(...boxes.map((b) => b.x)) - 8;
  const y = Math.min(...boxes.map((b) => b.y)) - 24;
  const right = Math.max(...boxes.map((b) => b.x + b.width)) + 8;
  const bottom = Math.max(...boxes.map((b) => b.y + b.height)) + 40;
  return page.screenshot({ clip: { x, y, width: right - x, height: bottom - y }, path });
}

/** Share of pixels whose colour differs (by more than a little) between two same-size PNGs, decoded in the page. */
function pixelDiff(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    async ([a64, b64]) => {
      const pixels = async (data: string) => {
        const img = new Image();
        img.src = `data:image/png;base64,${data}`;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        return ctx.getImageData(0, 0, img.width, img.height).data;
      };
      const [x, y] = await Promise.all([pixels(a64), pixels(b64)]);
      let differing = 0;
      for (let i = 0; i < Math.min(x.length, y.length); i += 4) {
        if (Math.abs(x[i] - y[i]) + Math.abs(x[i + 1] - y[i + 1]) + Math.abs(x[i + 2] - y[i + 2]) > 30) differing++;
      }
      return differing / (Math.max(x.length, y.length) / 4);
    },
    [a.toString('base64'), b.toString('base64')]
  );
}

const playEnabled = (page: Page) => waitFor(async () => !(await page.getByTestId('play').isDisabled()), 120_000, 'play enabled');

describe('conv nets', () => {
  it('builds a conv net with the mouse on the shapes, trains it, and its feature maps change', { timeout: 240_000 }, async () => {
    const { page, errors } = await open();
    await page.getByTestId('image-set-shapes').click();
    await waitFor(async () => (await page.evaluate(() => (window as unknown as Hooks).__axon.table?.columns.length)) === 576, 30_000, 'the shapes');
    // The switch made the input a 24×24 image and put a Flatten before the dense layers: keep the input and
    // the output, and build the conv part by hand.
    let doc = await readDoc(page);
    const input = doc.nodes.find((n) => n.kind === 'input')!;
    const output = doc.nodes.find((n) => n.kind === 'output')!;
    expect(input.image).toEqual({ height: 24, width: 24, channels: 1 });
    for (const node of doc.nodes.filter((n) => n.kind !== 'input' && n.kind !== 'output')) await deleteNode(page, node.id);

    const canvas = (await page.getByTestId('network-canvas').boundingBox())!;
    const inBox = await nodeBox(page, input.id);
    const y = inBox.y + inBox.height / 2;
    const conv = await dropFromPalette(page, 'palette-conv', { x: canvas.x + canvas.width * 0.34, y });
    const pool = await dropFromPalette(page, 'palette-pool', { x: canvas.x + canvas.width * 0.5, y });
    const flatten = await dropFromPalette(page, 'palette-flatten', { x: canvas.x + canvas.width * 0.64, y });
    // Escape drops the selection (and its inspector); Fit brings every port into view, as the pool grows
    // to one tile per channel once it is wired.
    await page.keyboard.press('Escape');
    for (const [from, to] of [
      [input.id, conv],
      [conv, pool],
      [pool, flatten],
      [flatten, output.id]
    ]) {
      await page.getByTestId('editor-fit').click();
      await wire(page, from, to);
      await page.keyboard.press('Escape');
    }
    doc = await readDoc(page);
    expect(doc.nodes.find((n) => n.id === pool)!.units).toBe(8);

    // The inspector edits the conv; every shape downstream follows at once.
    await page.getByTestId('editor-fit').click();
    await selectNode(page, conv);
    await expect.poll(() => page.getByTestId('inspector-shape').innerText(), { timeout: 5_000 }).toMatch(/24×24×8 · 80 params/);
    await page.getByTestId('inspector-kernelSize').fill('5');
    await page.getByTestId('inspector-kernelSize').press('Enter');
    await page.getByTestId('inspector-padding').selectOption('valid');
    await expect.poll(() => page.getByTestId('inspector-shape').innerText(), { timeout: 5_000 }).toMatch(/20×20×8 · 208 params/);
    await selectNode(page, pool);
    await expect.poll(() => page.getByTestId('inspector-shape').innerText(), { timeout: 5_000 }).toMatch(/10×10×8 · 0 params/);
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => (window as unknown as Hooks).__axon.problems.map((p) => p.message))).toEqual([]);

    await playEnabled(page);
    await waitFor(async () => (await mapValues(page, conv)) !== null, 20_000, 'the first feature maps');
    const beforeValues = (await mapValues(page, conv))!;
    const before = await shotOf(page, [input.id, conv, pool], `${SHOTS_DIR}/feature-maps-before.png`);

    await page.getByTestId('play').click();
    await waitFor(async () => (await epoch(page)) >= 2, 90_000, 'two epochs on the shapes');
    await page.getByTestId('play').click();
    // The maps follow the trained weights (asked again on every snapshot).
    await waitFor(
      async () => {
        const now = await mapValues(page, conv);
        return now !== null && now.some((v, k) => Math.abs(v - beforeValues[k]) > 1e-3);
      },
      10_000,
      'new feature maps'
    );
    await page.waitForTimeout(500);
    const after = await shotOf(page, [input.id, conv, pool], `${SHOTS_DIR}/feature-maps-after.png`);
    const changed = await pixelDiff(page, before, after);
    console.log(`feature maps: ${(changed * 100).toFixed(1)}% of the pixels around the conv and pool nodes changed after two epochs`);
    expect(changed).toBeGreaterThan(0.01);

    // A map opens in the detail view: the filter, the sliding window and the arithmetic of one value.
    const convBox = await nodeBox(page, conv);
    await page.mouse.click(convBox.x + convBox.width / 2, convBox.y + 22);
    await page.getByTestId('conv-detail').waitFor({ timeout: 5_000 });
    await expect.poll(() => page.getByTestId('conv-detail-arithmetic').innerText(), { timeout: 5_000 }).toMatch(/relu\(z\) = /);
    expect(await page.getByTestId('conv-detail-filter').locator('canvas').count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('trains the MNIST conv preset for an epoch and names a digit drawn on the pad', { timeout: 420_000 }, async () => {
    const { page, errors } = await open();
    await page.getByTestId('preset-mnist-conv').click();
    await waitFor(async () => (await page.evaluate(() => (window as unknown as Hooks).__axon.table?.columns.length)) === 784, 60_000, 'the digits');
    await playEnabled(page);
    const started = Date.now();
    await page.getByTestId('play').click();
    await waitFor(async () => (await epoch(page)) >= 1, 240_000, 'one epoch of MNIST');
    await page.getByTestId('play').click();
    await waitFor(async () => !(await figures(page)).running, 30_000, 'pause');
    console.log(`MNIST conv: one epoch in about ${((Date.now() - started) / 1000).toFixed(0)} s in the worker (loaded machine)`);

    // Draw a "1": one vertical stroke down the middle of the pad.
    await page.getByTestId('draw-pad-canvas').scrollIntoViewIfNeeded();
    const pad = (await page.getByTestId('draw-pad-canvas').boundingBox())!;
    await page.mouse.move(pad.x + pad.width * 0.52, pad.y + pad.height * 0.15);
    await page.mouse.down();
    for (let k = 1; k <= 12; k++) await page.mouse.move(pad.x + pad.width * (0.52 - k * 0.004), pad.y + pad.height * (0.15 + k * 0.058));
    await page.mouse.up();
    await page.getByTestId('draw-pad-prediction').waitFor({ timeout: 30_000 });
    const predicted = await page.getByTestId('draw-pad-prediction').innerText();
    console.log(`drawn "1" read as ${predicted}`);
    await page.screenshot({ path: `${SHOTS_DIR}/mnist-conv-drawn.png` });
    expect(predicted).toMatch(/^[0-9]$/);
    expect(await page.getByTestId('draw-pad-probability').count()).toBe(10);
    expect(errors).toEqual([]);
  });
});
