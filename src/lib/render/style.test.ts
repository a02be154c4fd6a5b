import { describe, expect, it } from 'vitest';
import { levelsHash, levelWeight, linkAlpha, linkWidth, WEIGHT_MAX, WEIGHT_STEP, weightLevel } from './style';

describe('weight levels', () => {
  it('round |w| to WEIGHT_STEP, keep the sign, and stop at WEIGHT_MAX', () => {
    expect(weightLevel(0)).toBe(1);
    expect(weightLevel(0.26)).toBe(6);
    expect(levelWeight(weightLevel(0.26))).toBeCloseTo(0.25, 10);
    expect(weightLevel(-0.26)).toBe(-6);
    expect(levelWeight(weightLevel(-0.26))).toBeCloseTo(-0.25, 10);
    expect(weightLevel(-0.01)).toBeLessThan(0);
    expect(levelWeight(weightLevel(7))).toBeCloseTo(WEIGHT_MAX, 10);
    expect(weightLevel(Number.NaN)).toBe(0);
    expect(levelWeight(0)).toBe(0);
  });
  it('draw within half a step of the true width and opacity', () => {
    for (const w of [-2.31, -0.7, -0.04, 0.013, 0.49, 1.77, 2.99]) {
      const q = levelWeight(weightLevel(w));
      expect(Math.abs(linkWidth(q) - linkWidth(w))).toBeLessThanOrEqual(1.6 * (WEIGHT_STEP / 2) + 1e-9);
      expect(Math.abs(linkAlpha(q) - linkAlpha(w))).toBeLessThanOrEqual(0.75 * (WEIGHT_STEP / 2) + 1e-9);
    }
  });
  it('hash equal for changes below a step and different when one link changes a step', () => {
    const a = new Float32Array([9, 0.3, -0.8, 1.2, 0.05]);
    const b = new Float32Array([9, 0.301, -0.799, 1.2, 0.05]);
    const c = new Float32Array([9, 0.3, -0.8, 1.3, 0.05]);
    expect(levelsHash(b, 1, 4)).toBe(levelsHash(a, 1, 4));
    expect(levelsHash(c, 1, 4)).not.toBe(levelsHash(a, 1, 4));
    // only the edge's own weights count
    expect(levelsHash(new Float32Array([-5, 0.3, -0.8, 1.2, 0.05]), 1, 4)).toBe(levelsHash(a, 1, 4));
    // a sign flip of a tiny weight is a different picture (orange vs blue)
    expect(levelsHash(new Float32Array([0, 0.01]), 1, 1)).not.toBe(levelsHash(new Float32Array([0, -0.01]), 1, 1));
  });
});
