/**
 * What every exporter test compares against: our engine's predictions for a test network with random
 * parameters, and the model inputs (one row-major block per input node, computed from the raw points as
 * the exported make_inputs() does).
 */
import type { DataTable, Feature } from '../../../../workers/protocol';
import { compile, createRng, Trainer, type Program } from '../../../../workers/engine';
import { toSpec } from '../../model/spec';
import type { TestNetwork } from './networks';

export interface ReferenceRun {
  program: Program;
  params: Float32Array;
  /** raw points, count × columns */
  points: Float32Array;
  count: number;
  /** per input node (document order of inputs): count × features */
  inputs: { units: number; values: Float32Array }[];
  /** our engine's predictions, count × output units */
  ours: Float32Array;
  outputUnits: number;
}

function table(net: TestNetwork, points: Float32Array, count: number): DataTable {
  const out = net.doc.nodes.find((n) => n.kind === 'output')!;
  const classification = out.activation === 'sigmoid' || out.activation === 'softmax';
  const classes = classification ? Math.max(2, out.units) : 0;
  return {
    count,
    columns: net.columns,
    x: points,
    y: Float32Array.from({ length: count * (classification ? 1 : out.units) }, (_, i) => (classification ? i % classes : i / count)),
    classes: classification ? Array.from({ length: classes }, (_, i) => `c${i}`) : null,
    targetColumns: classification ? [] : Array.from({ length: out.units }, (_, i) => `t${i}`),
    isTest: new Uint8Array(count)
  };
}

export function featureValue(f: Feature, row: Float32Array): number {
  const a = row[f.a];
  switch (f.op) {
    case 'id':
      return a;
    case 'square':
      return a * a;
    case 'sin':
      return Math.sin(a);
    case 'product':
      return a * row[f.b ?? f.a];
  }
}

/** The model's inputs, one block per input node, in the order the exporters list their inputs. */
export function modelInputs(net: TestNetwork, points: Float32Array, count: number): { units: number; values: Float32Array }[] {
  const columns = net.columns.length;
  return net.doc.nodes
    .filter((n) => n.kind === 'input')
    .map((node) => {
      // An image input reads the raw columns as they are (row-major HWC pixels).
      if (node.image) return { units: columns, values: points.slice() };
      const features = node.features!;
      const values = new Float32Array(count * features.length);
      for (let p = 0; p < count; p++) {
        const row = points.subarray(p * columns, (p + 1) * columns);
        features.forEach((f, u) => (values[p * features.length + u] = featureValue(f, row)));
      }
      return { units: features.length, values };
    });
}

/**
 * Random points in [-3, 3] (images: pixels k/255) and random parameters in [-1.5, 1.5] (PReLU slopes
 * included), then our prediction. `trainSteps` > 0 trains that many steps on the points first.
 */
export function referenceRun(net: TestNetwork, seed: number, count: number, trainSteps = 0): ReferenceRun {
  const rng = createRng(seed);
  const image = net.doc.nodes.some((n) => n.image);
  const points = Float32Array.from({ length: count * net.columns.length }, () => (image ? rng.int(256) / 255 : rng.uniform(-3, 3)));
  const program = compile(toSpec(net.doc));
  const trainer = new Trainer(program, table(net, points, count), net.settings);
  const spread = image ? 0.5 : 1.5;
  trainer.setParams(Float32Array.from({ length: program.paramCount }, () => rng.uniform(-spread, spread)));
  if (trainSteps > 0) trainer.train(trainSteps);
  const ours = trainer.predict(points);
  const params = Float32Array.from(trainer.params);
  return { program, params, points, count, inputs: modelInputs(net, points, count), ours, outputUnits: ours.length / count };
}

/** max |a − b| / max(1, max |a|): unbounded regression outputs are compared relative to their size. */
export function relativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let max = 0;
  let scale = 1;
  for (let i = 0; i < a.length; i++) {
    max = Math.max(max, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(a[i]));
  }
  return max / scale;
}
