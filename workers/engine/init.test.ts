import { describe, expect, it } from 'vitest';
import type { NetworkSpec } from '../protocol';
import { PRELU_INIT } from './activations';
import { compile } from './compile';
import { initParams } from './init';
import { createRng } from './random';

const spec: NetworkSpec = {
  groups: [
    { id: 'x', kind: 'input', units: 40, activation: 'linear', features: Array.from({ length: 40 }, (_, a) => ({ op: 'id' as const, a })) },
    { id: 'skip', kind: 'input', units: 20, activation: 'linear', features: Array.from({ length: 20 }, (_, a) => ({ op: 'square' as const, a })) },
    { id: 'h', kind: 'hidden', units: 100, activation: 'prelu' },
    { id: 'out', kind: 'output', units: 2, activation: 'softmax' }
  ],
  edges: [
    { from: 'x', to: 'h' },
    { from: 'skip', to: 'h' },
    { from: 'h', to: 'out' }
  ]
};

function stats(values: Float32Array) {
  let sum = 0;
  let sq = 0;
  let max = 0;
  for (const v of values) {
    sum += v;
    sq += v * v;
    max = Math.max(max, Math.abs(v));
  }
  return { mean: sum / values.length, std: Math.sqrt(sq / values.length), max };
}

describe('initParams', () => {
  const program = compile(spec);
  const h = program.groups.find((g) => g.id === 'h')!;
  // weights into h: fan-in 60 (both parents), fan-out 100
  const weights = (p: Float32Array) => p.subarray(h.inEdges[0].offset, h.biasOffset);

  it('glorot: uniform within ±√(6 / (fanIn + fanOut)), biases 0, PReLU slopes 0.25', () => {
    const p = new Float32Array(program.paramCount);
    initParams(program, p, 'glorot', createRng(1));
    const limit = Math.sqrt(6 / 160);
    const s = stats(weights(p));
    expect(s.max).toBeLessThanOrEqual(limit);
    expect(s.max).toBeGreaterThan(limit * 0.98);
    expect(s.std).toBeCloseTo(limit / Math.sqrt(3), 2);
    expect(Array.from(p.subarray(h.biasOffset, h.biasOffset + 100)).every((v) => v === 0)).toBe(true);
    expect(Array.from(p.subarray(h.preluOffset, h.preluOffset + 100)).every((v) => v === Math.fround(PRELU_INIT))).toBe(true);
  });

  it('he: truncated normal with standard deviation √(2 / fanIn), nothing beyond 2σ₀', () => {
    const p = new Float32Array(program.paramCount);
    initParams(program, p, 'he', createRng(2));
    const s = stats(weights(p));
    expect(s.std).toBeCloseTo(Math.sqrt(2 / 60), 2);
    expect(Math.abs(s.mean)).toBeLessThan(0.01);
    expect(s.max).toBeLessThanOrEqual((2 * Math.sqrt(2 / 60)) / 0.87962566103423978 + 1e-6);
  });

  it('zeros and uniform (±0.5 weights, 0.1 biases as in TF Playground)', () => {
    const p = new Float32Array(program.paramCount);
    initParams(program, p, 'zeros', createRng(3));
    expect(Array.from(weights(p)).every((v) => v === 0)).toBe(true);
    initParams(program, p, 'uniform', createRng(3));
    const s = stats(weights(p));
    expect(s.max).toBeLessThanOrEqual(0.5);
    expect(s.std).toBeCloseTo(1 / Math.sqrt(12), 2);
    expect(p[h.biasOffset]).toBeCloseTo(0.1, 7);
  });

  it('is a pure function of the seed', () => {
    const a = new Float32Array(program.paramCount);
    const b = new Float32Array(program.paramCount);
    initParams(program, a, 'he', createRng(9));
    initParams(program, b, 'he', createRng(9));
    expect(a).toEqual(b);
  });
});
