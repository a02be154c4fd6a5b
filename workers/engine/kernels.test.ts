import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { activationBackward, activationForward } from './activations';
import {
  denseBackwardInput,
  denseBackwardWeights,
  denseForward,
  fillBias,
  initKernels,
  kernelPath,
  setKernelMode,
  sumBias
} from './kernels';
import { smallBackwardInput, smallBackwardWeights, smallForward, useSmallKernels } from './kernels-small';
import { compile, DEFAULT_SETTINGS, Trainer } from './index';
import { createRng } from './random';
import type { Vec, VecCtor } from './vec';

/** Sizes that hit every register tile of both paths (4 × 4 in JS; 4 × 8, 4 × 4, 4 × 1, 1 × … in WASM). */
const SHAPES = [
  [1, 1, 1],
  [3, 5, 2],
  [4, 4, 4],
  [7, 9, 6],
  [10, 2, 13],
  [33, 17, 5],
  [9, 30, 21],
  [32, 64, 10]
];

function rand(n: number, seed: number, Ctor: VecCtor = Float64Array): Vec {
  const rng = createRng(seed);
  const v = new Ctor(n);
  for (let i = 0; i < n; i++) v[i] = rng.uniform(-1, 1);
  return v;
}

/** Float32 products of length k differ from the exact sum by at most ~k·ε·Σ|terms|; allow 4× that. */
function closeF32(actual: number, exact: number, terms: number, k: number): void {
  const tol = 4 * (k + 2) * 1.2e-7 * (terms + Math.abs(exact)) + 1e-7;
  if (!(Math.abs(actual - exact) <= tol)) throw new Error(`${actual} vs ${exact} (tolerance ${tol})`);
}

/**
 * Runs the three products and both bias loops on `Ctor` buffers and checks them against the
 * textbook loops in float64: to 12 digits on float64 buffers, to float32 rounding on float32 ones.
 */
function checkShape(n: number, nIn: number, nOut: number, Ctor: VecCtor): void {
  const f64 = Ctor === Float64Array;
  const near = (actual: number, exact: number, terms: number, k: number): void => {
    if (f64) expect(actual).toBeCloseTo(exact, 12);
    else closeF32(actual, exact, terms, k);
  };
  const wOff = 3;
  const x = rand(n * nIn, 1, Ctor);
  const w = rand(wOff + nIn * nOut, 2, Ctor);
  const z = rand(n * nOut, 3, Ctor);
  const z0 = z.slice();
  denseForward(x, nIn, w, wOff, z, nOut, n);
  for (let b = 0; b < n; b++) {
    for (let j = 0; j < nOut; j++) {
      let s = z0[b * nOut + j];
      let t = Math.abs(s);
      for (let i = 0; i < nIn; i++) {
        s += x[b * nIn + i] * w[wOff + i * nOut + j];
        t += Math.abs(x[b * nIn + i] * w[wOff + i * nOut + j]);
      }
      near(z[b * nOut + j], s, t, nIn);
    }
  }
  const dz = rand(n * nOut, 4, Ctor);
  const dx = rand(n * nIn, 5, Ctor);
  const dx0 = dx.slice();
  denseBackwardInput(dz, nOut, w, wOff, dx, nIn, n);
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < nIn; i++) {
      let s = dx0[b * nIn + i];
      let t = Math.abs(s);
      for (let j = 0; j < nOut; j++) {
        s += dz[b * nOut + j] * w[wOff + i * nOut + j];
        t += Math.abs(dz[b * nOut + j] * w[wOff + i * nOut + j]);
      }
      near(dx[b * nIn + i], s, t, nOut);
    }
  }
  const dw = rand(wOff + nIn * nOut, 6, Ctor);
  const dw0 = dw.slice();
  denseBackwardWeights(x, nIn, dz, nOut, dw, wOff, n);
  expect(dw[0]).toBe(dw0[0]);
  for (let i = 0; i < nIn; i++) {
    for (let j = 0; j < nOut; j++) {
      let s = dw0[wOff + i * nOut + j];
      let t = Math.abs(s);
      for (let b = 0; b < n; b++) {
        s += x[b * nIn + i] * dz[b * nOut + j];
        t += Math.abs(x[b * nIn + i] * dz[b * nOut + j]);
      }
      near(dw[wOff + i * nOut + j], s, t, n);
    }
  }
  const filled = rand(n * nOut, 7, Ctor);
  fillBias(filled, nOut, w, 1, n);
  for (let k = 0; k < n * nOut; k++) expect(filled[k]).toBe(w[1 + (k % nOut)]);
  const g = rand(wOff + nOut + 2, 8, Ctor);
  const g0 = g.slice();
  sumBias(dz, nOut, g, wOff, n);
  expect(g[wOff - 1]).toBe(g0[wOff - 1]);
  expect(g[wOff + nOut]).toBe(g0[wOff + nOut]);
  for (let j = 0; j < nOut; j++) {
    let s = g0[wOff + j];
    let t = Math.abs(s);
    for (let b = 0; b < n; b++) {
      s += dz[b * nOut + j];
      t += Math.abs(dz[b * nOut + j]);
    }
    near(g[wOff + j], s, t, n);
  }
}

afterEach(() => {
  setKernelMode('auto');
  useSmallKernels(true);
});

/** The three JS/WASM paths a product can take, each forced for every shape. */
const PATHS = {
  'js tiles': () => {
    setKernelMode('js');
    useSmallKernels(false);
  },
  'js straight-line (small shapes) + tiles': () => setKernelMode('js'),
  wasm: () => setKernelMode('wasm')
} satisfies Record<string, () => void>;

describe('the WASM SIMD kernels load in node', () => {
  it('detects SIMD and instantiates the generated module', () => {
    expect(initKernels()).toBe('wasm-simd');
    expect(kernelPath()).toBe('wasm-simd');
  });
});

for (const [label, use] of Object.entries(PATHS)) {
  describe(`${label}: kernels agree with the textbook loops`, () => {
    beforeAll(() => void initKernels());
    for (const [n, nIn, nOut] of SHAPES) {
      it(`batch ${n}, ${nIn} → ${nOut}, float32`, () => {
        use();
        checkShape(n, nIn, nOut, Float32Array);
      });
    }
    it('float64 buffers always take the JS kernels, to 12 digits', () => {
      use();
      for (const [n, nIn, nOut] of SHAPES) checkShape(n, nIn, nOut, Float64Array);
    });
    it('tanh and relu loops match the scalar definitions (float32 tolerance, scalar tails included)', () => {
      use();
      for (const len of [1, 3, 4, 7, 37]) {
        const z = rand(len, 20 + len, Float32Array).map((v) => v * 10);
        z[0] = 0;
        const da = rand(len, 40 + len, Float32Array);
        const a = new Float32Array(len);
        const dz = new Float32Array(len);
        activationForward('tanh', z, a, 1, len, z, 0);
        activationBackward('tanh', z, a, da, dz, 1, len, z, z, 0);
        for (let i = 0; i < len; i++) {
          expect(Math.abs(a[i] - Math.tanh(z[i]))).toBeLessThan(1e-6);
          expect(Math.abs(dz[i] - da[i] * (1 - a[i] * a[i]))).toBeLessThan(1e-6);
        }
        activationForward('relu', z, a, 1, len, z, 0);
        activationBackward('relu', z, a, da, dz, 1, len, z, z, 0);
        for (let i = 0; i < len; i++) {
          expect(a[i]).toBe(z[i] > 0 ? z[i] : 0);
          expect(dz[i]).toBe(z[i] > 0 ? da[i] : 0);
        }
      }
    });
    it('one seed trains to identical parameters run to run', () => {
      use();
      const run = (): Float32Array => {
        const spec = {
          groups: [
            { id: 'x', kind: 'input' as const, units: 20, activation: 'linear' as const, features: Array.from({ length: 20 }, (_, a) => ({ op: 'id' as const, a })) },
            { id: 'h', kind: 'hidden' as const, units: 24, activation: 'tanh' as const },
            { id: 'out', kind: 'output' as const, units: 3, activation: 'softmax' as const }
          ],
          edges: [
            { from: 'x', to: 'h' },
            { from: 'h', to: 'out' }
          ]
        };
        const rng = createRng(9);
        const count = 200;
        const data = {
          count,
          columns: Array.from({ length: 20 }, (_, k) => `c${k}`),
          x: Float32Array.from({ length: count * 20 }, () => rng.uniform(-1, 1)),
          y: Float32Array.from({ length: count }, () => rng.int(3)),
          classes: ['a', 'b', 'c'],
          targetColumns: [],
          isTest: new Uint8Array(count)
        };
        const trainer = new Trainer(compile(spec), data, { ...DEFAULT_SETTINGS, batchSize: 16, loss: 'cce', seed: 4 });
        trainer.train(60);
        return trainer.params.slice();
      };
      expect(run()).toEqual(run());
    });
  });
}

describe('the two paths', () => {
  it('agree within float32 tolerance, and the WASM path really runs (its float32 sums round differently)', () => {
    initKernels();
    const [n, nIn, nOut] = [32, 784, 128];
    const x = rand(n * nIn, 1, Float32Array);
    const w = rand(nIn * nOut, 2, Float32Array);
    const zJs = new Float32Array(n * nOut);
    const zWasm = new Float32Array(n * nOut);
    setKernelMode('js');
    denseForward(x, nIn, w, 0, zJs, nOut, n);
    setKernelMode('wasm');
    denseForward(x, nIn, w, 0, zWasm, nOut, n);
    let differ = 0;
    for (let k = 0; k < zJs.length; k++) {
      expect(Math.abs(zJs[k] - zWasm[k])).toBeLessThan(1e-3);
      if (zJs[k] !== zWasm[k]) differ++;
    }
    expect(differ).toBeGreaterThan(zJs.length / 4);
  });
});

describe('fallback to the JS kernels', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    initKernels();
  });

  function jsResult(): Float32Array {
    const x = rand(32 * 50, 1, Float32Array);
    const w = rand(50 * 40, 2, Float32Array);
    const z = new Float32Array(32 * 40);
    denseForward(x, 50, w, 0, z, 40, 32);
    return z;
  }

  it('a module that fails to compile leaves the JS path, with identical results', () => {
    setKernelMode('js');
    const expected = jsResult();
    setKernelMode('wasm');
    expect(initKernels({ bytes: new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 99]) })).toBe('js');
    expect(jsResult()).toEqual(expected);
  });

  it('a browser without SIMD (validation fails) runs the JS kernels without an error', () => {
    setKernelMode('wasm');
    expect(initKernels({ simd: () => false })).toBe('js');
    expect(() => checkShape(7, 9, 6, Float32Array)).not.toThrow();
  });

  it('a call too large for the memory the runtime may grow to runs in JS, smaller ones still in WASM', () => {
    expect(initKernels({ maxPages: 17 })).toBe('wasm-simd');
    setKernelMode('js');
    const expected = jsResult();
    setKernelMode('wasm');
    expect(jsResult()).not.toEqual(expected);
    const [n, nIn, nOut] = [256, 784, 128]; // 0.33 M floats (1.3 MB) to stage: more than 17 pages
    const x = rand(n * nIn, 3, Float32Array);
    const w = rand(nIn * nOut, 4, Float32Array);
    const zJs = new Float32Array(n * nOut);
    const zWasm = new Float32Array(n * nOut);
    setKernelMode('js');
    denseForward(x, nIn, w, 0, zJs, nOut, n);
    setKernelMode('wasm');
    denseForward(x, nIn, w, 0, zWasm, nOut, n);
    expect(zWasm).toEqual(zJs);
  });

  it('WebAssembly disabled by policy (no global) runs the JS kernels without an error', () => {
    vi.stubGlobal('WebAssembly', undefined);
    setKernelMode('wasm');
    expect(initKernels()).toBe('js');
    expect(() => checkShape(7, 9, 6, Float32Array)).not.toThrow();
  });
});

describe('straight-line kernels', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('are generated for small shapes only', () => {
    expect(smallForward(8, 8)).toBeTypeOf('function');
    expect(smallForward(9, 8)).toBeNull();
    expect(smallBackwardWeights(4, 4)).toBeTypeOf('function');
    expect(smallBackwardWeights(4, 5)).toBeNull();
  });

  // Last in this file: a refusal switches generation off for the rest of the module's life.
  it('where code generation is refused (CSP without unsafe-eval), the tiles run instead', () => {
    vi.stubGlobal('Function', function refused() {
      throw new EvalError('Refused to evaluate a string as JavaScript');
    });
    expect(smallBackwardInput(3, 7)).toBeNull();
    expect(smallForward(2, 3)).toBeNull();
    setKernelMode('js');
    expect(() => checkShape(5, 3, 7, Float32Array)).not.toThrow();
  });
});
