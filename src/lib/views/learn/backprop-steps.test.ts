import { describe, expect, it } from 'vitest';
import type { ParamLayout, SampleTrace } from '../../../../workers/protocol';
import type { NetworkDoc } from '../../model/document';
import {
  agrees,
  buildSteps,
  linkId,
  MAX_HIGHLIGHT_LINKS,
  sgdChange,
  stepsProblem,
  stepTitle,
  topoOrder,
  type BackwardStep,
  type ForwardStep,
  type LossStep,
  type UpdateStep
} from './backprop-steps';

/**
 * 2 → 2 → 1: inputs x = (1, 2); hidden h (2 units); output out (1 unit, linear).
 * params: w in→h at 0..3 (w[i][j] at i*2 + j), b h at 4..5, w h→out at 6..7, b out at 8.
 */
const layout: ParamLayout = {
  paramCount: 9,
  unitCount: 5,
  groups: [
    { id: 'in', units: 2, unitOffset: 0, biasOffset: -1, preluOffset: -1, paramCount: 0 },
    { id: 'h', units: 2, unitOffset: 2, biasOffset: 4, preluOffset: -1, paramCount: 6 },
    { id: 'out', units: 1, unitOffset: 4, biasOffset: 8, preluOffset: -1, paramCount: 3 }
  ],
  edges: [
    { from: 'in', to: 'h', offset: 0, fromUnits: 2, toUnits: 2 },
    { from: 'h', to: 'out', offset: 6, fromUnits: 2, toUnits: 1 }
  ]
};

function doc(hidden: 'relu' | 'sigmoid'): NetworkDoc {
  return {
    nodes: [
      { id: 'in', kind: 'input', label: 'x', x: 0, y: 0, units: 2, activation: 'linear', features: [{ op: 'id', a: 0 }, { op: 'id', a: 1 }] },
      { id: 'h', kind: 'dense', label: 'h', x: 200, y: 0, units: 2, activation: hidden },
      { id: 'out', kind: 'output', label: 'out', x: 400, y: 0, units: 1, activation: 'linear' }
    ],
    edges: [
      { id: 'e1', from: 'in', to: 'h' },
      { id: 'e2', from: 'h', to: 'out' }
    ]
  };
}

//                                 w00  w01  w10   w11  b0   b1    v0  v1  c
const params = Float32Array.from([0.5, -1, 0.25, 0.5, 0.125, -0.25, 2, -3, 0.5]);

/**
 * A trace as the engine would give it, except that only the inputs and the output's dL/da, dL/dz
 * and loss are trusted by buildSteps; the rest is filled with the given values for comparison.
 */
function makeTrace(values: { z: number[]; a: number[]; dz: number[]; da: number[]; grads: number[]; loss: number }): SampleTrace {
  return {
    z: Float32Array.from(values.z),
    a: Float32Array.from(values.a),
    dz: Float32Array.from(values.dz),
    da: Float32Array.from(values.da),
    grads: Float32Array.from(values.grads),
    loss: values.loss
  };
}

describe('buildSteps on a 2 → 2 (ReLU) → 1 (linear) network, squared error, target 2', () => {
  // By hand, x = (1, 2):
  //   z_h0 = 1·0.5 + 2·0.25 + 0.125 = 1.125      a_h0 = 1.125
  //   z_h1 = 1·(−1) + 2·0.5 − 0.25 = −0.25        a_h1 = 0 (ReLU off)
  //   z_out = 1.125·2 + 0·(−3) + 0.5 = 2.75       a_out = 2.75
  //   L = (2.75 − 2)² = 0.5625; dL/da_out = 2·0.75 = 1.5 = dz_out (linear)
  //   dw_h→out = (1.125·1.5, 0·1.5) = (1.6875, 0); db_out = 1.5
  //   da_h = (2·1.5, −3·1.5) = (3, −4.5); dz_h = (3·1, −4.5·0) = (3, 0)
  //   dw_in→h[i][j] = x_i·dz_j = [[3, 0], [6, 0]]; db_h = (3, 0)
  const trace = makeTrace({
    z: [1, 2, 1.125, -0.25, 2.75],
    a: [1, 2, 1.125, 0, 2.75],
    dz: [0, 0, 3, 0, 1.5],
    da: [0, 0, 3, -4.5, 1.5],
    grads: [3, 0, 6, 0, 3, 0, 1.6875, 0, 1.5],
    loss: 0.5625
  });
  const steps = buildSteps(doc('relu'), layout, params, trace);
  const forward = steps.filter((s): s is ForwardStep => s.kind === 'forward');
  const backward = steps.filter((s): s is BackwardStep => s.kind === 'backward');

  it('orders the steps: inputs, forward h0 h1 out, loss, backward out h0 h1, update', () => {
    expect(steps.map((s) => (s.kind === 'forward' || s.kind === 'backward' ? `${s.kind} ${s.unitId}` : s.kind))).toEqual([
      'inputs',
      'forward h:0',
      'forward h:1',
      'forward out:0',
      'loss',
      'backward out:0',
      'backward h:0',
      'backward h:1',
      'update'
    ]);
  });

  it('computes z and a forward with the terms shown', () => {
    expect(forward[0].terms.map((t) => [t.w, t.a])).toEqual([
      [0.5, 1],
      [0.25, 2]
    ]);
    expect(forward[0].b).toBe(0.125);
    expect(forward[0].z).toBeCloseTo(1.125, 12);
    expect(forward[0].a).toBeCloseTo(1.125, 12);
    expect(forward[1].z).toBeCloseTo(-0.25, 12);
    expect(forward[1].a).toBe(0);
    expect(forward[2].z).toBeCloseTo(2.75, 12);
    expect(forward[2].a).toBeCloseTo(2.75, 12);
    expect(forward[2].highlight).toEqual({ units: ['out:0'], links: ['h:0->out:0', 'h:1->out:0'] });
  });

  it('reports the loss and the output gradient from the engine', () => {
    const loss = steps.find((s): s is LossStep => s.kind === 'loss')!;
    expect(loss.loss).toBe(0.5625);
    expect(loss.outputs).toEqual([{ unitId: 'out:0', label: 'out', a: 2.75, da: 1.5, dz: 1.5 }]);
  });

  it('computes da, dz, dw and db backward', () => {
    const [out, h0, h1] = backward;
    expect(out.fromLoss).toBe(true);
    expect(out.dz).toBe(1.5);
    expect(out.weights.map((w) => w.dw)).toEqual([1.6875, 0]);
    expect(out.db).toBe(1.5);

    expect(h0.terms.map((t) => [t.w, t.dz])).toEqual([[2, 1.5]]);
    expect(h0.da).toBeCloseTo(3, 12);
    expect(h0.dfz).toBe(1);
    expect(h0.dz).toBeCloseTo(3, 12);
    expect(h0.weights.map((w) => w.dw)).toEqual([3, 6]);
    expect(h0.db).toBeCloseTo(3, 12);

    expect(h1.da).toBeCloseTo(-4.5, 12);
    expect(h1.dfz).toBe(0);
    expect(h1.dz).toBe(0);
    expect(h1.weights.map((w) => w.dw)).toEqual([0, 0]);
    expect(h1.highlight.links).toEqual(['h:1->out:0', 'in:0->h:1', 'in:1->h:1']);
  });

  it('lists every parameter in the update with its gradient, matching the engine', () => {
    const update = steps.find((s): s is UpdateStep => s.kind === 'update')!;
    expect(update.rows.map((r) => r.label)).toEqual([
      'w x[0]→h[0]',
      'w x[0]→h[1]',
      'w x[1]→h[0]',
      'w x[1]→h[1]',
      'b h[0]',
      'b h[1]',
      'w h[0]→out',
      'w h[1]→out',
      'b out'
    ]);
    expect(update.rows.map((r) => r.grad)).toEqual([3, 0, 6, 0, 3, 0, 1.6875, 0, 1.5]);
    for (const r of update.rows) expect(agrees(r.grad, r.engineGrad)).toBe(true);
    expect(update.rows[0].ref).toEqual({ kind: 'weight', from: 'in', to: 'h', i: 0, j: 0 });
    expect(update.rows[0].linkId).toBe(linkId('in', 0, 'h', 0));
    // SGD with η = 0.1 on w x[1]→h[0] = 0.25, grad 6: 0.25 − 0.6 = −0.35
    const change = sgdChange(update.rows[2].value, update.rows[2].grad, 0.1);
    expect(update.count).toBe(9);
    expect(update.allAgree).toBe(true);
    expect(update.rowAt(8)).toEqual(update.rows[8]);
    expect(update.rowAt(8).ref).toEqual({ kind: 'bias', group: 'out', j: 0 });
    // largest |gradient| first: 6 (w x[1]→h[0]), then the two 3s in display order, then 1.6875
    expect(update.largest(4).map((r) => r.grad)).toEqual([6, 3, 3, 1.6875]);
    expect(update.highlight.links.length).toBe(6);
    expect(update.highlight.units).toEqual(['h:0', 'h:1', 'out:0']);
    expect(change.delta).toBeCloseTo(-0.6, 12);
    expect(change.next).toBeCloseTo(-0.35, 12);
  });

  it('titles steps for the heading', () => {
    expect(stepTitle(steps[1], 1, steps.length)).toBe('Step 2 of 9: forward through h[0]');
    expect(stepTitle(steps[8], 8, steps.length)).toBe('Step 9 of 9: apply the update');
  });
});

describe('buildSteps with sigmoid hidden units', () => {
  it('uses σ′(z) = σ(z)(1 − σ(z)) on the way back', () => {
    const s = (v: number) => 1 / (1 + Math.exp(-v));
    const zh = [1.125, -0.25];
    const ah = zh.map(s);
    const zOut = ah[0] * 2 + ah[1] * -3 + 0.5;
    const dzOut = 2 * (zOut - 2);
    const dah = [2 * dzOut, -3 * dzOut];
    const dzh = dah.map((d, j) => d * ah[j] * (1 - ah[j]));
    const trace = makeTrace({
      z: [1, 2, ...zh, zOut],
      a: [1, 2, ...ah, zOut],
      dz: [0, 0, ...dzh, dzOut],
      da: [0, 0, ...dah, dzOut],
      grads: [dzh[0], dzh[1], 2 * dzh[0], 2 * dzh[1], dzh[0], dzh[1], ah[0] * dzOut, ah[1] * dzOut, dzOut],
      loss: (zOut - 2) ** 2
    });
    const steps = buildSteps(doc('sigmoid'), layout, params, trace);
    const fw = steps.filter((x): x is ForwardStep => x.kind === 'forward');
    expect(fw[0].a).toBeCloseTo(0.7549149868676283, 12); // σ(1.125)
    expect(fw[2].z).toBeCloseTo(zOut, 6);
    const bw = steps.filter((x): x is BackwardStep => x.kind === 'backward');
    expect(bw[1].dfz).toBeCloseTo(ah[0] * (1 - ah[0]), 12);
    expect(bw[1].dz).toBeCloseTo(dzh[0], 6);
    expect(bw[2].dz).toBeCloseTo(dzh[1], 6);
    expect(bw[2].weights[1].dw).toBeCloseTo(2 * dzh[1], 6);
    for (const b of bw) {
      expect(agrees(b.dz, b.engineDz)).toBe(true);
      expect(agrees(b.da, b.engineDa)).toBe(true);
    }
    for (const f of fw) expect(agrees(f.z, f.engineZ) && agrees(f.a, f.engineA)).toBe(true);
  });
});

describe('topoOrder and stepsProblem', () => {
  it('orders groups so every edge goes forward, whatever the layout order', () => {
    const shuffled: ParamLayout = { ...layout, groups: [layout.groups[2], layout.groups[1], layout.groups[0]] };
    expect(topoOrder(shuffled).map((g) => g.id)).toEqual(['in', 'h', 'out']);
  });

  it('explains what is missing', () => {
    const trace = makeTrace({ z: [0, 0, 0, 0, 0], a: [0, 0, 0, 0, 0], dz: [0, 0, 0, 0, 0], da: [0, 0, 0, 0, 0], grads: Array(9).fill(0), loss: 0 });
    expect(stepsProblem(doc('relu'), null, null, null)).toMatch(/valid network/);
    expect(stepsProblem(doc('relu'), layout, params, null)).toMatch(/Pick a sample/);
    expect(stepsProblem(doc('relu'), layout, null, trace)).toMatch(/weights/);
    expect(stepsProblem(doc('relu'), layout, new Float32Array(3), trace)).toMatch(/weights/);
    const changed = doc('relu');
    changed.nodes[1].units = 3;
    expect(stepsProblem(changed, layout, params, trace)).toMatch(/changed/);
    expect(stepsProblem(doc('relu'), layout, params, trace)).toBeNull();
  });

  it('agrees within float32 rounding only', () => {
    expect(agrees(1.125, Math.fround(1.125000001))).toBe(true);
    expect(agrees(3, 3.01)).toBe(false);
    expect(agrees(Number.NaN, Number.NaN)).toBe(true);
  });
});

describe('the update step of a large network', () => {
  it('flags a gradient that disagrees with the engine and leaves huge link lists out of the highlight', () => {
    const trace = makeTrace({
      z: [1, 2, 1.125, -0.25, 2.75],
      a: [1, 2, 1.125, 0, 2.75],
      dz: [0, 0, 3, 0, 1.5],
      da: [0, 0, 3, -4.5, 1.5],
      // w x[1]→h[0] should be 6
      grads: [3, 0, 7, 0, 3, 0, 1.6875, 0, 1.5],
      loss: 0.5625
    });
    const update = buildSteps(doc('relu'), layout, params, trace).find((s): s is UpdateStep => s.kind === 'update')!;
    expect(update.allAgree).toBe(false);
  });

  it('highlights units only when there are more weights than MAX_HIGHLIGHT_LINKS, and builds rows on demand', () => {
    const fromUnits = 100;
    const toUnits = 60;
    const weights = fromUnits * toUnits;
    expect(weights).toBeGreaterThan(MAX_HIGHLIGHT_LINKS);
    const big: ParamLayout = {
      paramCount: weights + toUnits,
      unitCount: fromUnits + toUnits,
      groups: [
        { id: 'in', units: fromUnits, unitOffset: 0, biasOffset: -1, preluOffset: -1, paramCount: 0 },
        { id: 'out', units: toUnits, unitOffset: fromUnits, biasOffset: weights, preluOffset: -1, paramCount: weights + toUnits }
      ],
      edges: [{ from: 'in', to: 'out', offset: 0, fromUnits, toUnits }]
    };
    const bigDoc: NetworkDoc = {
      nodes: [
        { id: 'in', kind: 'input', label: 'in', x: 0, y: 0, units: fromUnits, activation: 'linear' },
        { id: 'out', kind: 'output', label: 'out', x: 0, y: 0, units: toUnits, activation: 'linear' }
      ],
      edges: [{ id: 'e', from: 'in', to: 'out' }]
    };
    const n = big.unitCount;
    const a = Float32Array.from({ length: n }, (_, u) => (u < fromUnits ? 1 : 0));
    const dz = Float32Array.from({ length: n }, (_, u) => (u === fromUnits + 7 ? 2 : 0));
    const grads = new Float32Array(big.paramCount);
    for (let i = 0; i < fromUnits; i++) grads[i * toUnits + 7] = 2;
    grads[weights + 7] = 2;
    const trace: SampleTrace = { z: a.slice(), a, dz, da: dz.slice(), grads, loss: 1 };
    const update = buildSteps(bigDoc, big, new Float32Array(big.paramCount), trace).find((s): s is UpdateStep => s.kind === 'update')!;
    expect(update.count).toBe(weights + toUnits);
    expect(update.highlight.links).toEqual([]);
    expect(update.highlight.units.length).toBe(toUnits);
    expect(update.allAgree).toBe(true);
    // row k = 5·60 + 7 is the weight from in[5] to out[7]
    expect(update.rowAt(5 * toUnits + 7)).toMatchObject({ label: 'w in[5]→out[7]', grad: 2, ref: { kind: 'weight', i: 5, j: 7 } });
    const top = update.largest(3);
    expect(top.map((r) => r.grad)).toEqual([2, 2, 2]);
  });
});
