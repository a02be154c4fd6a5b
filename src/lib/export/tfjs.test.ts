/**
 * The proof of the TF.js export: tfjs itself loads the model.json + weights we wrote by hand, and its
 * predictions on 50 random points equal our engine's Trainer.predict with the same parameters.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../../workers/engine';
import { toSpec } from '../model/spec';
import { CONV_NET, CONV_NET_LAYERS, DENSE_STACK, PRELU_NET, SKIP_DAG, type TestNetwork } from './__fixtures__/networks';
import { referenceRun } from './__fixtures__/reference';
import { tfjsFiles, tfjsModel } from './tfjs';

const POINTS = 50;

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => tf.disposeVariables());

async function compare(net: TestNetwork, seed: number, trainSteps = 0, count = POINTS) {
  const run = referenceRun(net, seed, count, trainSteps);
  const { modelJson, weightData } = tfjsModel(net.doc, run.program.layout, run.params);
  // What a browser would fetch: the JSON text and the binary file.
  const parsed = JSON.parse(JSON.stringify(modelJson)) as typeof modelJson;
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: parsed.modelTopology, weightSpecs: parsed.weightsManifest[0].weights, weightData })
  );
  const images = net.doc.nodes.filter((n) => n.kind === 'input').map((n) => n.image);
  const inputs = run.inputs.map((i, k) => {
    const image = images[k];
    return image ? tf.tensor4d(i.values, [count, image.height, image.width, image.channels]) : tf.tensor2d(i.values, [count, i.units]);
  });
  const prediction = model.predict(inputs.length === 1 ? inputs[0] : inputs) as tf.Tensor;
  const theirs = await prediction.data();
  tf.dispose([prediction, ...inputs]);
  const layerNames = model.layers.map((l) => `${l.getClassName()}:${l.name}`);
  const paramCount = model.countParams();
  model.dispose();
  return { ours: run.ours, theirs, layerNames, paramCount, layoutCount: run.program.layout.paramCount };
}

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

describe('tfjsModel, loaded by @tensorflow/tfjs', () => {
  it('a Dense stack predicts what our engine predicts', async () => {
    const r = await compare(DENSE_STACK, 1);
    expect(r.layerNames).toEqual(['InputLayer:x', 'Dense:h1', 'Dense:h2', 'Dense:out']);
    expect(r.paramCount).toBe(r.layoutCount);
    expect(r.ours).toHaveLength(POINTS);
    expect(maxDifference(r.ours, r.theirs)).toBeLessThan(1e-5);
  });

  it('a DAG with a skip connection and a two-parent group predicts what our engine predicts', async () => {
    const r = await compare(SKIP_DAG, 2);
    expect(r.layerNames).toEqual([
      'InputLayer:x',
      'InputLayer:squares',
      'Concatenate:h_concat',
      'Dense:h',
      'LeakyReLU:h_leaky_relu',
      'Concatenate:y_concat',
      'Dense:y'
    ]);
    expect(r.paramCount).toBe(r.layoutCount);
    // Regression outputs are unbounded: compare relative to their size.
    const scale = Math.max(1, ...Array.from(r.ours, Math.abs));
    expect(maxDifference(r.ours, r.theirs) / scale).toBeLessThan(1e-5);
  });

  it('a PReLU net with dropout, ELU and softmax predicts what our engine predicts', async () => {
    const r = await compare(PRELU_NET, 3);
    expect(r.layerNames).toEqual([
      'InputLayer:inputs',
      'Dense:hidden_1',
      'PReLU:hidden_1_prelu',
      'Dropout:hidden_1_dropout',
      'Dense:hidden_2',
      'Dense:class_'
    ]);
    expect(r.paramCount).toBe(r.layoutCount);
    expect(r.ours).toHaveLength(POINTS * 3);
    expect(maxDifference(r.ours, r.theirs)).toBeLessThan(1e-5);
  });

  it('a trained conv net predicts what our engine predicts on 20 images', async () => {
    const r = await compare(CONV_NET, 4, 10, 20);
    expect(r.layerNames).toEqual(CONV_NET_LAYERS);
    expect(r.paramCount).toBe(r.layoutCount);
    expect(r.ours).toHaveLength(20 * 3);
    expect(maxDifference(r.ours, r.theirs)).toBeLessThan(1e-5);
  });

  it('writes the manifest and the binary in the same order and size', () => {
    const layout = compile(toSpec(PRELU_NET.doc)).layout;
    const params = Float32Array.from({ length: layout.paramCount }, (_, i) => i);
    const { modelJson, weightData } = tfjsModel(PRELU_NET.doc, layout, params, { weightsPath: 'axon.weights.bin' });
    expect(modelJson.format).toBe('layers-model');
    expect(modelJson.weightsManifest[0].paths).toEqual(['axon.weights.bin']);
    expect(modelJson.weightsManifest[0].weights.map((w) => `${w.name} ${w.shape.join('x')}`)).toEqual([
      'hidden_1/kernel 3x3',
      'hidden_1/bias 3',
      'hidden_1_prelu/alpha 3',
      'hidden_2/kernel 3x2',
      'hidden_2/bias 2',
      'class_/kernel 2x3',
      'class_/bias 3'
    ]);
    expect(weightData.byteLength).toBe(layout.paramCount * 4);
  });

  it('names the node when an activation has no TF.js layer', () => {
    for (const [activation, word] of [['arctan', 'arctan'], ['step', 'binary step']] as const) {
      const doc = structuredClone(DENSE_STACK.doc);
      doc.nodes[2].activation = activation;
      const layout = compile(toSpec(doc)).layout;
      expect(() => tfjsModel(doc, layout, new Float32Array(layout.paramCount))).toThrow(
        `TF.js has no ${word} layer: change node h2's activation to export.`
      );
    }
  });

  it('packs the two files under names the manifest points at', async () => {
    const layout = compile(toSpec(DENSE_STACK.doc)).layout;
    const params = Float32Array.from({ length: layout.paramCount }, (_, i) => i / 8);
    const [json, bin] = tfjsFiles(DENSE_STACK.doc, layout, params, 'xor-net');
    expect(json.filename).toBe('xor-net.json');
    expect(bin.filename).toBe('xor-net.weights.bin');
    const manifest = JSON.parse(await json.blob.text());
    expect(manifest.weightsManifest[0].paths).toEqual(['xor-net.weights.bin']);
    const weights = new Float32Array(await bin.blob.arrayBuffer());
    expect(weights.length).toBe(layout.paramCount);
    // The first spec is h1's kernel: the x→h1 block, in our [in, out] order.
    const xh = layout.edges.find((e) => e.to === 'n2')!;
    expect(Array.from(weights.subarray(0, 6))).toEqual(Array.from(params.subarray(xh.offset, xh.offset + 6)));
  });
});
