/**
 * The four benchmark workloads, described once and shared by both contenders (our engine and tfjs):
 * a chain of dense layers, a loss, a batch size, and seeded data.
 */
import type { Activation, DataTable, Loss, NetworkSpec } from '../workers/protocol';
import { createRng } from '../workers/engine/random';

export interface Workload {
  id: 'W1' | 'W2' | 'W3' | 'W4';
  title: string;
  /** units per layer, input first */
  sizes: number[];
  /** activation of each non-input layer */
  activations: Activation[];
  loss: Loss;
  batchSize: number;
  /** 'train': samples per second through SGD steps; 'grid': forward of every unit over a size×size grid */
  kind: 'train' | 'grid';
  gridSize: number;
}

const W2_HIDDEN = Array.from({ length: 6 }, () => 8);

export const WORKLOADS: Workload[] = [
  {
    id: 'W1',
    title: '2 → [4, 2] tanh → 1 tanh, MSE, SGD, batch 10',
    sizes: [2, 4, 2, 1],
    activations: ['tanh', 'tanh', 'tanh'],
    loss: 'mse',
    batchSize: 10,
    kind: 'train',
    gridSize: 0
  },
  {
    id: 'W2',
    title: '2 → 6 × 8 tanh → 1 tanh, MSE, SGD, batch 10',
    sizes: [2, ...W2_HIDDEN, 1],
    activations: [...W2_HIDDEN.map(() => 'tanh' as const), 'tanh'],
    loss: 'mse',
    batchSize: 10,
    kind: 'train',
    gridSize: 0
  },
  {
    id: 'W3',
    title: 'W2 forward over a 100×100 grid, every unit kept',
    sizes: [2, ...W2_HIDDEN, 1],
    activations: [...W2_HIDDEN.map(() => 'tanh' as const), 'tanh'],
    loss: 'mse',
    batchSize: 10,
    kind: 'grid',
    gridSize: 100
  },
  {
    id: 'W4',
    title: '784 → 128 ReLU → 10 softmax, CCE, SGD, batch 32',
    sizes: [784, 128, 10],
    activations: ['relu', 'softmax'],
    loss: 'cce',
    batchSize: 32,
    kind: 'train',
    gridSize: 0
  }
];

/** A chain spec: input group 'l0' with identity features, hidden 'l1'…, output 'out'. */
export function chainSpec(w: Workload): NetworkSpec {
  const ids = w.sizes.map((_, k) => (k === w.sizes.length - 1 ? 'out' : `l${k}`));
  return {
    groups: w.sizes.map((units, k) =>
      k === 0
        ? { id: ids[0], kind: 'input', units, activation: 'linear', features: Array.from({ length: units }, (_, a) => ({ op: 'id', a })) }
        : { id: ids[k], kind: k === w.sizes.length - 1 ? 'output' : 'hidden', units, activation: w.activations[k - 1] }
    ),
    edges: ids.slice(1).map((to, k) => ({ from: ids[k], to }))
  };
}

/**
 * Seeded data: 2-D workloads get points in [-6, 6]² with a ±1 circle target (regression on tanh output);
 * W4 gets uniform pixels and random class labels (throughput does not depend on the values).
 */
export function workloadData(w: Workload, count: number, seed = 1): DataTable {
  const rng = createRng(seed);
  const inputs = w.sizes[0];
  const x = new Float32Array(count * inputs);
  if (w.loss === 'cce') {
    for (let i = 0; i < x.length; i++) x[i] = rng.next();
    const classes = w.sizes[w.sizes.length - 1];
    const y = Float32Array.from({ length: count }, () => rng.int(classes));
    return {
      count,
      columns: Array.from({ length: inputs }, (_, k) => `p${k}`),
      x,
      y,
      classes: Array.from({ length: classes }, (_, k) => String(k)),
      targetColumns: [],
      isTest: new Uint8Array(count)
    };
  }
  for (let i = 0; i < x.length; i++) x[i] = rng.uniform(-6, 6);
  const y = Float32Array.from({ length: count }, (_, s) => (Math.hypot(x[s * 2], x[s * 2 + 1]) < 3 ? 1 : -1));
  return { count, columns: ['x1', 'x2'], x, y, classes: null, targetColumns: ['t'], isTest: new Uint8Array(count) };
}

/** One-hot rows for classification tables, the raw targets otherwise (tfjs wants dense targets). */
export function denseTargets(data: DataTable): Float32Array {
  if (data.classes === null) return data.y;
  const classes = data.classes.length;
  const out = new Float32Array(data.count * classes);
  for (let s = 0; s < data.count; s++) out[s * classes + data.y[s]] = 1;
  return out;
}

/** The grid points of W3, row-major (x fastest), over [-6, 6]². */
export function gridPoints(size: number): Float32Array {
  const out = new Float32Array(size * size * 2);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      out[(r * size + c) * 2] = -6 + (12 * c) / (size - 1);
      out[(r * size + c) * 2 + 1] = 6 - (12 * r) / (size - 1);
    }
  }
  return out;
}
