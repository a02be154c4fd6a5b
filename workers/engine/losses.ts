/**
 * Loss functions: value and gradient with respect to the output activations, reduced as Keras does
 * (mean over the batch; mean over output units for the element-wise losses; sum over units for the
 * cross-entropies and the course's ½Σ form). Two fused paths take the gradient straight to the
 * pre-activation, where it is simply p − t and cannot overflow:
 *   softmax + cce / sparse_cce   and   sigmoid + bce.
 */
import type { Activation, Loss } from '../protocol';
import type { Vec } from './vec';

/** Probabilities are clipped to [ε, 1 − ε] inside logs, like Keras' backend epsilon. */
export const LOSS_EPSILON = 1e-7;
const LOG_EPS = Math.log(LOSS_EPSILON);
const LOG_ONE_MINUS_EPS = Math.log1p(-LOSS_EPSILON);
/** σ(±LOGIT_CLIP) = 1 − ε / ε: clipping the logit equals clipping the probability. */
const LOGIT_CLIP = Math.log((1 - LOSS_EPSILON) / LOSS_EPSILON);
const LN2 = Math.LN2;

export interface LossOptions {
  /** Huber's δ (default 1) */
  huberDelta?: number;
  /**
   * The course's plain forms: cross-entropies as −Σ t·log(y + 1e-7) with no clipping
   * (2.302584 for y = 0.1, t = 1), instead of Keras' clipped log.
   */
  courseForm?: boolean;
}

/** True when the loss gradient is written directly as dL/dz of the output group. */
export function isFused(loss: Loss, act: Activation): boolean {
  return (act === 'softmax' && (loss === 'cce' || loss === 'sparse_cce')) || (act === 'sigmoid' && loss === 'bce');
}

function logCosh(x: number): number {
  // log(cosh x) = |x| + log1p(e^(−2|x|)) − log 2, finite for any x.
  const ax = Math.abs(x);
  return ax + Math.log1p(Math.exp(-2 * ax)) - LN2;
}

function clampProb(p: number): number {
  return p < LOSS_EPSILON ? LOSS_EPSILON : p > 1 - LOSS_EPSILON ? 1 - LOSS_EPSILON : p;
}

/** One output value's contribution to a sample's loss (before the per-loss reduction over units). */
function elementLoss(loss: Loss, y: number, t: number, huberDelta: number): number {
  const d = y - t;
  switch (loss) {
    case 'mse':
    case 'half_sse':
      return d * d;
    case 'mae':
      return Math.abs(d);
    case 'bce': {
      const p = clampProb(y);
      return -(t * Math.log(p) + (1 - t) * Math.log(1 - p));
    }
    case 'cce':
    case 'sparse_cce':
      return t === 0 ? 0 : -t * Math.log(clampProb(y));
    case 'hinge': {
      const m = 1 - t * y;
      return m > 0 ? m : 0;
    }
    case 'squared_hinge': {
      const m = 1 - t * y;
      return m > 0 ? m * m : 0;
    }
    case 'log_cosh':
      return logCosh(d);
    case 'huber': {
      const ad = Math.abs(d);
      return ad <= huberDelta ? 0.5 * d * d : huberDelta * (ad - 0.5 * huberDelta);
    }
  }
}

/**
 * The loss of one sample, from probabilities/predictions (as plotted or worked by hand).
 * sparse_cce accepts the class index as a one-element target, or a one-hot target.
 */
export function lossValue(
  name: Loss,
  yPred: ArrayLike<number>,
  target: ArrayLike<number>,
  options: LossOptions = {}
): number {
  const k = yPred.length;
  let t: ArrayLike<number> = target;
  if (name === 'sparse_cce' && target.length === 1 && k > 1) {
    const oneHot = new Float64Array(k);
    oneHot[target[0]] = 1;
    t = oneHot;
  }
  if (t.length !== k) throw new Error(`lossValue: prediction has ${k} values but target has ${t.length}`);
  const delta = options.huberDelta ?? 1;
  let sum = 0;
  for (let j = 0; j < k; j++) {
    const y = yPred[j];
    const tj = t[j];
    if (options.courseForm && name === 'bce') sum -= tj * Math.log(y + LOSS_EPSILON) + (1 - tj) * Math.log(1 - y + LOSS_EPSILON);
    else if (options.courseForm && (name === 'cce' || name === 'sparse_cce')) sum -= tj * Math.log(y + LOSS_EPSILON);
    else sum += elementLoss(name, y, tj, delta);
  }
  if (name === 'half_sse') return 0.5 * sum;
  if (name === 'cce' || name === 'sparse_cce') return sum;
  return sum / k;
}

/**
 * Per-sample losses of n rows written to `out` (length ≥ n); returns their mean.
 * z, a: the output group's pre-activations and activations; t: targets (n × k, one-hot for cce).
 */
export function batchLoss(
  loss: Loss,
  act: Activation,
  z: Vec,
  a: Vec,
  t: Vec,
  n: number,
  k: number,
  huberDelta: number,
  out: Vec | null
): number {
  const fused = isFused(loss, act);
  let total = 0;
  for (let b = 0; b < n; b++) {
    const row = b * k;
    let sum = 0;
    if (fused && act === 'softmax') {
      // log-softmax from the logits: finite even for logits of ±1000.
      let max = -Infinity;
      for (let j = 0; j < k; j++) if (z[row + j] > max) max = z[row + j];
      let s = 0;
      for (let j = 0; j < k; j++) s += Math.exp(z[row + j] - max);
      const logSum = max + Math.log(s);
      for (let j = 0; j < k; j++) {
        const tj = t[row + j];
        if (tj === 0) continue;
        let lp = z[row + j] - logSum;
        lp = lp < LOG_EPS ? LOG_EPS : lp > LOG_ONE_MINUS_EPS ? LOG_ONE_MINUS_EPS : lp;
        sum -= tj * lp;
      }
    } else if (fused) {
      // sigmoid + bce from the logit: softplus(z) − t·z, with z clipped like the probability.
      for (let j = 0; j < k; j++) {
        let x = z[row + j];
        x = x < -LOGIT_CLIP ? -LOGIT_CLIP : x > LOGIT_CLIP ? LOGIT_CLIP : x;
        sum += (x > 0 ? x : 0) + Math.log1p(Math.exp(-Math.abs(x))) - t[row + j] * x;
      }
      sum /= k;
    } else {
      for (let j = 0; j < k; j++) {
        const y = a[row + j];
        const tj = t[row + j];
        sum += elementLoss(loss, y, tj, huberDelta);
      }
      if (loss === 'half_sse') sum *= 0.5;
      else if (loss !== 'cce' && loss !== 'sparse_cce') sum /= k;
    }
    if (out) out[b] = sum;
    total += sum;
  }
  return n > 0 ? total / n : NaN;
}

/**
 * Gradient of the mean batch loss. Writes dL/dz of the output group when isFused(loss, act),
 * otherwise dL/da (the caller then applies the activation's derivative).
 */
export function batchLossGrad(
  loss: Loss,
  act: Activation,
  a: Vec,
  t: Vec,
  n: number,
  k: number,
  huberDelta: number,
  out: Vec
): void {
  const len = n * k;
  const invN = 1 / n;
  const invNK = 1 / (n * k);
  if (isFused(loss, act)) {
    if (act === 'softmax') {
      // d/dz of −Σ t·log softmax(z) = p·Σt − t (p − t for one-hot targets).
      for (let b = 0; b < n; b++) {
        const row = b * k;
        let st = 0;
        for (let j = 0; j < k; j++) st += t[row + j];
        for (let j = 0; j < k; j++) out[row + j] = (a[row + j] * st - t[row + j]) * invN;
      }
    } else {
      for (let i = 0; i < len; i++) out[i] = (a[i] - t[i]) * invNK;
    }
    return;
  }
  switch (loss) {
    case 'mse':
      for (let i = 0; i < len; i++) out[i] = 2 * (a[i] - t[i]) * invNK;
      return;
    case 'half_sse':
      for (let i = 0; i < len; i++) out[i] = (a[i] - t[i]) * invN;
      return;
    case 'mae':
      for (let i = 0; i < len; i++) {
        const d = a[i] - t[i];
        out[i] = d > 0 ? invNK : d < 0 ? -invNK : 0;
      }
      return;
    case 'bce':
      // Zero where the probability is clipped, as the clip's own gradient is zero there.
      for (let i = 0; i < len; i++) {
        const p = a[i];
        const ti = t[i];
        out[i] = p < LOSS_EPSILON || p > 1 - LOSS_EPSILON ? 0 : (-ti / p + (1 - ti) / (1 - p)) * invNK;
      }
      return;
    case 'cce':
    case 'sparse_cce':
      for (let i = 0; i < len; i++) {
        const p = a[i];
        out[i] = p < LOSS_EPSILON || p > 1 - LOSS_EPSILON ? 0 : (-t[i] / p) * invN;
      }
      return;
    case 'hinge':
      for (let i = 0; i < len; i++) out[i] = 1 - t[i] * a[i] > 0 ? -t[i] * invNK : 0;
      return;
    case 'squared_hinge':
      for (let i = 0; i < len; i++) {
        const m = 1 - t[i] * a[i];
        out[i] = m > 0 ? -2 * t[i] * m * invNK : 0;
      }
      return;
    case 'log_cosh':
      for (let i = 0; i < len; i++) out[i] = Math.tanh(a[i] - t[i]) * invNK;
      return;
    case 'huber':
      for (let i = 0; i < len; i++) {
        const d = a[i] - t[i];
        out[i] = (d > huberDelta ? huberDelta : d < -huberDelta ? -huberDelta : d) * invNK;
      }
      return;
  }
}
