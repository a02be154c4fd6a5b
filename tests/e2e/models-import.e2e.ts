/**
 * Issue 17 end to end: a model made and trained by @tensorflow/tfjs (not by our exporter) opens through
 * "Open model…" (model.json + weights chosen together), appears on the canvas with its trained weights in
 * the trainer, and trains on; a broken pair shows the message and leaves the document and its undo history.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshotPath } from './browser';
import { browserPerFile } from './browser-per-file';
import { differenceRatio, epoch, figures, waitFor, waitForReady } from './helpers';
import { docOf, openIn, paramsOf, type Opened } from './pages';

const appUrl = inject('appUrl');
const pool = browserPerFile();

interface ModelPair {
  json: Buffer;
  weights: Buffer;
  /** the first Dense kernel as tfjs holds it (inputs × units, row-major) */
  kernel: number[];
}

let pair: ModelPair;

/** A trained 2 → 6 tanh → 1 sigmoid classifier, as tfjs saves it (model.json names 'weights.bin'). */
async function makeModel(): Promise<ModelPair> {
  await tf.setBackend('cpu');
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 6, inputShape: [2], activation: 'tanh', name: 'made_by_tfjs' }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', name: 'score' }));
  model.compile({ loss: 'binaryCrossentropy', optimizer: tf.train.adam(0.03) });
  const x = tf.randomUniform([32, 2], -3, 3, 'float32', 5);
  const y = tf.tidy(() => x.square().sum(1, true).less(4).toFloat());
  await model.fit(x, y, { epochs: 2, verbose: 0 });
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
    { includeOptimizer: true }
  );
  const a = saved as unknown as tf.io.ModelArtifacts;
  const json = {
    format: a.format,
    generatedBy: a.generatedBy,
    convertedBy: null,
    modelTopology: a.modelTopology,
    trainingConfig: a.trainingConfig,
    weightsManifest: [{ paths: ['./weights.bin'], weights: a.weightSpecs }]
  };
  const kernel = Array.from(await model.getLayer('made_by_tfjs').getWeights()[0].data());
  tf.dispose([x, y]);
  model.dispose();
  return { json: Buffer.from(JSON.stringify(json)), weights: Buffer.from(a.weightData as ArrayBuffer), kernel };
}

beforeAll(async () => {
  pair = await makeModel();
});

async function open(): Promise<Opened> {
  return openIn(await pool.newContext(), `${appUrl}/`);
}

const labels = async (page: Page) => (await docOf(page)).nodes.map((n) => `${n.kind}:${n.label}:${n.units}:${n.activation}`);

function chooseFiles(page: Page, files: { name: string; buffer: Buffer }[]) {
  return page.getByTestId('open-model-file').setInputFiles(files.map((f) => ({ ...f, mimeType: 'application/octet-stream' })));
}

describe('models in', () => {
  it('a tfjs-made model.json + weights opens on the canvas with its weights, then trains', async () => {
    const { page, errors } = await open();
    await waitForReady(page);
    const canvas = page.getByTestId('network-canvas');
    const before = await canvas.screenshot();

    await chooseFiles(page, [
      { name: 'model.json', buffer: pair.json },
      { name: 'weights.bin', buffer: pair.weights }
    ]);
    await waitFor(async () => (await labels(page)).includes('dense:made_by_tfjs:6:tanh'), 15_000, 'the imported network');
    expect(await labels(page)).toEqual(['input:made_by_tfjs_input:2:linear', 'dense:made_by_tfjs:6:tanh', 'output:score:1:sigmoid']);
    // The trained weights reach the trainer: the input → hidden wire holds the tfjs kernel.
    await waitFor(async () => (await paramsOf(page))?.length === 25, 10_000, 'the imported network in the worker');
    const offset = await page.evaluate(
      () => (window as unknown as { __axon: { layout: { edges: { offset: number; fromUnits: number }[] } } }).__axon.layout.edges.find((e) => e.fromUnits === 2)!.offset
    );
    const kernel = async () => (await paramsOf(page))!.slice(offset, offset + 12);
    await waitFor(async () => JSON.stringify(await kernel()) === JSON.stringify(pair.kernel), 10_000, 'the tfjs kernel in the trainer');
    expect(await kernel()).toEqual(pair.kernel);
    await expect.poll(() => page.getByTestId('notice').innerText(), { timeout: 5_000 }).toMatch(/Opened model\.json \+ weights\.bin \(TF\.js\): 2 layers, 25 trained parameters/);
    // The canvas shows it: a different picture from the default network's.
    await page.waitForTimeout(500);
    expect(differenceRatio(before, await canvas.screenshot())).toBeGreaterThan(0.01);
    await page.screenshot({ path: screenshotPath('models-import-opened') });

    const startLoss = (await figures(page)).trainLoss;
    const from = await epoch(page);
    await page.getByTestId('play').click();
    await waitFor(async () => (await epoch(page)) >= from + 20, 30_000, '20 epochs');
    await page.getByTestId('play').click();
    await waitFor(async () => !(await figures(page)).running, 5_000, 'pause');
    expect((await figures(page)).trainLoss).not.toBe(startLoss);
    expect(errors).toEqual([]);
  });

  it('a truncated weights file is refused with its message; the document and its undo history stay', async () => {
    const { page } = await open();
    await waitForReady(page);
    // One edit first, so there is history to undo afterwards.
    await page.evaluate(() => {
      const pg = (window as unknown as { __axon: { state: { doc: { nodes: { id: string; kind: string; units: number }[] } }; change: (c: unknown) => boolean } }).__axon;
      const dense = pg.state.doc.nodes.find((n) => n.kind === 'dense')!;
      pg.change({ type: 'updateNode', id: dense.id, patch: { units: dense.units + 1 } });
    });
    const edited = await docOf(page);

    await chooseFiles(page, [
      { name: 'model.json', buffer: pair.json },
      { name: 'weights.bin', buffer: pair.weights.subarray(0, pair.weights.length - 8) }
    ]);
    await expect
      .poll(() => page.getByTestId('open-model-error').innerText(), { timeout: 10_000 })
      .toMatch(/model\.json: weight group 1 lists .* bytes of weights, but 'weights\.bin' holds .* bytes \(truncated\?\)\. Your network is unchanged\./);
    expect(await docOf(page)).toEqual(edited);
    await page.getByTestId('open-model').screenshot({ path: screenshotPath('models-import-refused') });

    // Undo still steps back over the edit made before the refused file.
    await page.evaluate(() => (window as unknown as { __axon: { undo: () => void } }).__axon.undo());
    const undone = await docOf(page);
    expect(undone.nodes.find((n) => n.kind === 'dense')!.units).toBe(edited.nodes.find((n) => n.kind === 'dense')!.units - 1);
  });

  it('model files dropped on the canvas open the same way', async () => {
    const { page, errors } = await open();
    await waitForReady(page);
    const files = [
      { name: 'model.json', base64: pair.json.toString('base64') },
      { name: 'weights.bin', base64: pair.weights.toString('base64') }
    ];
    const transfer = await page.evaluateHandle((list) => {
      const data = new DataTransfer();
      for (const f of list) data.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name));
      return data;
    }, files);
    const region = page.getByRole('region', { name: 'Network canvas' });
    await region.dispatchEvent('dragover', { dataTransfer: transfer });
    await region.dispatchEvent('drop', { dataTransfer: transfer });
    await waitFor(async () => (await labels(page)).includes('dense:made_by_tfjs:6:tanh'), 15_000, 'the dropped network');
    await waitFor(async () => (await paramsOf(page))?.length === 25, 10_000, 'the dropped network in the worker');
    expect(errors).toEqual([]);
  });
});
