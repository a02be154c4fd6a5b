/**
 * Analytic gradients against central differences, for every activation × every loss, a DAG with
 * skip connections and a three-parent group, PReLU slopes, dropout and weight penalties.
 *
 * The check runs the engine's own forward/backward code on Float64Array buffers, so the only
 * error left is the finite difference itself: truncation O(h²·f‴) ≈ 1e-12 and rounding
 * O(ε·|L| / h) ≈ 1e-10 with h = 1e-6. A tolerance of 1e-6 absolute + 1e-5 relative is therefore
 * four orders of magnitude above the noise, yet any wrong term (a missing factor 2, a 1/k, a sign)
 * misses it by far.
 *
 * The float64 buffers always run the JS kernels. The float32 buffers of training may run the WASM
 * SIMD kernels instead, so the last block runs every case again on float32 buffers, once per
 * kernel path, and holds the result to the checked float64 gradients within float32 rounding.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Activation, NetworkSpec } from '../protocol';
import { ACTIVATIONS, LOSSES } from './registry';
import { analytic, analyticF32, expectClose, expectCloseF32, lossOf, makeCase, numeric } from './gradcheck-support';
import { kernelPath, setKernelMode } from './kernels';
import { isFused } from './losses';
import { addRegularisation } from './optimizers';

function chain(hidden: Activation, output: Activation, outUnits: number): NetworkSpec {
  return {
    groups: [
      { id: 'x', kind: 'input', units: 3, activation: 'linear', features: [0, 1, 2].map((a) => ({ op: 'id' as const, a })) },
      { id: 'h', kind: 'hidden', units: 4, activation: hidden },
      { id: 'out', kind: 'output', units: outUnits, activation: output }
    ],
    edges: [
      { from: 'x', to: 'h' },
      { from: 'h', to: 'out' }
    ]
  };
}

describe('gradient check: every activation × every loss', () => {
  for (const act of ACTIVATIONS) {
    for (const loss of LOSSES) {
      // Every combination is checked, meaningful or not: the engine must differentiate what it computes.
      // Step passes no gradient (f′ = 0), so its check only confirms that nothing leaks through (0 = 0).
      it(`${act} × ${loss}`, () => {
        const c = makeCase(chain(act, act, 3), loss, 5, 11 + ACTIVATIONS.indexOf(act) * 31 + LOSSES.indexOf(loss));
        const a = analytic(c);
        const n = numeric((p) => lossOf(c, p), c.params);
        expectClose(a, n, `${act} × ${loss}`);
        // The check must not pass vacuously. Exceptions, by design: step (f′ = 0) and the
        // probability losses on outputs that are not probabilities, whose clipped logs are flat
        // wherever the output leaves [ε, 1 − ε] (e.g. relu outputs of 0 into cce).
        const probabilityLoss = loss === 'bce' || loss === 'cce' || loss === 'sparse_cce';
        const probabilityOutput = act === 'sigmoid' || act === 'softmax';
        if (act !== 'step' && (!probabilityLoss || probabilityOutput)) {
          expect(a.some((v) => Math.abs(v) > 1e-4)).toBe(true);
        }
      });
    }
  }

  it('single-unit outputs too (sigmoid + bce fused, tanh + hinge, linear + mse)', () => {
    for (const [act, loss] of [['sigmoid', 'bce'], ['tanh', 'hinge'], ['linear', 'mse'], ['sigmoid', 'half_sse']] as const) {
      const c = makeCase(chain('relu', act, 1), loss, 6, 99);
      expectClose(analytic(c), numeric((p) => lossOf(c, p), c.params), `${act} × ${loss} (1 unit)`);
    }
  });
});

const dagSpec: NetworkSpec = {
  groups: [
    { id: 'x', kind: 'input', units: 2, activation: 'linear', features: [{ op: 'id', a: 0 }, { op: 'id', a: 1 }] },
    { id: 'x2', kind: 'input', units: 1, activation: 'linear', features: [{ op: 'square', a: 0 }] },
    { id: 'h1', kind: 'hidden', units: 3, activation: 'tanh' },
    { id: 'h2', kind: 'hidden', units: 4, activation: 'prelu' },
    { id: 'h3', kind: 'hidden', units: 2, activation: 'sigmoid' },
    { id: 'out', kind: 'output', units: 3, activation: 'softmax' }
  ],
  edges: [
    { from: 'x', to: 'h1' },
    { from: 'h1', to: 'h2' },
    { from: 'x', to: 'h2' },
    { from: 'x2', to: 'h2' },
    { from: 'h2', to: 'h3' },
    { from: 'h2', to: 'out' },
    { from: 'h3', to: 'out' },
    { from: 'h1', to: 'out' },
    { from: 'x', to: 'out' }
  ]
};

describe('gradient check: graphs', () => {
  it('a DAG with skip connections, a three-parent group and PReLU slopes', () => {
    const c = makeCase(dagSpec, 'cce', 7, 5);
    const a = analytic(c);
    expectClose(a, numeric((p) => lossOf(c, p), c.params), 'dag');
    const h2 = c.program.groups.find((g) => g.id === 'h2');
    expect(h2 && h2.preluOffset >= 0).toBe(true);
    // Slopes only move when some unit is in its negative part: make sure this batch exercises them.
    const slopes = Array.from(a.subarray(h2!.preluOffset, h2!.preluOffset + 4));
    expect(slopes.some((v) => Math.abs(v) > 1e-5)).toBe(true);
  });

  it('the same DAG with mse and a 2-unit output (non-fused softmax path)', () => {
    const c = makeCase(dagSpec, 'mse', 6, 8);
    expectClose(analytic(c), numeric((p) => lossOf(c, p), c.params), 'dag mse');
  });

  it('dropout: with the mask held fixed, gradients flow only through kept units, scaled by 1/(1 − rate)', () => {
    const spec: NetworkSpec = {
      ...chain('relu', 'linear', 2),
      groups: chain('relu', 'linear', 2).groups.map((g) => (g.id === 'h' ? { ...g, units: 8, dropout: 0.5 } : g))
    };
    const c = makeCase(spec, 'mse', 6, 21, 1234);
    const a = analytic(c);
    expectClose(a, numeric((p) => lossOf(c, p), c.params), 'dropout');
    const mask = c.ws.mask[c.program.groups.find((g) => g.id === 'h')!.index]!;
    const values = new Set(Array.from(mask.subarray(0, 48)));
    expect([...values].sort()).toEqual([0, 2]);
  });

  it('L1 + L2 penalties (network and per group) add λ1·sign(w) + 2·λ2·w to weights only', () => {
    const spec = chain('tanh', 'linear', 2);
    spec.groups[1] = { ...spec.groups[1], l2: 0.05 };
    spec.groups[2] = { ...spec.groups[2], l1: 0.02 };
    const c = makeCase(spec, 'mse', 5, 3);
    const penalty = (p: Float64Array): number => {
      let s = 0;
      for (const e of c.program.edges) {
        const to = c.program.groups[e.to];
        for (let i = e.offset; i < e.offset + e.fromUnits * e.toUnits; i++) {
          s += (0.01 + to.l1) * Math.abs(p[i]) + (0.03 + to.l2) * p[i] * p[i];
        }
      }
      return s;
    };
    const a = analytic(c);
    addRegularisation(c.program, c.params, a, 0.01, 0.03);
    expectClose(a, numeric((p) => lossOf(c, p) + penalty(p), c.params), 'penalties');
  });

  it('uses the fused gradient exactly for softmax + cce and sigmoid + bce', () => {
    expect(isFused('cce', 'softmax')).toBe(true);
    expect(isFused('sparse_cce', 'softmax')).toBe(true);
    expect(isFused('bce', 'sigmoid')).toBe(true);
    expect(isFused('mse', 'softmax')).toBe(false);
  });
});

for (const mode of ['js', 'wasm'] as const) {
  describe(`float32 gradients on the ${mode} kernel path match the checked float64 ones`, () => {
    afterAll(() => setKernelMode('auto'));
    it('every activation × every loss, the DAG and dropout', () => {
      // Forced mode: even these tiny shapes run through the WASM kernels on the wasm path.
      setKernelMode(mode);
      expect(kernelPath()).toBe(mode === 'js' ? 'js' : 'wasm-simd');
      for (const act of ACTIVATIONS) {
        for (const loss of LOSSES) {
          const c = makeCase(chain(act, act, 3), loss, 5, 11 + ACTIVATIONS.indexOf(act) * 31 + LOSSES.indexOf(loss));
          expectCloseF32(analyticF32(c), analytic(c), `${mode}: ${act} × ${loss}`);
        }
      }
      for (const loss of ['cce', 'mse'] as const) {
        const c = makeCase(dagSpec, loss, 7, 5);
        expectCloseF32(analyticF32(c), analytic(c), `${mode}: dag ${loss}`);
      }
      const spec: NetworkSpec = {
        ...chain('relu', 'linear', 2),
        groups: chain('relu', 'linear', 2).groups.map((g) => (g.id === 'h' ? { ...g, units: 8, dropout: 0.5 } : g))
      };
      const c = makeCase(spec, 'mse', 6, 21, 1234);
      expectCloseF32(analyticF32(c), analytic(c), `${mode}: dropout`);
    });
  });
}
