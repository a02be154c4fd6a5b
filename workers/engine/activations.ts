/**
 * Activation functions: the batched forward/backward loops the engine runs (they switch once per call,
 * never per element), their constants and the numerically careful scalar helpers. The scalar value and
 * derivative of each activation, with its names in other tools, are in the registry (registry.ts).
 */
import type { Activation } from '../protocol';
import { activationBackwardKernel, activationForwardKernel } from './kernels';
import type { Vec } from './vec';

/**
 * Leaky ReLU slope for x < 0. 0.01 as in PyTorch and the original paper (Maas et al. 2013);
 * Keras' LeakyReLU defaults to 0.3 and tf.nn.leaky_relu to 0.2, which hide the "small leak" idea.
 */
export const LEAKY_RELU_ALPHA = 0.01;
/**
 * Initial PReLU slope. Keras initialises it to 0 (the unit starts as a plain ReLU); we use 0.25
 * as PyTorch and He et al. 2015 do, so the learnable slope is visible from the first step.
 */
export const PRELU_INIT = 0.25;
/** ELU's saturation value for x → -∞ is -ELU_ALPHA (Keras default 1). */
export const ELU_ALPHA = 1;

export function sigmoid(x: number): number {
  // Two branches so that exp never overflows: both forms are exact, each is stable on its side.
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

export function softplus(x: number): number {
  // log(1 + e^x) = max(x, 0) + log1p(e^-|x|): no overflow for large |x|.
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

const TANH_CLAMP = 7.90531110763549805;

/**
 * tanh to float32 accuracy (max error 2.6e-7, about 4 float32 ulps near ±1), several times faster
 * than Math.tanh in V8: the rational minimax approximation used by Eigen and XLA for float32,
 * x·P(x²)/Q(x²) on x clamped to ±7.9053 (beyond which tanh rounds to ±1 in float32).
 */
export function tanhF32(x: number): number {
  const c = x > TANH_CLAMP ? TANH_CLAMP : x < -TANH_CLAMP ? -TANH_CLAMP : x;
  const x2 = c * c;
  let p = -2.76076847742355e-16;
  p = p * x2 + 2.00018790482477e-13;
  p = p * x2 - 8.60467152213735e-11;
  p = p * x2 + 5.12229709037114e-8;
  p = p * x2 + 1.48572235717979e-5;
  p = p * x2 + 6.37261928875436e-4;
  p = p * x2 + 4.89352455891786e-3;
  let q = 1.19825839466702e-6;
  q = q * x2 + 1.18534705686654e-4;
  q = q * x2 + 2.268434632439e-3;
  q = q * x2 + 4.89352518554385e-3;
  return (c * p) / q;
}

/**
 * a = f(z) over n rows of `units` values (row-major). For PReLU the per-unit slopes are
 * params[preluOffset + j]. Softmax is per row, shifted by the row max so exp never overflows.
 */
export function activationForward(
  act: Activation,
  z: Vec,
  a: Vec,
  n: number,
  units: number,
  params: Vec,
  preluOffset: number
): void {
  const len = n * units;
  if (activationForwardKernel(act, z, a, len)) return;
  switch (act) {
    case 'linear':
      for (let i = 0; i < len; i++) a[i] = z[i];
      return;
    case 'step':
      for (let i = 0; i < len; i++) a[i] = z[i] >= 0 ? 1 : 0;
      return;
    case 'sigmoid':
      for (let i = 0; i < len; i++) {
        const x = z[i];
        if (x >= 0) a[i] = 1 / (1 + Math.exp(-x));
        else {
          const e = Math.exp(x);
          a[i] = e / (1 + e);
        }
      }
      return;
    case 'tanh':
      // Float32 buffers cannot hold more than tanhF32's accuracy; the float64 reference path
      // (gradient checks) keeps the exact Math.tanh.
      if (a instanceof Float64Array) for (let i = 0; i < len; i++) a[i] = Math.tanh(z[i]);
      else for (let i = 0; i < len; i++) a[i] = tanhF32(z[i]);
      return;
    case 'arctan':
      for (let i = 0; i < len; i++) a[i] = Math.atan(z[i]);
      return;
    case 'relu':
      for (let i = 0; i < len; i++) {
        const x = z[i];
        a[i] = x > 0 ? x : 0;
      }
      return;
    case 'leaky_relu':
      for (let i = 0; i < len; i++) {
        const x = z[i];
        a[i] = x > 0 ? x : LEAKY_RELU_ALPHA * x;
      }
      return;
    case 'prelu':
      for (let b = 0; b < n; b++) {
        const row = b * units;
        for (let j = 0; j < units; j++) {
          const x = z[row + j];
          a[row + j] = x > 0 ? x : params[preluOffset + j] * x;
        }
      }
      return;
    case 'elu':
      for (let i = 0; i < len; i++) {
        const x = z[i];
        a[i] = x > 0 ? x : ELU_ALPHA * Math.expm1(x);
      }
      return;
    case 'softplus':
      for (let i = 0; i < len; i++) {
        const x = z[i];
        a[i] = (x > 0 ? x : 0) + Math.log1p(Math.exp(-Math.abs(x)));
      }
      return;
    case 'softmax':
      for (let b = 0; b < n; b++) {
        const row = b * units;
        let max = -Infinity;
        for (let j = 0; j < units; j++) if (z[row + j] > max) max = z[row + j];
        let sum = 0;
        for (let j = 0; j < units; j++) {
          const e = Math.exp(z[row + j] - max);
          a[row + j] = e;
          sum += e;
        }
        const inv = 1 / sum;
        for (let j = 0; j < units; j++) a[row + j] *= inv;
      }
      return;
  }
}

/**
 * dz = da · f′(z) over n rows (softmax: the Jacobian-vector product a ⊙ (da − Σ da·a)).
 * PReLU also accumulates dL/dslope into grads[preluOffset + j].
 */
export function activationBackward(
  act: Activation,
  z: Vec,
  a: Vec,
  da: Vec,
  dz: Vec,
  n: number,
  units: number,
  params: Vec,
  grads: Vec,
  preluOffset: number
): void {
  const len = n * units;
  if (activationBackwardKernel(act, z, a, da, dz, len)) return;
  switch (act) {
    case 'linear':
      for (let i = 0; i < len; i++) dz[i] = da[i];
      return;
    case 'step':
      for (let i = 0; i < len; i++) dz[i] = 0;
      return;
    case 'sigmoid':
      for (let i = 0; i < len; i++) {
        const s = a[i];
        dz[i] = da[i] * s * (1 - s);
      }
      return;
    case 'tanh':
      for (let i = 0; i < len; i++) {
        const t = a[i];
        dz[i] = da[i] * (1 - t * t);
      }
      return;
    case 'arctan':
      for (let i = 0; i < len; i++) {
        const x = z[i];
        dz[i] = da[i] / (1 + x * x);
      }
      return;
    case 'relu':
      for (let i = 0; i < len; i++) dz[i] = z[i] > 0 ? da[i] : 0;
      return;
    case 'leaky_relu':
      for (let i = 0; i < len; i++) dz[i] = z[i] > 0 ? da[i] : LEAKY_RELU_ALPHA * da[i];
      return;
    case 'prelu':
      for (let b = 0; b < n; b++) {
        const row = b * units;
        for (let j = 0; j < units; j++) {
          const x = z[row + j];
          const g = da[row + j];
          if (x > 0) dz[row + j] = g;
          else {
            dz[row + j] = g * params[preluOffset + j];
            grads[preluOffset + j] += g * x;
          }
        }
      }
      return;
    case 'elu':
      // For x ≤ 0, f′(x) = α·e^x = f(x) + α, which reuses the stored activation.
      for (let i = 0; i < len; i++) dz[i] = z[i] > 0 ? da[i] : da[i] * (a[i] + ELU_ALPHA);
      return;
    case 'softplus':
      for (let i = 0; i < len; i++) {
        const x = z[i];
        let s: number;
        if (x >= 0) s = 1 / (1 + Math.exp(-x));
        else {
          const e = Math.exp(x);
          s = e / (1 + e);
        }
        dz[i] = da[i] * s;
      }
      return;
    case 'softmax':
      for (let b = 0; b < n; b++) {
        const row = b * units;
        let dot = 0;
        for (let j = 0; j < units; j++) dot += da[row + j] * a[row + j];
        for (let j = 0; j < units; j++) dz[row + j] = a[row + j] * (da[row + j] - dot);
      }
      return;
  }
}
