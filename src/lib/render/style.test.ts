import { describe, expect, it } from 'vitest';
import { sampleCurve } from '../editor/edge-geometry';
import { cssColor, levelsHash, levelWeight, linkAlpha, LINK_SAMPLES, linkSamples, linkWidth, WEIGHT_MAX, WEIGHT_STEP, weightLevel } from './style';

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

describe('points per drawn link', () => {
  /** Largest distance from the true curve (densely sampled) to the polyline of n points. */
  function polylineError(dy: number, n: number): number {
    const p0 = { x: 0, y: 0 };
    const p1 = { x: 215, y: dy };
    const truth = sampleCurve(p0, p1, 801);
    const pts = sampleCurve(p0, p1, n);
    let worst = 0;
    for (let k = 0; k < 801; k++) {
      let best = Infinity;
      for (let s = 0; s < n - 1; s++) {
        const [ax, ay, bx, by] = [pts[2 * s], pts[2 * s + 1], pts[2 * s + 2], pts[2 * s + 3]];
        const [dx, dyy] = [bx - ax, by - ay];
        const t = Math.max(0, Math.min(1, ((truth[2 * k] - ax) * dx + (truth[2 * k + 1] - ay) * dyy) / (dx * dx + dyy * dyy)));
        best = Math.min(best, Math.hypot(truth[2 * k] - ax - t * dx, truth[2 * k + 1] - ay - t * dyy));
      }
      worst = Math.max(worst, best);
    }
    return worst;
  }

  it('a level link is a straight line; the steepest keep every point; never fewer for a steeper link', () => {
    expect(linkSamples({ y: 10 }, { y: 10 })).toBe(2);
    expect(linkSamples({ y: 0 }, { y: 320 })).toBe(LINK_SAMPLES);
    expect(linkSamples({ y: 320 }, { y: 0 })).toBe(LINK_SAMPLES);
    let last = 0;
    for (let dy = 0; dy <= 600; dy += 7) {
      const n = linkSamples({ y: 0 }, { y: dy });
      expect(n).toBeGreaterThanOrEqual(last);
      last = n;
    }
  });

  it('draws no link less truly than the steepest one with all its points (at 215 px across)', () => {
    const bound = polylineError(300, LINK_SAMPLES);
    for (const dy of [3, 12, 30, 60, 100, 150, 220, 300]) {
      expect(polylineError(dy, linkSamples({ y: 0 }, { y: dy }))).toBeLessThanOrEqual(bound + 0.05);
    }
  });
});

describe('cssColor', () => {
  it('writes a 0xRRGGBB number as six hex digits, leading zeros kept', () => {
    expect(cssColor(0x2563eb)).toBe('#2563eb');
    expect(cssColor(0x00000f)).toBe('#00000f');
    expect(cssColor(0)).toBe('#000000');
  });
});
