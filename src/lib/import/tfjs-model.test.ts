/**
 * Held-out realism: models made and trained by @tensorflow/tfjs in node (not by our exporter), saved as
 * files, imported, and predicting what tfjs predicts on the same points.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axonPredict, filesOf, maxDifference, randomPoints, type SavedFiles } from './__fixtures__/made-by-tfjs';
import { importTfjs } from './tfjs-model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => tf.disposeVariables());

const POINTS = 40;

/** Saves a model as model.json + weights.bin (with the optimizer config when it is compiled). */
export async function saveToFiles(model: tf.LayersModel): Promise<SavedFiles> {
  let artifacts: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
    { includeOptimizer: model.optimizer !== undefined && model.optimizer !== null }
  );
  const a = artifacts as unknown as tf.io.ModelArtifacts;
  const weightData = new Uint8Array((a.weightData as ArrayBuffer).slice(0));
  return filesOf(
    {
      format: a.format,
      generatedBy: a.generatedBy,
      convertedBy: a.convertedBy ?? null,
      modelTopology: a.modelTopology,
      weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs }],
      ...(a.trainingConfig ? { trainingConfig: a.trainingConfig } : {})
    },
    weightData
  );
}

/** tfjs's prediction on the points (one input tensor of all columns, or one per input for several). */
export async function tfjsPredict(model: tf.LayersModel, points: Float32Array, inputSizes: number[], image?: [number, number, number]): Promise<Float32Array> {
  const columns = inputSizes.reduce((a, b) => a + b, 0);
  const count = points.length / columns;
  let start = 0;
  const inputs = inputSizes.map((size) => {
    const values = new Float32Array(count * size);
    for (let p = 0; p < count; p++) values.set(points.subarray(p * columns + start, p * columns + start + size), p * size);
    start += size;
    return tf.tensor2d(values, [count, size]);
  });
  // An image model reads [count, h, w, c]: the same values, row-major HWC per point.
  const shaped = inputs.length === 1 && image ? inputs[0].reshape([count, ...image]) : null;
  const out = model.predict(shaped ?? (inputs.length === 1 ? inputs[0] : inputs)) as tf.Tensor;
  const data = (await out.data()) as Float32Array;
  tf.dispose([out, ...inputs, ...(shaped ? [shaped] : [])]);
  return Float32Array.from(data);
}


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

/** Quantises every weight of the files as TF.js's converter does (per tensor: q = round((v − min) / scale)). */
function quantised(files: SavedFiles, dtype: 'uint8' | 'uint16'): SavedFiles {
  const manifest = files.modelJson.weightsManifest as { paths: string[]; weights: { name: string; shape: number[]; dtype: string }[] }[];
  const floats = new Float32Array(files.weightData.buffer.slice(files.weightData.byteOffset, files.weightData.byteOffset + files.weightData.byteLength));
  const levels = dtype === 'uint8' ? 255 : 65535;
  const bytesPer = dtype === 'uint8' ? 1 : 2;
  const out = new Uint8Array((floats.length * bytesPer));
  const view = new DataView(out.buffer);
  let at = 0;
  const weights = manifest[0].weights.map((spec) => {
    const count = spec.shape.reduce((a, b) => a * b, 1);
    const values = floats.subarray(at, at + count);
    const min = Math.min(...values);
    const scale = (Math.max(...values) - min) / levels || 1;
    values.forEach((v, i) => {
      const q = Math.round((v - min) / scale);
      if (bytesPer === 1) out[at + i] = q;
      else view.setUint16((at + i) * 2, q, true);
    });
    at += count;
    return { ...spec, quantization: { dtype, scale, min } };
  });
  return filesOf({ ...files.modelJson, weightsManifest: [{ paths: ['weights.bin'], weights }] }, out);
}

describe('quantised weights', () => {
  it.each(['uint8', 'uint16'] as const)('%s weights are dequantised as tfjs dequantises them', async (dtype) => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 5, inputShape: [3], activation: 'tanh', name: 'h' }));
    model.add(tf.layers.dense({ units: 2, activation: 'softmax', name: 'p' }));
    const files = quantised(await saveToFiles(model), dtype);
    expect(files.weightData.byteLength).toBe(model.countParams() * (dtype === 'uint8' ? 1 : 2));
    const imported = importTfjs(files.json, files.shards);
    const manifest = files.modelJson.weightsManifest as { weights: tf.io.WeightsManifestEntry[] }[];
    const reloaded = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: files.modelJson.modelTopology as object, weightSpecs: manifest[0].weights, weightData: files.weightData.buffer as ArrayBuffer })
    );
    const points = randomPoints(POINTS, 3, 14);
    const theirs = await tfjsPredict(reloaded, points, [3]);
    expect(maxDifference(axonPredict(imported, points), theirs)).toBeLessThan(1e-5);
    // And the quantisation was real: the prediction moved away from the float32 model's.
    expect(maxDifference(theirs, await tfjsPredict(model, points, [3]))).toBeGreaterThan(1e-6);
    model.dispose();
    reloaded.dispose();
  });
});

describe('conv nets made by tfjs', () => {
  it('Conv2D (same and valid, strides), MaxPooling2D, AveragePooling2D, Flatten, Dropout and Dense predict what tfjs predicts', async () => {
    const model = tf.sequential();
    model.add(tf.layers.conv2d({ inputShape: [9, 9, 2], filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', name: 'conv_a' }));
    model.add(tf.layers.maxPooling2d({ poolSize: 2, name: 'pool_a' }));
    model.add(tf.layers.conv2d({ filters: 3, kernelSize: 2, strides: 1, padding: 'valid', name: 'conv_b' }));
    model.add(tf.layers.activation({ activation: 'tanh', name: 'conv_b_tanh' }));
    model.add(tf.layers.averagePooling2d({ poolSize: 2, strides: 1, name: 'pool_b' }));
    model.add(tf.layers.dropout({ rate: 0.1, name: 'pool_b_drop' }));
    model.add(tf.layers.flatten({ name: 'flat' }));
    model.add(tf.layers.dense({ units: 3, activation: 'softmax', name: 'classes' }));
    model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.adam(0.01) });
    const files = await saveToFiles(model);
    const imported = importTfjs(files.json, files.shards);

    expect(imported.doc.nodes.map((n) => `${n.kind}:${n.label}:${n.units}:${n.activation}:${n.dropout ?? 0}`)).toEqual([
      'input:conv_a_input:162:linear:0',
      'conv:conv_a:4:relu:0',
      'pool:pool_a:4:linear:0',
      'conv:conv_b:3:tanh:0',
      'pool:pool_b:3:linear:0.1',
      'flatten:flat:1:linear:0',
      'output:classes:3:softmax:0'
    ]);
    expect(imported.doc.nodes[0].image).toEqual({ height: 9, width: 9, channels: 2 });
    expect(imported.doc.nodes[1].conv).toEqual({ filters: 4, kernelSize: 3, stride: 1, padding: 'same' });
    expect(imported.doc.nodes[4].pool).toEqual({ mode: 'avg', poolSize: 2, stride: 1 });
    expect(imported.params.length).toBe(model.countParams());

    const points = randomPoints(POINTS, 162, 15);
    const theirs = await tfjsPredict(model, points, [162], [9, 9, 2]);
    expect(maxDifference(axonPredict(imported, points), theirs)).toBeLessThan(1e-5);
    model.dispose();
  });
});

describe('converter-style files', () => {
  it('a Keras model converted by tensorflowjs_converter (model_config wrapper, three shards) opens and predicts the same', async () => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 7, inputShape: [3], activation: 'elu', name: 'dense' }));
    model.add(tf.layers.dense({ units: 2, activation: 'softmax', name: 'dense_1' }));
    const files = await saveToFiles(model);
    // The converter keeps the Keras JSON under modelTopology.model_config and splits the weights into shards.
    const paths = ['group1-shard1of3.bin', 'group1-shard2of3.bin', 'group1-shard3of3.bin'];
    const cuts = [0, 37, 90, files.weightData.byteLength];
    const manifest = files.modelJson.weightsManifest as { weights: unknown[] }[];
    const converted = {
      format: 'layers-model',
      generatedBy: 'keras v2.13.1',
      convertedBy: 'TensorFlow.js Converter v4.22.0',
      modelTopology: {
        keras_version: '2.13.1',
        backend: 'tensorflow',
        model_config: files.modelJson.modelTopology,
        training_config: { loss: 'sparse_categorical_crossentropy', optimizer_config: { class_name: 'RMSprop', config: { learning_rate: 0.004, rho: 0.8 } } }
      },
      weightsManifest: [{ paths: paths.map((p) => `./${p}`), weights: manifest[0].weights }]
    };
    const shards = paths.map((name, i) => ({ name, bytes: files.weightData.subarray(cuts[i], cuts[i + 1]) }));
    const imported = importTfjs(filesOf(converted, new Uint8Array()).json, shards.reverse());
    expect(imported.settings).toMatchObject({ loss: 'sparse_cce', optimizer: 'rmsprop', rho: 0.8, learningRate: 0.004 });
    const points = randomPoints(POINTS, 3, 16);
    expect(maxDifference(axonPredict(imported, points), await tfjsPredict(model, points, [3]))).toBeLessThan(1e-5);
    model.dispose();
  });
});
