/**
 * Round trips: a network exported by our TF.js and Keras writers and imported again is the same network
 * (groups, wires, activations, dropout) and predicts bit for bit what the original predicts (float32).
 */
import { describe, expect, it } from 'vitest';
import type { NetworkDoc } from '../model/document';
import { CONV_NET, DENSE_STACK, PRELU_NET, SKIP_DAG, type TestNetwork } from '../export/__fixtures__/networks';
import { referenceRun } from '../export/__fixtures__/reference';
import { kerasArchive, kerasH5 } from '../export/keras-files';
import { identifier } from '../export/plan';
import { tfjsModel } from '../export/tfjs';
import { axonPredict } from './__fixtures__/made-by-tfjs';
import { importKerasArchive, importKerasH5 } from './keras-model';
import { importTfjs } from './tfjs-model';
import type { ImportedModel } from './types';

const COUNT = 20;
const encoder = new TextEncoder();

type Format = 'tfjs' | 'keras' | 'h5';

async function roundTrip(net: TestNetwork, format: Format, seed: number) {
  const run = referenceRun(net, seed, COUNT);
  let imported: ImportedModel;
  if (format === 'tfjs') {
    const { modelJson, weightData } = tfjsModel(net.doc, run.program.layout, run.params, { weightsPath: 'w.bin' });
    imported = importTfjs({ name: 'model.json', bytes: encoder.encode(JSON.stringify(modelJson)) }, [{ name: 'w.bin', bytes: new Uint8Array(weightData) }]);
  } else {
    const write = format === 'keras' ? kerasArchive : kerasH5;
    const bytes = await write(net.doc, run.program.layout, run.params, { settings: net.settings });
    imported = await (format === 'keras' ? importKerasArchive : importKerasH5)({ name: `model.${format}`, bytes });
  }
  // The imported model's inputs are the original's input blocks side by side.
  const width = run.inputs.reduce((sum, i) => sum + i.units, 0);
  const points = new Float32Array(COUNT * width);
  for (let p = 0; p < COUNT; p++) {
    let at = p * width;
    for (const input of run.inputs) {
      points.set(input.values.subarray(p * input.units, (p + 1) * input.units), at);
      at += input.units;
    }
  }
  return { run, imported, theirs: axonPredict(imported, points, { loss: 'mse' }) };
}

/** Groups (their layers' settings) and wires, by label as the exporters name them. Pool and flatten units are display-only. */
function shape(doc: NetworkDoc, rename: (label: string) => string) {
  const label = new Map(doc.nodes.map((n) => [n.id, rename(n.label)]));
  const units = (n: NetworkDoc['nodes'][number]) => (n.kind === 'pool' || n.kind === 'flatten' ? '' : n.units);
  const layer = (n: NetworkDoc['nodes'][number]) => JSON.stringify(n.conv ?? n.pool ?? n.image ?? null);
  return {
    nodes: doc.nodes.map((n) => `${n.kind} ${rename(n.label)} ${units(n)} ${n.activation} ${n.dropout ?? 0} ${layer(n)}`),
    edges: doc.edges.map((e) => `${label.get(e.from)}→${label.get(e.to)}`).sort()
  };
}

describe.each(['tfjs', 'keras', 'h5'] as const)('Axon → %s → Axon', (format) => {
  it.each([
    ['a Dense stack', DENSE_STACK, 1],
    ['a DAG with a skip connection, two inputs and a two-parent group', SKIP_DAG, 2],
    ['a PReLU net with dropout, ELU and softmax', PRELU_NET, 3],
    ['a conv net (same/valid convs, max and average pooling, flatten)', CONV_NET, 4]
  ] as const)('%s comes back the same and predicts bit for bit', async (_, net, seed) => {
    const { run, imported, theirs } = await roundTrip(net, format, seed);
    expect(shape(imported.doc, (l) => l)).toEqual(shape(net.doc, identifier));
    expect(imported.params).toHaveLength(run.program.paramCount);
    expect(Array.from(theirs)).toEqual(Array.from(run.ours));
    if (format !== 'tfjs') {
      expect(imported.settings).toMatchObject({ optimizer: net.settings.optimizer, learningRate: net.settings.learningRate, loss: net.settings.loss });
    }
  });
});
