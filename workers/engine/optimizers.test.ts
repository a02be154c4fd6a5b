import { describe, expect, it } from 'vitest';
import { OPTIMIZERS } from './registry';
import { DEFAULT_SETTINGS } from './settings';
import { applyUpdate, OptimizerState, type OptimizerSettings } from './optimizers';

const base: OptimizerSettings = { ...DEFAULT_SETTINGS, learningRate: 0.1, momentum: 0.9, beta1: 0.9, beta2: 0.999, rho: 0.9, epsilon: 1e-7 };
const GRADS = [0.5, -0.2, 0.8, 0.1, -0.6];

/** The reference formulas, written out in float64 for one parameter. */
function reference(optimizer: OptimizerSettings['optimizer'], p0: number): number[] {
  const { learningRate: lr, momentum: mu, beta1: b1, beta2: b2, rho, epsilon: eps } = base;
  let p = p0;
  let m = 0;
  let v = 0;
  const out: number[] = [];
  GRADS.forEach((g, k) => {
    const t = k + 1;
    switch (optimizer) {
      case 'sgd':
        p -= lr * g;
        break;
      case 'momentum':
        m = mu * m + g;
        p -= lr * m;
        break;
      case 'nesterov':
        m = mu * m + g;
        p -= lr * (g + mu * m);
        break;
      case 'rmsprop':
        v = rho * v + (1 - rho) * g * g;
        p -= (lr * g) / (Math.sqrt(v) + eps);
        break;
      case 'adam':
        m = b1 * m + (1 - b1) * g;
        v = b2 * v + (1 - b2) * g * g;
        p -= (lr * (m / (1 - b1 ** t))) / (Math.sqrt(v / (1 - b2 ** t)) + eps);
        break;
    }
    out.push(p);
  });
  return out;
}

describe('optimizers', () => {
  for (const optimizer of OPTIMIZERS) {
    it(`${optimizer} follows its formula for 5 steps`, () => {
      const s = { ...base, optimizer };
      const state = new OptimizerState(2);
      const params = Float32Array.of(1.5, -0.25);
      const expected = reference(optimizer, 1.5);
      GRADS.forEach((g, k) => {
        expect(applyUpdate(s, state, params, Float32Array.of(g, 0), null)).toBe(-1);
        // float32 storage of params and moments: agreement to ~1e-7 relative
        expect(params[0]).toBeCloseTo(expected[k], 5);
      });
      expect(params[1]).toBe(-0.25);
      expect(state.t).toBe(5);
      state.reset();
      expect(state.t).toBe(0);
      expect(state.m.every((x) => x === 0) && state.v.every((x) => x === 0)).toBe(true);
    });
  }

  it('skips frozen parameters and reports the first non-finite result', () => {
    const state = new OptimizerState(3);
    const params = Float32Array.of(1, 2, 3);
    const frozen = Uint8Array.of(0, 1, 0);
    expect(applyUpdate({ ...base, optimizer: 'adam' }, state, params, Float32Array.of(1, 1, 1), frozen)).toBe(-1);
    expect(params[1]).toBe(2);
    expect(state.m[1]).toBe(0);
    expect(params[0]).not.toBe(1);
    const huge = Float32Array.of(0, 0, 1e38);
    expect(applyUpdate({ ...base, optimizer: 'sgd', learningRate: 1e10 }, state, params, huge, null)).toBe(2);
  });
});
