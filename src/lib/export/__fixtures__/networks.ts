/**
 * Three small networks for the exporters' tests (a Dense stack, a DAG with a skip connection and a
 * two-parent group, a PReLU net), with deterministic weights that read well in the fixture files.
 */
import type { Activation, Feature, ParamLayout, TrainSettings } from '../../../../workers/protocol';
import type { NetworkDoc, NodeRecord } from '../../model/document';
import { DEFAULT_SETTINGS } from '../../model/playground';

export interface TestNetwork {
  name: string;
  doc: NetworkDoc;
  settings: TrainSettings;
  columns: string[];
}

function input(id: string, label: string, features: Feature[]): NodeRecord {
  return { id, kind: 'input', label, x: 0, y: 0, units: features.length, activation: 'linear', features };
}
function dense(id: string, label: string, units: number, activation: Activation, extra: Partial<NodeRecord> = {}): NodeRecord {
  return { id, kind: 'dense', label, x: 100, y: 0, units, activation, ...extra };
}
function output(id: string, label: string, units: number, activation: Activation): NodeRecord {
  return { id, kind: 'output', label, x: 200, y: 0, units, activation };
}
const edge = (from: string, to: string) => ({ id: `${from}-${to}`, from, to });

export const DENSE_STACK: TestNetwork = {
  name: 'dense-stack',
  doc: {
    nodes: [
      input('n1', 'x', [{ op: 'id', a: 0 }, { op: 'id', a: 1 }]),
      dense('n2', 'h1', 3, 'tanh'),
      dense('n3', 'h2', 2, 'relu'),
      output('n4', 'out', 1, 'sigmoid')
    ],
    edges: [edge('n1', 'n2'), edge('n2', 'n3'), edge('n3', 'n4')]
  },
  settings: { ...DEFAULT_SETTINGS, optimizer: 'adam', learningRate: 0.01, loss: 'bce' },
  columns: ['x1', 'x2']
};

/** Two input nodes; "h" has two parents; the output also reads the input directly (a skip connection). */
export const SKIP_DAG: TestNetwork = {
  name: 'skip-connection',
  doc: {
    nodes: [
      input('a', 'x', [{ op: 'id', a: 0 }, { op: 'id', a: 1 }]),
      input('b', 'squares', [{ op: 'square', a: 0 }, { op: 'square', a: 1 }, { op: 'product', a: 0, b: 1 }]),
      dense('c', 'h', 2, 'leaky_relu', { l2: 0.01 }),
      output('d', 'y', 1, 'linear')
    ],
    edges: [edge('a', 'c'), edge('b', 'c'), edge('c', 'd'), edge('a', 'd')]
  },
  settings: { ...DEFAULT_SETTINGS, optimizer: 'momentum', momentum: 0.9, learningRate: 0.05, loss: 'mse', l2: 0.001 },
  columns: ['distance', 'rating']
};

export const PRELU_NET: TestNetwork = {
  name: 'prelu-net',
  doc: {
    nodes: [
      input('i', 'inputs', [{ op: 'id', a: 0 }, { op: 'id', a: 1 }, { op: 'sin', a: 0 }]),
      dense('p', 'hidden 1', 3, 'prelu', { dropout: 0.2 }),
      dense('q', 'hidden 2', 2, 'elu'),
      output('o', 'class', 3, 'softmax')
    ],
    edges: [edge('i', 'p'), edge('p', 'q'), edge('q', 'o')]
  },
  settings: { ...DEFAULT_SETTINGS, optimizer: 'rmsprop', learningRate: 0.001, loss: 'sparse_cce' },
  columns: ['x1', 'x2']
};

/** Weights in steps of 0.25 between -1 and 1, exact in float32, different from one index to the next. */
export function readableParams(layout: ParamLayout): Float32Array {
  return Float32Array.from({ length: layout.paramCount }, (_, i) => (((i * 5) % 9) - 4) / 4);
}

const IMAGE = { height: 9, width: 9, channels: 2 };

/**
 * A small conv net on 9×9 images with 2 channels (so channel order matters): a 'same' conv with an odd
 * kernel, max pooling, a 'same' conv with an even kernel (the uneven padding split), average pooling with
 * stride 1, flatten, then Dense layers. Trained a few steps by the tests that need a trained net.
 */
export const CONV_NET: TestNetwork = {
  name: 'conv-net',
  doc: {
    nodes: [
      { id: 'i', kind: 'input', label: 'image', x: 0, y: 0, units: IMAGE.height * IMAGE.width * IMAGE.channels, activation: 'linear', image: IMAGE },
      { id: 'c1', kind: 'conv', label: 'conv 1', x: 50, y: 0, units: 4, activation: 'relu', conv: { filters: 4, kernelSize: 3, stride: 1, padding: 'same' } },
      { id: 'p1', kind: 'pool', label: 'pool 1', x: 100, y: 0, units: 1, activation: 'linear', pool: { mode: 'max', poolSize: 2, stride: 2 } },
      { id: 'c2', kind: 'conv', label: 'conv 2', x: 150, y: 0, units: 3, activation: 'tanh', conv: { filters: 3, kernelSize: 2, stride: 1, padding: 'same' } },
      { id: 'p2', kind: 'pool', label: 'pool 2', x: 200, y: 0, units: 1, activation: 'linear', pool: { mode: 'avg', poolSize: 2, stride: 1 } },
      { id: 'f', kind: 'flatten', label: 'flat', x: 250, y: 0, units: 1, activation: 'linear' },
      dense('d', 'dense', 5, 'elu'),
      output('o', 'digit', 3, 'softmax')
    ],
    edges: [edge('i', 'c1'), edge('c1', 'p1'), edge('p1', 'c2'), edge('c2', 'p2'), edge('p2', 'f'), edge('f', 'd'), edge('d', 'o')]
  },
  settings: { ...DEFAULT_SETTINGS, optimizer: 'adam', learningRate: 0.01, loss: 'cce', batchSize: 8 },
  columns: Array.from({ length: IMAGE.height * IMAGE.width * IMAGE.channels }, (_, i) => `p${i}`)
};

/** CONV_NET's layers as Keras and TF.js list them ("Class:name"). */
export const CONV_NET_LAYERS = [
  'InputLayer:image',
  'Conv2D:conv_1',
  'MaxPooling2D:pool_1',
  'Conv2D:conv_2',
  'AveragePooling2D:pool_2',
  'Flatten:flat',
  'Dense:dense',
  'Dense:digit'
];
