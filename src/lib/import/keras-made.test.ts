/**
 * Held-out realism for the Keras readers: files laid out as Keras itself writes them (a Keras 2.13 legacy
 * .h5 Sequential with an implicit input and Custom>Adam; a Keras 3 .keras Sequential conv net), written by
 * h5py in __fixtures__/keras_made.py, not by our exporter. Our prediction matches NumPy's within 1e-5.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPython } from '../testing/python';
import { axonPredict, maxDifference, randomPoints } from './__fixtures__/made-by-tfjs';
import { importKerasArchive, importKerasH5 } from './keras-model';

const SCRIPT = readFileSync(new URL('./__fixtures__/keras_made.py', import.meta.url), 'utf8');
const COUNT = 20;
const dir = mkdtempSync(join(tmpdir(), 'axon-keras-made-'));
const dense = randomPoints(COUNT, 4, 21);
// Pixels as MNIST-like bytes scaled to [0, 1].
const conv = Float32Array.from(randomPoints(COUNT, 36, 22), (v) => Math.round(((v + 2) / 4) * 255) / 255);
let numpy: { dense: number[][]; conv: number[][] };

const rows = (values: Float32Array, width: number) => Array.from({ length: values.length / width }, (_, r) => Array.from(values.subarray(r * width, (r + 1) * width)));

beforeAll(() => {
  numpy = JSON.parse(runPython(SCRIPT, JSON.stringify({ dir, inputs_dense: rows(dense, 4), inputs_conv: rows(conv, 36) })));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Keras files laid out by Keras', () => {
  it('a Keras 2 legacy .h5 Sequential (implicit input, Dropout, Custom>Adam) opens and predicts what NumPy predicts', async () => {
    const imported = await importKerasH5({ name: 'keras2.h5', bytes: new Uint8Array(readFileSync(join(dir, 'keras2.h5'))) });
    expect(imported.doc.nodes.map((n) => `${n.kind}:${n.label}:${n.units}:${n.activation}:${n.dropout ?? 0}`)).toEqual([
      'input:dense_input:4:linear:0',
      'dense:dense:8:relu:0.3',
      'output:dense_1:3:softmax:0'
    ]);
    expect(imported.settings).toMatchObject({ loss: 'cce', optimizer: 'adam', learningRate: 0.0020000000949949026 });
    expect(maxDifference(axonPredict(imported, dense), numpy.dense.flat())).toBeLessThan(1e-5);
  });

  it('a Keras 3 .keras Sequential conv net opens and predicts what NumPy predicts', async () => {
    const imported = await importKerasArchive({ name: 'keras3.keras', bytes: new Uint8Array(readFileSync(join(dir, 'keras3.keras'))) });
    expect(imported.doc.nodes.map((n) => `${n.kind}:${n.label}:${n.activation}`)).toEqual([
      'input:input_layer:linear',
      'conv:conv2d:relu',
      'pool:max_pooling2d:linear',
      'flatten:flatten:linear',
      'output:dense:softmax'
    ]);
    expect(imported.doc.nodes[0].image).toEqual({ height: 6, width: 6, channels: 1 });
    expect(imported.settings).toMatchObject({ loss: 'sparse_cce', optimizer: 'nesterov', momentum: 0.9, learningRate: 0.05 });
    expect(imported.params).toHaveLength(3 * 3 * 2 + 2 + 8 * 2 + 2);
    expect(maxDifference(axonPredict(imported, conv), numpy.conv.flat())).toBeLessThan(1e-5);
  });
});
