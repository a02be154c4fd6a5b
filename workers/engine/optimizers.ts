/**
 * Parameter updates, written as tfjs writes them (so the two agree step by step):
 *  - sgd:       p −= lr·g
 *  - momentum:  u = μ·u + g;  p −= lr·u                (Keras' v = μv − lr·g, p += v, for a fixed lr)
 *  - nesterov:  u = μ·u + g;  p −= lr·(g + μ·u)
 *  - rmsprop:   v = ρ·v + (1 − ρ)·g²;  p −= lr·g / (√v + ε)   (Keras' form; tfjs puts ε inside the root)
 *  - adam:      m = β1·m + (1 − β1)·g;  v = β2·v + (1 − β2)·g²;
 *               p −= lr·(m / (1 − β1^t)) / (√(v / (1 − β2^t)) + ε)    (tfjs AdamOptimizer)
 * Frozen parameters (mask 1) are skipped entirely, optimiser state included.
 * Each update reports the first parameter that became non-finite, so the trainer can roll back.
 * The check reads the stored value back: a float32 store overflows to Infinity where the double did not.
 */
import type { TrainSettings } from '../protocol';
import type { Program } from './compile';
import type { Vec } from './vec';

export type OptimizerSettings = Pick<
  TrainSettings,
  'optimizer' | 'learningRate' | 'momentum' | 'beta1' | 'beta2' | 'rho' | 'epsilon'
>;

export class OptimizerState {
  /** first moment (adam) or velocity/accumulator (momentum, nesterov) */
  readonly m: Float32Array;
  /** second moment (adam, rmsprop) */
  readonly v: Float32Array;
  /** updates applied since the last reset (adam's bias correction) */
  t = 0;
  constructor(count: number) {
    this.m = new Float32Array(count);
    this.v = new Float32Array(count);
  }
  reset(): void {
    this.m.fill(0);
    this.v.fill(0);
    this.t = 0;
  }
}

/**
 * Adds the penalty gradients to `grads`, weights only (biases and PReLU slopes are not penalised).
 * Penalty λ1·Σ|w| + λ2·Σw² (Keras' convention), so the gradient is λ1·sign(w) + 2·λ2·w.
 * The rate of an edge is the network-wide rate plus the rate of the group the edge goes into.
 */
export function addRegularisation(program: Program, params: Vec, grads: Vec, l1: number, l2: number): void {
  for (const edge of program.edges) {
    const to = program.groups[edge.to];
    const a = l1 + to.l1;
    const b2 = 2 * (l2 + to.l2);
    if (a === 0 && b2 === 0) continue;
    const end = edge.offset + edge.weightCount;
    for (let i = edge.offset; i < end; i++) {
      const w = params[i];
      grads[i] += b2 * w + (w > 0 ? a : w < 0 ? -a : 0);
    }
  }
}

/** Applies one update. Returns the index of the first parameter that is not finite afterwards, or −1. */
export function applyUpdate(
  s: OptimizerSettings,
  state: OptimizerState,
  params: Vec,
  grads: Vec,
  frozen: Uint8Array | null
): number {
  const count = params.length;
  const lr = s.learningRate;
  const m = state.m;
  const v = state.v;
  let bad = -1;
  state.t++;
  switch (s.optimizer) {
    case 'sgd':
      for (let i = 0; i < count; i++) {
        if (frozen !== null && frozen[i] !== 0) continue;
        params[i] -= lr * grads[i];
        const p = params[i];
        if (p - p !== 0 && bad < 0) bad = i;
      }
      break;
    case 'momentum':
    case 'nesterov': {
      const mu = s.momentum;
      const nesterov = s.optimizer === 'nesterov';
      for (let i = 0; i < count; i++) {
        if (frozen !== null && frozen[i] !== 0) continue;
        const g = grads[i];
        const u = (m[i] = mu * m[i] + g);
        params[i] -= nesterov ? lr * (g + mu * u) : lr * u;
        const p = params[i];
        if (p - p !== 0 && bad < 0) bad = i;
      }
      break;
    }
    case 'rmsprop': {
      const rho = s.rho;
      const eps = s.epsilon;
      for (let i = 0; i < count; i++) {
        if (frozen !== null && frozen[i] !== 0) continue;
        const g = grads[i];
        const vi = (v[i] = rho * v[i] + (1 - rho) * g * g);
        params[i] -= (lr * g) / (Math.sqrt(vi) + eps);
        const p = params[i];
        if (p - p !== 0 && bad < 0) bad = i;
      }
      break;
    }
    case 'adam': {
      const b1 = s.beta1;
      const b2 = s.beta2;
      const eps = s.epsilon;
      const c1 = 1 / (1 - Math.pow(b1, state.t));
      const c2 = 1 / (1 - Math.pow(b2, state.t));
      for (let i = 0; i < count; i++) {
        if (frozen !== null && frozen[i] !== 0) continue;
        const g = grads[i];
        const mi = (m[i] = b1 * m[i] + (1 - b1) * g);
        const vi = (v[i] = b2 * v[i] + (1 - b2) * g * g);
        params[i] -= (lr * (mi * c1)) / (Math.sqrt(vi * c2) + eps);
        const p = params[i];
        if (p - p !== 0 && bad < 0) bad = i;
      }
      break;
    }
  }
  return bad;
}
