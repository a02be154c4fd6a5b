import { describe, expect, it } from 'vitest';
import { LOSSES } from './registry';
import { batchLoss, batchLossGrad, LOSS_EPSILON, lossValue } from './losses';

describe('lossValue', () => {
  it('computes each loss of one sample by its formula (Keras reduction)', () => {
    const y = [0.2, 0.7];
    const t = [0, 1];
    expect(lossValue('mse', y, t)).toBeCloseTo((0.04 + 0.09) / 2, 12);
    expect(lossValue('half_sse', y, t)).toBeCloseTo((0.04 + 0.09) / 2, 12);
    expect(lossValue('mae', y, t)).toBeCloseTo(0.25, 12);
    expect(lossValue('bce', y, t)).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7)) / 2, 12);
    expect(lossValue('cce', y, t)).toBeCloseTo(-Math.log(0.7), 12);
    expect(lossValue('sparse_cce', y, [1])).toBeCloseTo(-Math.log(0.7), 12);
    expect(lossValue('hinge', [0.3, -2], [1, -1])).toBeCloseTo((0.7 + 0) / 2, 12);
    expect(lossValue('squared_hinge', [0.3, -2], [1, -1])).toBeCloseTo(0.49 / 2, 12);
    expect(lossValue('log_cosh', [2], [0])).toBeCloseTo(Math.log(Math.cosh(2)), 12);
    expect(lossValue('huber', [3, 0.5], [0, 0], { huberDelta: 1 })).toBeCloseTo((2.5 + 0.125) / 2, 12);
    expect(lossValue('huber', [3], [0], { huberDelta: 2 })).toBeCloseTo(2 * (3 - 1), 12);
  });

  it('clips probabilities like Keras: cce of a zero probability is −log(1e-7), not Infinity', () => {
    expect(lossValue('cce', [0, 1], [1, 0])).toBeCloseTo(-Math.log(LOSS_EPSILON), 9);
    expect(lossValue('bce', [1], [0])).toBeCloseTo(-Math.log(LOSS_EPSILON), 5);
    expect(lossValue('log_cosh', [1000], [0])).toBeCloseTo(1000 - Math.LN2, 9);
  });
});

describe('batch losses', () => {
  it('equal the mean of lossValue over the rows, for every loss on a linear output', () => {
    const a = Float64Array.from([0.3, 0.6, 0.1, 0.9, 0.45, 0.2]);
    for (const loss of LOSSES) {
      const t =
        loss === 'hinge' || loss === 'squared_hinge'
          ? Float64Array.from([1, -1, -1, 1, 1, -1])
          : loss === 'cce' || loss === 'sparse_cce'
            ? Float64Array.from([0, 1, 1, 0, 0, 1])
            : Float64Array.from([0, 1, 0, 1, 1, 0]);
      const per = new Float64Array(3);
      const mean = batchLoss(loss, 'linear', a, a, t, 3, 2, 0.3, per);
      for (let b = 0; b < 3; b++) {
        expect(per[b], loss).toBeCloseTo(lossValue(loss, a.subarray(b * 2, b * 2 + 2), t.subarray(b * 2, b * 2 + 2), { huberDelta: 0.3 }), 12);
      }
      expect(mean).toBeCloseTo((per[0] + per[1] + per[2]) / 3, 12);
    }
  });

  it('softmax + cce with logits ±1000: finite value and the gradient p − t', () => {
    const z = Float32Array.from([1000, -1000, -1000, 1000]);
    const a = Float32Array.from([1, 0, 0, 1]);
    const t = Float32Array.from([0, 1, 0, 1]);
    const value = batchLoss('cce', 'softmax', z, a, t, 2, 2, 1, null);
    expect(Number.isFinite(value)).toBe(true);
    expect(value).toBeCloseTo((-Math.log(LOSS_EPSILON) + 0) / 2, 4);
    const g = new Float32Array(4);
    batchLossGrad('cce', 'softmax', a, t, 2, 2, 1, g);
    expect(Array.from(g)).toEqual([0.5, -0.5, 0, 0]);
  });

  it('sigmoid + bce from the logit: finite for ±1000, gradient (p − t)/(n·k)', () => {
    const z = Float32Array.from([1000, -1000]);
    const a = Float32Array.from([1, 0]);
    const t = Float32Array.from([0, 0]);
    const value = batchLoss('bce', 'sigmoid', z, a, t, 2, 1, 1, null);
    expect(value).toBeCloseTo((-Math.log(LOSS_EPSILON) + 0) / 2, 4);
    const g = new Float32Array(2);
    batchLossGrad('bce', 'sigmoid', a, t, 2, 1, 1, g);
    expect(Array.from(g)).toEqual([0.5, 0]);
    // The fused value equals the clipped-probability value away from the clip.
    const z2 = Float64Array.from([0.8]);
    const p = 1 / (1 + Math.exp(-0.8));
    expect(batchLoss('bce', 'sigmoid', z2, Float64Array.from([p]), Float64Array.from([1]), 1, 1, 1, null)).toBeCloseTo(lossValue('bce', [p], [1]), 12);
  });
});
