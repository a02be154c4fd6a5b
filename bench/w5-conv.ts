/**
 * Workload W5: the ConvNetJS MNIST net (24×24×1 → conv 5×5×8 same relu → max-pool 2 → conv 5×5×16
 * same relu → max-pool 3 → softmax 10), CCE, SGD, batch 20, on seeded uint8 images. Ours trains
 * through Trainer.train on a pixel table (as the app does, bytes normalised while gathering); tfjs
 * runs the same net as raw ops (conv2d, maxPool, matMul) inside optimizer.minimize.
 *
 * tfjs-backend-wasm (4.22) registers no Conv2DBackpropFilter kernel, so it cannot train a conv net
 * as it comes. Its conv layers here use `sameConv`, whose filter gradient is the textbook identity
 * dK = conv2d(transpose(pad(x)), transpose(dy)) — built from kernels the wasm backend has (Conv2D,
 * Conv2DBackpropInput, Transpose, Pad), so tfjs-wasm still runs on its own XNNPACK code throughout.
 * tfjs-cpu keeps tfjs' own gradients. `sameConv` is checked against them (bench/w5-conv.test.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { convnetjsSpec } from '../workers/engine/__fixtures__/convnetjs';
import { compile, DEFAULT_SETTINGS, Trainer } from '../workers/engine/index';
import { kernelPath, setKernelMode } from '../workers/engine/kernels';
import { createRng } from '../workers/engine/random';
import type { DataTable, NetworkSpec } from '../workers/protocol';
import type { Contender } from './harness';
import type { OursPath } from './ours-contender';
import type { TfBackend, TfContender } from './tfjs-contenders';

export const W5 = {
  id: 'W5',
  title: 'ConvNetJS MNIST net: 24×24×1 → conv 5×5×8 → pool 2 → conv 5×5×16 → pool 3 → 10 softmax, CCE, SGD, batch 20',
  batchSize: 20,
  side: 24,
  /** enough minibatches that an epoch boundary is rare within a step */
  samples: 2000,
  /** ours (SIMD) / tfjs-wasm target of issue 16 */
  target: 1.5
} as const;

const CLASSES = 10;
const LR = 0.01;

export function w5Spec(): NetworkSpec {
  return convnetjsSpec(W5.side, CLASSES);
}

/** Seeded random bytes and labels (throughput does not depend on the values). */
export function w5Data(count: number): DataTable {
  const rng = createRng(5);
  const pixels = W5.side * W5.side;
  return {
    count,
    columns: Array.from({ length: pixels }, (_, i) => `p${i}`),
    x: new Float32Array(0),
    pixels: Uint8Array.from({ length: count * pixels }, () => rng.int(256)),
    pixelScale: 1 / 255,
    y: Float32Array.from({ length: count }, () => rng.int(CLASSES)),
    classes: Array.from({ length: CLASSES }, (_, k) => String(k)),
    targetColumns: [],
    isTest: new Uint8Array(count)
  };
}

export function w5Ours(path: OursPath): Contender {
  const trainer = new Trainer(compile(w5Spec()), w5Data(W5.samples), {
    ...DEFAULT_SETTINGS,
    optimizer: 'sgd',
    learningRate: LR,
    batchSize: W5.batchSize,
    loss: 'cce',
    seed: 3
  });
  return {
    name: `ours-${path}`,
    before() {
      setKernelMode(path === 'js' ? 'js' : 'auto');
      if (path === 'simd' && kernelPath() !== 'wasm-simd') throw new Error('bench: the WASM SIMD kernels did not load');
    },
    itemsPerIteration: W5.batchSize,
    run(iterations) {
      const result = trainer.train(iterations);
      if (result.steps !== iterations) throw new Error(`bench: asked for ${iterations} steps, trainer ran ${result.steps}`);
    }
  };
}

/**
 * conv2d, stride 1, 'same' padding, odd kernel, with the gradients written out: dx through
 * conv2dTranspose (Conv2DBackpropInput), dK as a valid convolution of the padded input (channels as
 * batch, batch as channels) with dy (batch as input channels). `inputGrad` false: dx is zeros (the
 * image itself needs none).
 */
export function sameConv(x: tf.Tensor4D, kernel: tf.Tensor4D, inputGrad: boolean): tf.Tensor4D {
  const op = tf.customGrad(((input: tf.Tensor4D, filter: tf.Tensor4D, save: tf.GradSaveFunc) => {
    // Saved tensors outlive the forward pass's scope; closures over the inputs would not.
    save([input, filter]);
    const pad = (filter.shape[0] - 1) / 2;
    return {
      value: tf.conv2d(input, filter, 1, 'same'),
      gradFunc: (dy: tf.Tensor4D, saved: tf.Tensor[]) => {
        const [input, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
        const g = dy;
        const dx = inputGrad ? tf.conv2dTranspose(g, filter, input.shape, 1, 'same') : tf.zerosLike(input);
        const padded = tf.pad(input, [[0, 0], [pad, pad], [pad, pad], [0, 0]]);
        const dk = tf.conv2d(tf.transpose(padded, [3, 1, 2, 0]) as tf.Tensor4D, tf.transpose(g, [1, 2, 0, 3]) as tf.Tensor4D, 1, 'valid');
        return [dx, tf.transpose(dk, [1, 2, 0, 3])];
      }
    };
  }) as unknown as (...args: (tf.Tensor | tf.GradSaveFunc)[]) => { value: tf.Tensor; gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor[] });
  return op(x, kernel) as tf.Tensor4D;
}

/** Glorot-uniform kernel of the given shape from a seeded stream (Keras' conv fans). */
function glorot(rng: ReturnType<typeof createRng>, shape: number[], fanIn: number, fanOut: number): tf.Variable {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.variable(tf.tensor(Float32Array.from({ length: size }, () => rng.uniform(-limit, limit)), shape));
}

export function w5Tfjs(backend: TfBackend): TfContender {
  const data = w5Data(W5.samples);
  const s = W5.side;
  const b = W5.batchSize;
  const batches = Math.floor(W5.samples / b);
  const xs: tf.Tensor4D[] = [];
  const ys: tf.Tensor2D[] = [];
  for (let k = 0; k < batches; k++) {
    const bytes = data.pixels!.subarray(k * b * s * s, (k + 1) * b * s * s);
    xs.push(tf.tensor4d(Float32Array.from(bytes, (v) => v / 255), [b, s, s, 1]));
    ys.push(tf.oneHot(tf.tensor1d(Array.from(data.y.subarray(k * b, (k + 1) * b)), 'int32'), CLASSES).toFloat() as tf.Tensor2D);
  }
  const rng = createRng(3);
  const k1 = glorot(rng, [5, 5, 1, 8], 25, 200);
  const b1 = tf.variable(tf.zeros([8]));
  const k2 = glorot(rng, [5, 5, 8, 16], 200, 400);
  const b2 = tf.variable(tf.zeros([16]));
  const w3 = glorot(rng, [256, CLASSES], 256, CLASSES);
  const b3 = tf.variable(tf.zeros([CLASSES]));
  const vars = [k1, b1, k2, b2, w3, b3];
  const optimizer = tf.train.sgd(LR);
  // tfjs-cpu: tfjs' own conv gradients; tfjs-wasm: the same op with the filter gradient it lacks.
  const conv = (x: tf.Tensor4D, k: tf.Variable, inputGrad: boolean): tf.Tensor4D =>
    backend === 'wasm' ? sameConv(x, k as tf.Tensor4D, inputGrad) : tf.conv2d(x, k as tf.Tensor4D, 1, 'same');
  const logits = (x: tf.Tensor4D): tf.Tensor2D => {
    const c1 = tf.relu(tf.add(conv(x, k1, false), b1)) as tf.Tensor4D;
    const p1 = tf.maxPool(c1, 2, 2, 'valid');
    const c2 = tf.relu(tf.add(conv(p1, k2, true), b2)) as tf.Tensor4D;
    const p2 = tf.maxPool(c2, 3, 3, 'valid');
    return tf.add(tf.matMul(tf.reshape(p2, [b, 256]), w3 as tf.Tensor2D), b3) as tf.Tensor2D;
  };
  let cursor = 0;
  return {
    name: `tfjs-${backend}`,
    itemsPerIteration: b,
    run(iterations) {
      for (let i = 0; i < iterations; i++) {
        const k = cursor;
        cursor = (cursor + 1) % batches;
        tf.tidy(() => {
          optimizer.minimize(() => tf.losses.softmaxCrossEntropy(ys[k], logits(xs[k])), false, vars);
        });
      }
      vars[0].dataSync();
    },
    dispose() {
      tf.dispose([...xs, ...ys]);
      optimizer.dispose();
      for (const v of vars) v.dispose();
    }
  };
}
