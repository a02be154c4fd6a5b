/**
 * Held-out realism: models made and trained by @tensorflow/tfjs in node (not by our exporter), saved as
 * files, imported, and predicting what tfjs predicts on the same points.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axonPredict, maxDifference, randomPoints, saveToFiles, tfjsPredict } from './__fixtures__/made-by-tfjs';
import { importTfjs } from './tfjs-model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => tf.disposeVariables());

const POINTS = 40;

async function trainBriefly(model: tf.LayersModel, inputs: number, outputs: number): Promise<void> {
  const x = tf.tensor2d(randomPoints(64, inputs, 3), [64, inputs]);
  const depth = Math.max(2, outputs);
  const labels = tf.oneHot(tf.tensor1d(Array.from({ length: 64 }, (_, i) => i % depth), 'int32'), depth).toFloat();
  const y = outputs === 1 ? labels.slice([0, 0], [64, 1]) : labels;
  await model.fit(x, y, { epochs: 3, batchSize: 16, verbose: 0, shuffle: false });
  tf.dispose([x, labels, y]);
}

describe('importTfjs, on models made by tfjs', () => {
  it('a trained Sequential classifier (Dense, Dropout, Activation) predicts what tfjs predicts', async () => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu', name: 'hidden' }));
    model.add(tf.layers.dropout({ rate: 0.25, name: 'drop' }));
    model.add(tf.layers.dense({ units: 6, activation: 'tanh', name: 'second' }));
    model.add(tf.layers.dense({ units: 3, name: 'logits' }));
    model.add(tf.layers.activation({ activation: 'softmax', name: 'probabilities' }));
    model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.adam(0.02) });
    await trainBriefly(model, 4, 3);
    const files = await saveToFiles(model);
    const imported = importTfjs(files.json, files.shards);

    expect(imported.doc.nodes.map((n) => `${n.kind}:${n.label}:${n.units}:${n.activation}:${n.dropout ?? 0}`)).toEqual([
      'input:hidden_input:4:linear:0',
      'dense:hidden:8:relu:0.25',
      'dense:second:6:tanh:0',
      'output:logits:3:softmax:0'
    ]);
    expect(imported.settings).toMatchObject({ loss: 'cce', optimizer: 'adam', learningRate: 0.02 });
    // Left to right: every wire goes rightwards.
    const x = new Map(imported.doc.nodes.map((n) => [n.id, n.x]));
    for (const e of imported.doc.edges) expect(x.get(e.to)!).toBeGreaterThan(x.get(e.from)!);
    expect(imported.params.length).toBe(model.countParams());

    const points = randomPoints(POINTS, 4, 11);
    const theirs = await tfjsPredict(model, points, [4]);
    const ours = axonPredict(imported, points);
    expect(ours).toHaveLength(POINTS * 3);
    expect(maxDifference(ours, theirs)).toBeLessThan(1e-5);
    model.dispose();
  });

  it('a Functional model with a skip connection (Add, Concatenate) becomes several-parent groups and predicts the same', async () => {
    const input = tf.input({ shape: [3], name: 'features' });
    const a = tf.layers.dense({ units: 5, activation: 'tanh', name: 'a' }).apply(input) as tf.SymbolicTensor;
    const b = tf.layers.dense({ units: 5, activation: 'relu', name: 'b' }).apply(a) as tf.SymbolicTensor;
    const sum = tf.layers.add({ name: 'skip' }).apply([a, b]) as tf.SymbolicTensor;
    const joined = tf.layers.concatenate({ name: 'joined' }).apply([sum, input]) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 1, activation: 'sigmoid', name: 'y' }).apply(joined) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    model.compile({ loss: 'binaryCrossentropy', optimizer: tf.train.sgd(0.1) });
    await trainBriefly(model, 3, 1);
    const files = await saveToFiles(model);
    const imported = importTfjs(files.json, files.shards);

    const label = new Map(imported.doc.nodes.map((n) => [n.id, n.label]));
    expect(imported.doc.edges.map((e) => `${label.get(e.from)}→${label.get(e.to)}`)).toEqual([
      'features→a',
      'a→b',
      'a→y',
      'b→y',
      'features→y'
    ]);
    expect(imported.settings).toMatchObject({ loss: 'bce', optimizer: 'sgd', learningRate: 0.1 });
    expect(imported.notes.join(' ')).toContain("Add 'skip'");

    const points = randomPoints(POINTS, 3, 12);
    expect(maxDifference(axonPredict(imported, points), await tfjsPredict(model, points, [3]))).toBeLessThan(1e-5);
    model.dispose();
  });

  it('LeakyReLU (our slope), PReLU, a sum read by an activation, and two inputs predict the same', async () => {
    const left = tf.input({ shape: [2], name: 'left' });
    const right = tf.input({ shape: [3], name: 'right' });
    const l = tf.layers.dense({ units: 4, name: 'l' }).apply(left) as tf.SymbolicTensor;
    const lAct = tf.layers.leakyReLU({ alpha: 0.01, name: 'l_leaky' }).apply(l) as tf.SymbolicTensor;
    const r = tf.layers.dense({ units: 4, name: 'r' }).apply(right) as tf.SymbolicTensor;
    const rAct = tf.layers.prelu({ name: 'r_prelu', alphaInitializer: tf.initializers.constant({ value: 0.2 }) }).apply(r) as tf.SymbolicTensor;
    const sum = tf.layers.add({ name: 'sum' }).apply([lAct, rAct]) as tf.SymbolicTensor;
    const act = tf.layers.activation({ activation: 'elu', name: 'sum_elu' }).apply(sum) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 2, name: 'out' }).apply(act) as tf.SymbolicTensor;
    const model = tf.model({ inputs: [left, right], outputs: out });
    const files = await saveToFiles(model);
    const imported = importTfjs(files.json, files.shards);

    expect(imported.doc.nodes.map((n) => `${n.label}:${n.activation}`)).toEqual(['left:linear', 'right:linear', 'l:leaky_relu', 'r:prelu', 'sum_elu:elu', 'out:linear']);
    expect(imported.settings).toEqual({});
    const points = randomPoints(POINTS, 5, 13);
    const theirs = await tfjsPredict(model, points, [2, 3]);
    expect(maxDifference(axonPredict(imported, points), theirs)).toBeLessThan(1e-5);
    model.dispose();
  });
});
