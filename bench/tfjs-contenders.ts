/**
 * tfjs side of the benchmark: the same workloads as raw ops over variables (the fastest tfjs path, no
 * Layers overhead), trained with a manual optimizer.minimize loop inside tf.tidy.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Contender } from './harness';
import { denseTargets, gridPoints, workloadData, type Workload } from './workloads';
import type { Activation } from '../workers/protocol';
import { createRng } from '../workers/engine/random';

export type TfBackend = 'cpu' | 'wasm';

/** Points the wasm backend at the package's own .wasm files on disk (node has no URL to fetch them from). */
export async function useBackend(backend: TfBackend): Promise<void> {
  if (backend === 'wasm') {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
    setWasmPaths(path.join(dir, 'dist') + path.sep);
  }
  const ok = await tf.setBackend(backend);
  if (!ok || tf.getBackend() !== backend) throw new Error(`tfjs backend ${backend} did not initialise`);
}

function activate(activation: Activation, z: tf.Tensor2D): tf.Tensor2D {
  switch (activation) {
    case 'tanh':
      return tf.tanh(z);
    case 'relu':
      return tf.relu(z);
    case 'linear':
      return z;
    case 'sigmoid':
      return tf.sigmoid(z);
    default:
      throw new Error(`bench: tfjs activation ${activation} not modelled`);
  }
}

interface DenseChain {
  vars: tf.Variable[];
  /** every layer's activations, input excluded; the last is the output (pre-softmax logits when `logits`) */
  layers(x: tf.Tensor2D, logits: boolean): tf.Tensor2D[];
  dispose(): void;
}

/** Glorot-uniform weights from our seeded PRNG, zero biases. */
function denseChain(w: Workload, seed: number): DenseChain {
  const rng = createRng(seed);
  const weights: tf.Variable[] = [];
  const biases: tf.Variable[] = [];
  for (let k = 1; k < w.sizes.length; k++) {
    const fanIn = w.sizes[k - 1];
    const fanOut = w.sizes[k];
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const values = Float32Array.from({ length: fanIn * fanOut }, () => rng.uniform(-limit, limit));
    weights.push(tf.variable(tf.tensor2d(values, [fanIn, fanOut])));
    biases.push(tf.variable(tf.zeros([fanOut])));
  }
  return {
    vars: [...weights, ...biases],
    layers(x, logits) {
      const outs: tf.Tensor2D[] = [];
      let a = x;
      for (let k = 0; k < weights.length; k++) {
        const z = tf.add(tf.matMul(a, weights[k]), biases[k]) as tf.Tensor2D;
        const activation = w.activations[k];
        a = activation === 'softmax' ? (logits ? z : tf.softmax(z)) : activate(activation, z);
        outs.push(a);
      }
      return outs;
    },
    dispose() {
      for (const v of [...weights, ...biases]) v.dispose();
    }
  };
}

export interface TfContender extends Contender {
  dispose(): void;
}

/** SGD steps on fixed minibatches cycled in order (data prepared once, outside the timed loop). */
function trainContender(w: Workload, backend: TfBackend, sampleCount: number): TfContender {
  const data = workloadData(w, sampleCount);
  const targets = denseTargets(data);
  const outputs = w.sizes[w.sizes.length - 1];
  const inputs = w.sizes[0];
  const batches = Math.floor(sampleCount / w.batchSize);
  const xs: tf.Tensor2D[] = [];
  const ys: tf.Tensor2D[] = [];
  for (let b = 0; b < batches; b++) {
    const from = b * w.batchSize;
    xs.push(tf.tensor2d(data.x.subarray(from * inputs, (from + w.batchSize) * inputs), [w.batchSize, inputs]));
    ys.push(tf.tensor2d(targets.subarray(from * outputs, (from + w.batchSize) * outputs), [w.batchSize, outputs]));
  }
  const net = denseChain(w, 3);
  const optimizer = tf.train.sgd(0.01);
  const softmaxOut = w.activations[w.activations.length - 1] === 'softmax';
  let cursor = 0;
  const lossOf = (x: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar => {
    const layers = net.layers(x, softmaxOut);
    const out = layers[layers.length - 1];
    return softmaxOut ? tf.losses.softmaxCrossEntropy(y, out) : tf.losses.meanSquaredError(y, out);
  };
  return {
    name: `tfjs-${backend}`,
    itemsPerIteration: w.batchSize,
    run(iterations) {
      for (let i = 0; i < iterations; i++) {
        const b = cursor;
        cursor = (cursor + 1) % batches;
        tf.tidy(() => {
          optimizer.minimize(() => lossOf(xs[b], ys[b]), false, net.vars);
        });
      }
      // both backends run ops eagerly; reading one value makes sure nothing is left pending
      net.vars[0].dataSync();
    },
    dispose() {
      tf.dispose([...xs, ...ys]);
      optimizer.dispose();
      net.dispose();
    }
  };
}

/** Forward of the whole grid as one batch, every layer's output read back to JS (as heat-maps need). */
function gridContender(w: Workload, backend: TfBackend): TfContender {
  const points = tf.tensor2d(gridPoints(w.gridSize), [w.gridSize * w.gridSize, 2]);
  const net = denseChain(w, 3);
  let sink = 0;
  return {
    name: `tfjs-${backend}`,
    itemsPerIteration: 1,
    run(iterations) {
      for (let i = 0; i < iterations; i++) {
        tf.tidy(() => {
          for (const layer of net.layers(points, false)) sink += layer.dataSync()[0];
        });
      }
      if (Number.isNaN(sink)) throw new Error('bench: grid forward produced NaN');
    },
    dispose() {
      points.dispose();
      net.dispose();
    }
  };
}

export function tfContender(w: Workload, backend: TfBackend, sampleCount: number): TfContender {
  return w.kind === 'grid' ? gridContender(w, backend) : trainContender(w, backend, sampleCount);
}
