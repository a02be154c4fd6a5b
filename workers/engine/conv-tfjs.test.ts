/**
 * A LeNet-style conv net (an even kernel with the odd "same" split, strides 1 and 2) against @tensorflow/tfjs layers (CPU backend), Keras' own Conv2D,
 * MaxPooling2D, AveragePooling2D, Flatten and Dense: the same weights (our layout is Keras' kernel
 * order, so they are copied as they are), the same uint8 images. Forward outputs, full-batch
 * gradients, and the parameters after 5 steps of SGD and of Adam must agree.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataTable, NetworkSpec, Optimizer, ParamLayout, TrainSettings } from '../protocol';
import { compile, DEFAULT_SETTINGS, Trainer } from './index';
import { createRng } from './random';

const SIDE = 12;
const COUNT = 24;
const CLASSES = 3;

const spec: NetworkSpec = {
  groups: [
    { id: 'x', kind: 'input', units: 0, activation: 'linear', image: { height: SIDE, width: SIDE, channels: 1 } },
    { id: 'c1', kind: 'hidden', units: 0, activation: 'relu', layer: { type: 'conv2d', filters: 4, kernelSize: 4, stride: 1, padding: 'same' } },
    { id: 'p1', kind: 'hidden', units: 0, activation: 'linear', layer: { type: 'pool2d', mode: 'max', poolSize: 2, stride: 2 } },
    { id: 'c2', kind: 'hidden', units: 0, activation: 'tanh', layer: { type: 'conv2d', filters: 6, kernelSize: 3, stride: 2, padding: 'valid' } },
    { id: 'p2', kind: 'hidden', units: 0, activation: 'linear', layer: { type: 'pool2d', mode: 'avg', poolSize: 2, stride: 1 } },
    { id: 'f', kind: 'hidden', units: 0, activation: 'linear', layer: { type: 'flatten' } },
    { id: 'h', kind: 'hidden', units: 8, activation: 'relu' },
    { id: 'out', kind: 'output', units: CLASSES, activation: 'softmax' }
  ],
  edges: ['x>c1', 'c1>p1', 'p1>c2', 'c2>p2', 'p2>f', 'f>h', 'h>out'].map((e) => ({ from: e.split('>')[0], to: e.split('>')[1] }))
};

function table(): DataTable {
  const rng = createRng(2024);
  const pixels = Uint8Array.from({ length: COUNT * SIDE * SIDE }, () => rng.int(256));
  return {
    count: COUNT,
    columns: Array.from({ length: SIDE * SIDE }, (_, i) => `p${i}`),
    x: new Float32Array(0),
    pixels,
    pixelScale: 1 / 255,
    y: Float32Array.from({ length: COUNT }, () => rng.int(CLASSES)),
    classes: ['a', 'b', 'c'],
    targetColumns: [],
    isTest: new Uint8Array(COUNT)
  };
}

/** The same net as Keras layers. */
function kerasModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [SIDE, SIDE, 1], filters: 4, kernelSize: 4, strides: 1, padding: 'same', activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  model.add(tf.layers.conv2d({ filters: 6, kernelSize: 3, strides: 2, padding: 'valid', activation: 'tanh' }));
  model.add(tf.layers.averagePooling2d({ poolSize: 2, strides: 1 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 8, activation: 'relu' }));
  model.add(tf.layers.dense({ units: CLASSES, activation: 'softmax' }));
  return model;
}

/** Our flat parameters as the model's weights, in its order (kernel, bias per layer). */
function setWeights(model: tf.Sequential, layout: ParamLayout, params: Float32Array): void {
  const tensors: tf.Tensor[] = [];
  for (const g of layout.groups) {
    if (g.kernelOffset !== undefined && g.layer?.type === 'conv2d' && g.inputShape) {
      const { kernelSize: k, filters } = g.layer;
      const n = k * k * g.inputShape.channels * filters;
      tensors.push(tf.tensor4d(params.slice(g.kernelOffset, g.kernelOffset + n), [k, k, g.inputShape.channels, filters]));
      tensors.push(tf.tensor1d(params.slice(g.biasOffset, g.biasOffset + filters)));
    } else if (g.biasOffset >= 0) {
      const e = layout.edges.find((edge) => edge.to === g.id)!;
      tensors.push(tf.tensor2d(params.slice(e.offset, e.offset + e.fromUnits * e.toUnits), [e.fromUnits, e.toUnits]));
      tensors.push(tf.tensor1d(params.slice(g.biasOffset, g.biasOffset + g.units)));
    }
  }
  model.setWeights(tensors);
  tf.dispose(tensors);
}

/** The model's weights (or gradients in the same order) as one buffer laid out like ours. */
function toFlat(layout: ParamLayout, values: Float32Array[]): Float32Array {
  const out = new Float32Array(layout.paramCount);
  let k = 0;
  for (const g of layout.groups) {
    if (g.biasOffset < 0) continue;
    const start = g.kernelOffset ?? layout.edges.find((edge) => edge.to === g.id)!.offset;
    out.set(values[k++], start);
    out.set(values[k++], g.biasOffset);
  }
  return out;
}

function expectClose(label: string, ours: ArrayLike<number>, theirs: ArrayLike<number>, rel: number, abs: number): void {
  const bad: string[] = [];
  expect(ours.length).toBe(theirs.length);
  for (let i = 0; i < ours.length; i++) {
    const a = ours[i];
    const b = theirs[i];
    if (!(Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)) + abs)) bad.push(`${label}[${i}]: ours ${a} vs tfjs ${b}`);
  }
  expect(bad.slice(0, 6), `${bad.length} of ${ours.length} differ`).toEqual([]);
}

function settings(optimizer: Optimizer, learningRate: number): TrainSettings {
  return { ...DEFAULT_SETTINGS, optimizer, learningRate, batchSize: 0, loss: 'cce', l1: 0, l2: 0, seed: 9, initializer: 'glorot' };
}

describe('a LeNet-style conv net agrees with tfjs layers', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  afterAll(() => tf.disposeVariables());

  const data = table();
  const images = Float32Array.from(data.pixels!, (v) => v / 255);
  const program = compile(spec);
  const oneHot = (): tf.Tensor2D => tf.oneHot(tf.tensor1d(Array.from(data.y), 'int32'), CLASSES).toFloat() as tf.Tensor2D;

  it('has the Keras parameter count', () => {
    const model = kerasModel();
    expect(program.paramCount).toBe(model.countParams());
    model.layers.forEach((layer, i) => expect(program.layout.groups[i + 1].paramCount).toBe(layer.countParams()));
  });

  it('forward outputs and full-batch gradients', () => {
    const trainer = new Trainer(program, data, settings('sgd', 0.1));
    const model = kerasModel();
    setWeights(model, program.layout, trainer.params);
    const x = tf.tensor4d(images, [COUNT, SIDE, SIDE, 1]);
    const theirs = (model.predict(x) as tf.Tensor).dataSync();
    expectClose('forward', trainer.predict(images), theirs, 1e-4, 1e-6);

    trainer.train(1); // trainer.grads: the gradients at the weights compared above
    const y = oneHot();
    const keras = tf.variableGrads(() => tf.metrics.categoricalCrossentropy(y, model.apply(x) as tf.Tensor).mean() as tf.Scalar);
    const ordered = model.trainableWeights.map((w) => keras.grads[w.originalName ?? w.name].dataSync() as Float32Array);
    expectClose('gradients', trainer.grads, toFlat(program.layout, ordered), 1e-3, 1e-6);
  });

  for (const [optimizer, lr] of [
    ['sgd', 0.1],
    ['adam', 0.01]
  ] as const) {
    it(`5 steps of ${optimizer}`, () => {
      const trainer = new Trainer(program, data, settings(optimizer, lr));
      const model = kerasModel();
      setWeights(model, program.layout, trainer.params);
      const x = tf.tensor4d(images, [COUNT, SIDE, SIDE, 1]);
      const y = oneHot();
      const opt = optimizer === 'sgd' ? tf.train.sgd(lr) : tf.train.adam(lr, 0.9, 0.999, DEFAULT_SETTINGS.epsilon);
      for (let s = 0; s < 5; s++) opt.minimize(() => tf.metrics.categoricalCrossentropy(y, model.apply(x) as tf.Tensor).mean() as tf.Scalar);
      trainer.train(5);
      const theirs = toFlat(program.layout, model.getWeights().map((w) => w.dataSync() as Float32Array));
      expectClose(`${optimizer} params`, trainer.params, theirs, 1e-3, 2e-5);
    });
  }
});
