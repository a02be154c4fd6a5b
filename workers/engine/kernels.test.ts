import { describe, expect, it } from 'vitest';
import { denseBackwardInput, denseBackwardWeights, denseForward } from './kernels';
import { createRng } from './random';

/** Sizes that hit the 4 × 4 tiles and every remainder path. */
const SHAPES = [
  [1, 1, 1],
  [3, 5, 2],
  [4, 4, 4],
  [7, 9, 6],
  [10, 2, 13],
  [33, 17, 5]
];

function rand(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: n }, () => rng.uniform(-1, 1));
}

describe('dense kernels agree with the textbook triple loops', () => {
  for (const [n, nIn, nOut] of SHAPES) {
    it(`batch ${n}, ${nIn} → ${nOut}`, () => {
      const wOff = 3;
      const x = rand(n * nIn, 1);
      const w = rand(wOff + nIn * nOut, 2);
      const z = rand(n * nOut, 3);
      const z0 = z.slice();
      denseForward(x, nIn, w, wOff, z, nOut, n);
      for (let b = 0; b < n; b++) {
        for (let j = 0; j < nOut; j++) {
          let s = z0[b * nOut + j];
          for (let i = 0; i < nIn; i++) s += x[b * nIn + i] * w[wOff + i * nOut + j];
          expect(z[b * nOut + j]).toBeCloseTo(s, 12);
        }
      }
      const dz = rand(n * nOut, 4);
      const dx = rand(n * nIn, 5);
      const dx0 = dx.slice();
      denseBackwardInput(dz, nOut, w, wOff, dx, nIn, n);
      for (let b = 0; b < n; b++) {
        for (let i = 0; i < nIn; i++) {
          let s = dx0[b * nIn + i];
          for (let j = 0; j < nOut; j++) s += dz[b * nOut + j] * w[wOff + i * nOut + j];
          expect(dx[b * nIn + i]).toBeCloseTo(s, 12);
        }
      }
      const dw = rand(wOff + nIn * nOut, 6);
      const dw0 = dw.slice();
      denseBackwardWeights(x, nIn, dz, nOut, dw, wOff, n);
      expect(dw[0]).toBe(dw0[0]);
      for (let i = 0; i < nIn; i++) {
        for (let j = 0; j < nOut; j++) {
          let s = dw0[wOff + i * nOut + j];
          for (let b = 0; b < n; b++) s += x[b * nIn + i] * dz[b * nOut + j];
          expect(dw[wOff + i * nOut + j]).toBeCloseTo(s, 12);
        }
      }
    });
  }
});
