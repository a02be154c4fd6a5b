/**
 * The conv-net presets: "MNIST with a conv net" (the ConvNetJS demo's net) and "Filters learn edges" (the
 * synthetic stripes / crosses / rings). Their documents are chains: an image input, conv and pool layers,
 * a Flatten, then dense layers and the output, laid out left to right.
 */
import type { Activation, ImageShape, Padding, PoolMode } from '../../../workers/protocol';
import { COLUMN_SPACING } from '../model/build';
import type { EdgeRecord, NetworkDoc, NodeRecord } from '../model/document';
import { nodeSize } from '../model/geometry';
import { DEFAULT_SETTINGS, type DataSource, type PlaygroundState } from '../model/playground';
import type { TrainSettings } from '../../../workers/protocol';
import { MNIST_SIDE, MNIST_TEST_COUNT, MNIST_TRAIN_COUNT } from './mnist';
import { SHAPES_SIDE } from './shapes';

export type ChainLayer =
  | { kind: 'conv'; filters: number; kernelSize: number; stride?: number; padding: Padding; activation: Activation }
  | { kind: 'pool'; mode: PoolMode; poolSize: number; stride?: number }
  | { kind: 'flatten' }
  | { kind: 'dense'; units: number; activation: Activation };

/**
 * An image input, then `layers` in a row, then the output. A pool's display units are the channels it passes
 * on (one tile each on the canvas); a Flatten shows as one small node.
 */
export function convChain(image: ImageShape, label: string, layers: ChainLayer[], output: { units: number; activation: Activation }): NetworkDoc {
  const nodes: NodeRecord[] = [
    { id: 'in1', kind: 'input', label, x: 0, y: 0, units: image.height * image.width * image.channels, activation: 'linear', image: { ...image } }
  ];
  let channels = image.channels;
  const counts: Record<string, number> = {};
  const id = (prefix: string) => `${prefix}${(counts[prefix] = (counts[prefix] ?? 0) + 1)}`;
  for (const layer of layers) {
    const base = { label: '', x: 0, y: 0 };
    if (layer.kind === 'conv') {
      channels = layer.filters;
      const conv = { filters: layer.filters, kernelSize: layer.kernelSize, stride: layer.stride ?? 1, padding: layer.padding };
      nodes.push({ ...base, id: id('conv'), kind: 'conv', units: layer.filters, activation: layer.activation, conv });
    } else if (layer.kind === 'pool') {
      const pool = { mode: layer.mode, poolSize: layer.poolSize, stride: layer.stride ?? layer.poolSize };
      nodes.push({ ...base, id: id('pool'), kind: 'pool', units: channels, activation: 'linear', pool });
    } else if (layer.kind === 'flatten') {
      nodes.push({ ...base, id: id('flat'), kind: 'flatten', units: 1, activation: 'linear' });
    } else {
      nodes.push({ ...base, id: id('h'), kind: 'dense', units: layer.units, activation: layer.activation });
    }
  }
  nodes.push({ id: 'out', kind: 'output', label: 'out', x: 0, y: 0, units: output.units, activation: output.activation });
  const tallest = Math.max(...nodes.map((n) => nodeSize(n).height));
  nodes.forEach((node, c) => {
    node.x = c * COLUMN_SPACING;
    node.y = Math.round((tallest - nodeSize(node).height) / 2);
  });
  const edges: EdgeRecord[] = nodes.slice(1).map((node, k) => ({ id: `e${k + 1}`, from: nodes[k].id, to: node.id }));
  return { nodes, edges };
}

function convState(data: DataSource, doc: NetworkDoc, settings: Partial<TrainSettings>): PlaygroundState {
  return { version: 1, doc, settings: { ...DEFAULT_SETTINGS, ...settings }, data, view: { xColumn: 0, yColumn: 1 } };
}

const MNIST_SOURCE: DataSource = { kind: 'mnist', trainCount: MNIST_TRAIN_COUNT, testCount: MNIST_TEST_COUNT };
const MNIST_IMAGE: ImageShape = { height: MNIST_SIDE, width: MNIST_SIDE, channels: 1 };

/** The dense MNIST net: the digits are images (bytes), so the 784 pixels reach the dense layer through a Flatten. */
export function mnistDenseState(): PlaygroundState {
  const doc = convChain(MNIST_IMAGE, 'pixels 28×28', [{ kind: 'flatten' }, { kind: 'dense', units: 128, activation: 'relu' }], { units: 10, activation: 'softmax' });
  return convState(MNIST_SOURCE, doc, { loss: 'cce', optimizer: 'adam', learningRate: 0.001, batchSize: 32, maxEpochs: 5 });
}

/** The ConvNetJS MNIST net on the whole 28×28 digits (the engine takes no crops): 5,994 parameters, as in Keras. */
export function mnistConvState(): PlaygroundState {
  const doc = convChain(
    MNIST_IMAGE,
    'pixels 28×28',
    [
      { kind: 'conv', filters: 8, kernelSize: 5, padding: 'same', activation: 'relu' },
      { kind: 'pool', mode: 'max', poolSize: 2 },
      { kind: 'conv', filters: 16, kernelSize: 5, padding: 'same', activation: 'relu' },
      { kind: 'pool', mode: 'max', poolSize: 3 },
      { kind: 'flatten' }
    ],
    { units: 10, activation: 'softmax' }
  );
  return convState(MNIST_SOURCE, doc, {
    loss: 'cce',
    optimizer: 'adam',
    learningRate: 0.002,
    batchSize: 20,
    maxEpochs: 5
  });
}

/** Two small conv layers on the 24×24 shapes: few enough filters to watch each one turn into an edge detector. */
export function shapesConvState(): PlaygroundState {
  const doc = convChain(
    { height: SHAPES_SIDE, width: SHAPES_SIDE, channels: 1 },
    'pixels 24×24',
    [
      { kind: 'conv', filters: 6, kernelSize: 5, padding: 'same', activation: 'relu' },
      { kind: 'pool', mode: 'max', poolSize: 2 },
      { kind: 'conv', filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' },
      { kind: 'pool', mode: 'max', poolSize: 2 },
      { kind: 'flatten' }
    ],
    { units: 3, activation: 'softmax' }
  );
  return convState({ kind: 'generated', generator: 'shapes', count: 3000, noise: 0.2, testFraction: 0.2, seed: 1 }, doc, {
    loss: 'cce',
    optimizer: 'adam',
    learningRate: 0.003,
    batchSize: 16,
    maxEpochs: 20
  });
}
