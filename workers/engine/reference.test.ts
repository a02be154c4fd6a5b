/** Every value of __fixtures__/course/reference.json that the engine computes. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Activation, NetworkSpec } from '../protocol';
import { activationForward } from './activations';
import { compile } from './compile';
import { gdDf, gdF } from './gd1d';
import { lossValue } from './losses';
import { numericDerivative, numericGradient } from './numeric';

const ref = JSON.parse(readFileSync(new URL('./__fixtures__/course/reference.json', import.meta.url), 'utf8'));

function stack(inputs: number, layers: [number, Activation][]): NetworkSpec {
  const groups: NetworkSpec['groups'] = [
    { id: 'in', kind: 'input', units: inputs, activation: 'linear', features: Array.from({ length: inputs }, (_, a) => ({ op: 'id' as const, a })) }
  ];
  const edges: NetworkSpec['edges'] = [];
  layers.forEach(([units, activation], i) => {
    const id = i === layers.length - 1 ? 'out' : `d${i}`;
    groups.push({ id, kind: i === layers.length - 1 ? 'output' : 'hidden', units, activation });
    edges.push({ from: groups[groups.length - 2].id, to: id });
  });
  return { groups, edges };
}

describe('reference.json', () => {
  it('softmax([2, 5, 7, 10]) rounds to [0, 0.01, 0.05, 0.95]', () => {
    const z = Float32Array.from(ref.softmax.input as number[]);
    const a = new Float32Array(4);
    activationForward('softmax', z, a, 1, 4, new Float32Array(0), -1);
    expect(Array.from(a, (v) => Math.round(v * 100) / 100)).toEqual(ref.softmax.output_rounded_2dp);
    expect(a.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
  });

  it('½Σ(y − t)² = 0.40625 and −Σ t·log(y + 1e-7) = 2.302584 on the course example', () => {
    const { y_pred, t_onehot, mse_half_sum, cross_entropy } = ref.losses;
    expect(lossValue('half_sse', y_pred, t_onehot)).toBeCloseTo(mse_half_sum, 12);
    expect(lossValue('cce', y_pred, t_onehot, { courseForm: true })).toBeCloseTo(cross_entropy, 6);
    // Keras' clipped form differs only in the 7th digit: −log(0.1).
    expect(lossValue('cce', y_pred, t_onehot)).toBeCloseTo(-Math.log(0.1), 10);
    expect(lossValue('sparse_cce', y_pred, [0], { courseForm: true })).toBeCloseTo(cross_entropy, 6);
  });

  it('numeric derivatives: 4x² + 2x at 5 → 42, at 10 → 82; ∇(x0² + x1²) at (3, 4) → (6, 8)', () => {
    const f = (x: number): number => 4 * x * x + 2 * x;
    for (const item of ref.numeric_derivative.slice(0, 2)) {
      expect(numericDerivative(f, item.at)).toBeCloseTo(item.value, 6);
    }
    const g = numericGradient((x) => x[0] * x[0] + x[1] * x[1], ref.numeric_derivative[2].at);
    expect(g[0]).toBeCloseTo(6, 6);
    expect(g[1]).toBeCloseTo(8, 6);
  });

  it('f(x) = e^−x + x² and f′ at −0.5 and 0.25', () => {
    for (const p of ref.gradient_descent_1d.points) {
      expect(gdF(p.x)).toBeCloseTo(p.f, 4);
      expect(gdDf(p.x)).toBeCloseTo(p.df, 5);
      expect(numericDerivative(gdF, p.x)).toBeCloseTo(gdDf(p.x), 7);
    }
  });

  it('Keras parameter counts 22, 337, 407050, 13', () => {
    const specs = [
      stack(2, [[4, 'relu'], [2, 'relu']]),
      stack(2, [[16, 'relu'], [16, 'relu'], [1, 'sigmoid']]),
      stack(784, [[512, 'relu'], [10, 'softmax']]),
      stack(2, [[3, 'linear'], [1, 'linear']])
    ];
    const counts = specs.map((s) => compile(s).layout.paramCount);
    expect(counts).toEqual(ref.parameter_counts.map((p: { params: number }) => p.params));
    // Per group as well: Dense(n) after k inputs has k·n + n.
    expect(compile(specs[2]).layout.groups.map((g) => g.paramCount)).toEqual([0, 784 * 512 + 512, 512 * 10 + 10]);
  });
});
