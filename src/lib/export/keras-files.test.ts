/**
 * The proof of the Keras file export: Python's h5py (no Keras, no TensorFlow) opens the `.keras` and `.h5`
 * files we write, and a NumPy forward pass from the stored config and weights (__fixtures__/keras_forward.py)
 * predicts what our engine predicts on 20 inputs, within 1e-5.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compile } from '../../../workers/engine';
import { toSpec } from '../model/spec';
import { readHdf5 } from '../formats/hdf5';
import { textDecoder, unzipEntries } from '../formats/zip';
import { runPython } from '../testing/python';
import { CONV_NET, CONV_NET_LAYERS, DENSE_STACK, PRELU_NET, SKIP_DAG, type TestNetwork } from './__fixtures__/networks';
import { referenceRun, relativeDifference } from './__fixtures__/reference';
import { kerasArchive, kerasH5 } from './keras-files';

const COUNT = 20;
const FORWARD = readFileSync(new URL('./__fixtures__/keras_forward.py', import.meta.url), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'axon-keras-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function rows(values: Float32Array, width: number): number[][] {
  return Array.from({ length: values.length / width }, (_, r) => Array.from(values.subarray(r * width, (r + 1) * width)));
}

async function numpyForward(net: TestNetwork, kind: 'keras' | 'h5', seed: number, trainSteps = 0) {
  const run = referenceRun(net, seed, COUNT, trainSteps);
  const write = kind === 'keras' ? kerasArchive : kerasH5;
  const bytes = await write(net.doc, run.program.layout, run.params, { settings: net.settings, date: new Date(0) });
  const path = join(dir, `${net.name}.${kind}`);
  writeFileSync(path, bytes);
  const request = { path, kind, inputs: run.inputs.map((i) => rows(i.values, i.units)) };
  const answer = JSON.parse(runPython(FORWARD, JSON.stringify(request))) as { outputs: number[][]; layers: string[] };
  return { run, theirs: answer.outputs.flat(), layers: answer.layers };
}

describe.each(['keras', 'h5'] as const)('%s file, read by h5py and run in NumPy', (kind) => {
  it('a Dense stack predicts what our engine predicts', async () => {
    const { run, theirs, layers } = await numpyForward(DENSE_STACK, kind, 11);
    expect(layers).toEqual(['InputLayer:x', 'Dense:h1', 'Dense:h2', 'Dense:out']);
    expect(theirs).toHaveLength(COUNT);
    expect(relativeDifference(run.ours, theirs)).toBeLessThan(1e-5);
  });

  it('a DAG with a skip connection and a two-parent group predicts what our engine predicts', async () => {
    const { run, theirs, layers } = await numpyForward(SKIP_DAG, kind, 12);
    expect(layers).toEqual([
      'InputLayer:x',
      'InputLayer:squares',
      'Concatenate:h_concat',
      'Dense:h',
      'LeakyReLU:h_leaky_relu',
      'Concatenate:y_concat',
      'Dense:y'
    ]);
    expect(relativeDifference(run.ours, theirs)).toBeLessThan(1e-5);
  });

  it('a trained conv net (same/valid padding, even kernel, max and average pooling) predicts what our engine predicts', async () => {
    const { run, theirs, layers } = await numpyForward(CONV_NET, kind, 14, 5);
    expect(layers).toEqual(CONV_NET_LAYERS);
    expect(theirs).toHaveLength(COUNT * 3);
    expect(relativeDifference(run.ours, theirs)).toBeLessThan(1e-5);
  });

  it('a conv net with PReLU convolutions (one slope per pixel and channel) predicts what our engine predicts', async () => {
    const net = structuredClone(CONV_NET);
    net.doc.nodes.filter((n) => n.kind === 'conv').forEach((n) => (n.activation = 'prelu'));
    const { run, theirs, layers } = await numpyForward(net, kind, 15);
    expect(layers).toContain('PReLU:conv_1_prelu');
    expect(relativeDifference(run.ours, theirs)).toBeLessThan(1e-5);
  });

  it('a PReLU net with dropout, ELU and softmax predicts what our engine predicts', async () => {
    const { run, theirs } = await numpyForward(PRELU_NET, kind, 13);
    expect(theirs).toHaveLength(COUNT * 3);
    expect(relativeDifference(run.ours, theirs)).toBeLessThan(1e-5);
  });
});

describe('file layout', () => {
  const layout = compile(toSpec(DENSE_STACK.doc)).layout;
  const params = Float32Array.from({ length: layout.paramCount }, (_, i) => i / 4);

  it('a .keras archive holds config.json, model.weights.h5 and metadata.json, with the optimizer and loss', async () => {
    const entries = await unzipEntries(await kerasArchive(DENSE_STACK.doc, layout, params, { settings: DENSE_STACK.settings, date: new Date(0) }));
    expect(Object.keys(entries).sort()).toEqual(['config.json', 'metadata.json', 'model.weights.h5']);
    expect(JSON.parse(textDecoder.decode(entries['metadata.json']))).toEqual({ keras_version: '3.6.0', date_saved: '1970-01-01@00:00:00' });
    const config = JSON.parse(textDecoder.decode(entries['config.json']));
    expect(config.compile_config.loss).toBe('binary_crossentropy');
    expect(config.compile_config.optimizer).toMatchObject({ class_name: 'Adam', config: { learning_rate: 0.01 } });
    const kernel = await readHdf5(entries['model.weights.h5'], (f) => {
      const d = f.get('layers/h1/vars/0') as import('h5wasm').Dataset;
      return { shape: d.shape, first: Array.from(d.value as Float32Array).slice(0, 3) };
    });
    expect(kernel.shape).toEqual([2, 3]);
  });

  it('an .h5 file keeps Keras 2 weight paths and names the layers with weights', async () => {
    const h5 = await kerasH5(DENSE_STACK.doc, layout, params, { settings: DENSE_STACK.settings });
    const read = await readHdf5(h5, (f) => ({
      layers: (f.get('model_weights') as import('h5wasm').Group).attrs.layer_names.value,
      weightNames: (f.get('model_weights/h2') as import('h5wasm').Group).attrs.weight_names.value,
      bias: Array.from((f.get('model_weights/out/out/bias:0') as import('h5wasm').Dataset).value as Float32Array),
      training: JSON.parse(f.attrs.training_config.value as string).loss
    }));
    expect(read.layers).toEqual(['x', 'h1', 'h2', 'out']);
    expect(read.weightNames).toEqual(['h2/kernel:0', 'h2/bias:0']);
    expect(read.bias).toEqual([params[layout.paramCount - 1]]);
    expect(read.training).toBe('binary_crossentropy');
  });

  it('names the node when an activation cannot be stored in a Keras file', async () => {
    const doc = structuredClone(DENSE_STACK.doc);
    doc.nodes[2].activation = 'arctan';
    const l = compile(toSpec(doc)).layout;
    await expect(kerasArchive(doc, l, new Float32Array(l.paramCount))).rejects.toThrow(
      "Keras files cannot carry a arctan activation: change node h2's activation to export."
    );
  });
});
