import { describe, expect, it } from 'vitest';
import { ACTIVATION_INFO, ACTIVATIONS } from './registry';
import { activationBackward, activationForward, LEAKY_RELU_ALPHA, PRELU_INIT, tanhF32 } from './activations';
import { numericDerivative } from './numeric';

const XS = [-3.7, -1.2, -0.31, 0.4, 1.9, 5.5];

describe('ACTIVATION_INFO', () => {
  it('has a derivative that matches the function and an ONNX operator, for every activation', () => {
    for (const act of ACTIVATIONS) {
      const info = ACTIVATION_INFO[act];
      expect(info.onnx).toMatch(/^[A-Z]\w+$/);
      for (const x of XS) {
        const expected = act === 'step' ? 0 : numericDerivative((v) => info.f(v), x, 1e-5);
        expect(info.df(x), `${act} at ${x}`).toBeCloseTo(expected, 6);
      }
    }
  });

  it('gives the textbook values', () => {
    expect(ACTIVATION_INFO.sigmoid.f(0)).toBe(0.5);
    expect(ACTIVATION_INFO.relu.f(-2)).toBe(0);
    expect(ACTIVATION_INFO.leaky_relu.f(-2)).toBeCloseTo(-2 * LEAKY_RELU_ALPHA, 12);
    expect(ACTIVATION_INFO.prelu.f(-2)).toBeCloseTo(-2 * PRELU_INIT, 12);
    expect(ACTIVATION_INFO.prelu.f(-2, 0.1)).toBeCloseTo(-0.2, 12);
    expect(ACTIVATION_INFO.elu.f(-50)).toBeCloseTo(-1, 12);
    expect(ACTIVATION_INFO.softplus.f(0)).toBeCloseTo(Math.LN2, 12);
    expect(ACTIVATION_INFO.step.f(0)).toBe(1);
    expect(ACTIVATION_INFO.arctan.f(1)).toBeCloseTo(Math.PI / 4, 12);
    // softmax of (x, 0) equals σ(x), which is what the explorer plots.
    expect(ACTIVATION_INFO.softmax.f(1.3)).toBeCloseTo(Math.exp(1.3) / (Math.exp(1.3) + 1), 12);
  });

  it('is finite far out: sigmoid(±1000), softplus(±1000)', () => {
    expect(ACTIVATION_INFO.sigmoid.f(-1000)).toBe(0);
    expect(ACTIVATION_INFO.sigmoid.f(1000)).toBe(1);
    expect(ACTIVATION_INFO.softplus.f(1000)).toBe(1000);
    expect(ACTIVATION_INFO.softplus.f(-1000)).toBe(0);
  });
});

describe('batched activations', () => {
  it('match the scalar table element by element (2 rows × 3 units)', () => {
    const z = Float64Array.from([-1.5, 0.2, 2.5, 0.7, -0.4, 1.1]);
    const params = Float64Array.from([0.1, 0.2, 0.3]);
    for (const act of ACTIVATIONS) {
      if (act === 'softmax') continue;
      const a = new Float64Array(6);
      activationForward(act, z, a, 2, 3, params, 0);
      const da = Float64Array.from([1, -2, 0.5, 3, 1, -1]);
      const dz = new Float64Array(6);
      const grads = new Float64Array(3);
      activationBackward(act, z, a, da, dz, 2, 3, params, grads, 0);
      for (let i = 0; i < 6; i++) {
        const alpha = params[i % 3];
        expect(a[i], act).toBeCloseTo(ACTIVATION_INFO[act].f(z[i], alpha), 12);
        expect(dz[i], act).toBeCloseTo(da[i] * ACTIVATION_INFO[act].df(z[i], alpha), 12);
      }
      if (act === 'prelu') {
        // dL/dslope_j = Σ over rows with z < 0 of da·z
        expect(Array.from(grads)).toEqual([-1.5 * 1, 1 * -0.4, 0].map((v) => expect.closeTo(v, 12)));
      }
    }
  });

  it('softmax is stable for logits ±1000 and its backward is a ⊙ (da − Σ da·a)', () => {
    const z = Float32Array.from([1000, -1000, 0, 999]);
    const a = new Float32Array(4);
    activationForward('softmax', z, a, 1, 4, new Float32Array(0), -1);
    expect(Array.from(a).every(Number.isFinite)).toBe(true);
    expect(a[0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 6);
    expect(a[1]).toBe(0);
    const da = Float32Array.from([1, 0, 0, 0]);
    const dz = new Float32Array(4);
    activationBackward('softmax', z, a, da, dz, 1, 4, new Float32Array(0), new Float32Array(0), -1);
    expect(dz[0]).toBeCloseTo(a[0] * (1 - a[0]), 6);
    expect(dz[3]).toBeCloseTo(-a[3] * a[0], 6);
  });
});

describe('tanhF32', () => {
  it('is within 3e-7 of Math.tanh everywhere (float32 precision) and odd', () => {
    let worst = 0;
    for (let x = -20; x <= 20; x += 1 / 1024) worst = Math.max(worst, Math.abs(tanhF32(x) - Math.tanh(x)));
    expect(worst).toBeLessThan(3e-7);
    expect(tanhF32(-0.7)).toBe(-tanhF32(0.7));
    expect(tanhF32(1e-9)).toBeCloseTo(1e-9, 15);
  });

  it('is what Float32 buffers get; Float64 buffers keep Math.tanh', () => {
    const z = [-3, -0.5, 0.25, 2];
    const a32 = new Float32Array(4);
    activationForward('tanh', Float32Array.from(z), a32, 1, 4, new Float32Array(0), -1);
    expect(Array.from(a32)).toEqual(z.map((x) => Math.fround(tanhF32(x))));
    const a64 = new Float64Array(4);
    activationForward('tanh', Float64Array.from(z), a64, 1, 4, new Float64Array(0), -1);
    expect(Array.from(a64)).toEqual(z.map(Math.tanh));
  });
});
