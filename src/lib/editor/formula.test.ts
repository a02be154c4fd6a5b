import { describe, expect, it } from 'vitest';
import type { ParamLayout } from '../../../workers/protocol';
import { node, smallNet } from './fixtures';
import { edgeSummary, fmt, gridPoint, paramHoverLines, paramValueText, unitFormula, unitName, unitValuesAt } from './formula';
import { paramIndex, unitIndex } from '../../../workers/engine';

/** smallNet's layout: x→h weights 0..5, h biases 6..8, h→o weights 9..11, o bias 12. */
const layout: ParamLayout = {
  paramCount: 13,
  unitCount: 6,
  groups: [
    { id: 'x', units: 2, unitOffset: 0, biasOffset: -1, preluOffset: -1, paramCount: 0 },
    { id: 'h', units: 3, unitOffset: 2, biasOffset: 6, preluOffset: -1, paramCount: 9 },
    { id: 'o', units: 1, unitOffset: 5, biasOffset: 12, preluOffset: -1, paramCount: 4 }
  ],
  edges: [
    { from: 'x', to: 'h', offset: 0, fromUnits: 2, toUnits: 3 },
    { from: 'h', to: 'o', offset: 9, fromUnits: 3, toUnits: 1 }
  ]
};
// w(x[i] → h[j]) = params[i*3 + j]
const params = new Float32Array([0.73, 0.1, 0.2, -0.21, 0.3, 0.4, 0.1, 0, -0.5, 1, -1, 0.5, 0.25]);

describe('params', () => {
  it('finds weights, biases and units in the flat buffers', () => {
    expect(paramIndex(layout, { kind: 'weight', from: 'x', to: 'h', i: 1, j: 2 })).toBe(5);
    expect(paramIndex(layout, { kind: 'bias', group: 'o', j: 0 })).toBe(12);
    expect(paramIndex(layout, { kind: 'bias', group: 'x', j: 0 })).toBe(-1);
    expect(paramIndex(layout, { kind: 'weight', from: 'x', to: 'h', i: 2, j: 0 })).toBe(-1);
    expect(paramIndex(layout, { kind: 'prelu', group: 'h', j: 0 })).toBe(-1);
    expect(unitIndex(layout, 'h', 2)).toBe(4);
  });
});

describe('formula', () => {
  const doc = smallNet();
  it('names units 1-based, plain for one-unit nodes, by label', () => {
    expect(unitName(doc, 'x', 0)).toBe('x[1]');
    expect(unitName(doc, 'o', 0)).toBe('o');
    const labelled = { ...doc, nodes: [{ ...node('x', 'input', 0, 0, 1), label: 'x1' }, ...doc.nodes.slice(1)] };
    expect(unitName(labelled, 'x', 0)).toBe('x1');
  });
  it('shows a weight, and marks it frozen', () => {
    const ref = { kind: 'weight' as const, from: 'x', to: 'h', i: 0, j: 0 };
    expect(paramValueText(doc, layout, params, ref)).toBe('w(x[1] → h[1]) = 0.730');
    const frozen = new Uint8Array(13);
    frozen[0] = 1;
    expect(paramValueText(doc, layout, params, ref, frozen)).toBe('w(x[1] → h[1]) = 0.730 (frozen)');
    expect(paramValueText(doc, layout, params, { kind: 'bias', group: 'h', j: 2 })).toBe('b(h[3]) = -0.500');
  });
  it('plugs the numbers into a unit formula', () => {
    const values = new Float32Array([0.6, -1, 0.61, 0, 0, 0.9]);
    expect(unitFormula(doc, layout, params, values, 'h', 0)).toEqual([
      'h[1]: a = tanh(0.73·x[1] + -0.21·x[2] + 0.10) = 0.61',
      'z = 0.73·0.60 + -0.21·-1.00 + 0.10 = 0.75'
    ]);
    expect(unitFormula(doc, layout, params, null, 'o', 0)).toEqual(['o: a = sigmoid(1.00·h[1] + -1.00·h[2] + 0.50·h[3] + 0.25)']);
    expect(unitFormula(doc, layout, params, values, 'x', 1)).toEqual(['x[2] = -1.00']);
  });
  it('summarises a large fan-in', () => {
    const big = {
      nodes: [node('m', 'input', 0, 0, 784), node('k', 'dense', 200, 0, 1)],
      edges: [{ id: 'e', from: 'm', to: 'k' }]
    };
    const bigLayout: ParamLayout = {
      paramCount: 785,
      unitCount: 785,
      groups: [
        { id: 'm', units: 784, unitOffset: 0, biasOffset: -1, preluOffset: -1, paramCount: 0 },
        { id: 'k', units: 1, unitOffset: 784, biasOffset: 784, preluOffset: -1, paramCount: 785 }
      ],
      edges: [{ from: 'm', to: 'k', offset: 0, fromUnits: 784, toUnits: 1 }]
    };
    const lines = unitFormula(big, bigLayout, new Float32Array(785), new Float32Array(785), 'k', 0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('… (778 more)');
  });
  it('combines a weight with the formula of the unit it feeds', () => {
    const lines = paramHoverLines(doc, layout, params, null, { kind: 'weight', from: 'h', to: 'o', i: 1, j: 0 });
    expect(lines[0]).toBe('w(h[2] → o) = -1.000');
    expect(lines[1]).toContain('sigmoid(');
  });
  it('summarises a wire by its mean |w|', () => {
    expect(edgeSummary(doc, layout, params, 'h', 'o')).toBe('h → o: 3 weights, mean |w| = 0.833');
  });
  it('reads unit values at a grid point and maps heat-map places to grid points', () => {
    // 2 units on a 2 × 2 grid
    const grids = new Float32Array([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Array.from(unitValuesAt(grids, 2, 2, 1, 1))).toEqual([4, 8]);
    expect(gridPoint(0.99, 0, 50)).toEqual({ gx: 49, gy: 0 });
    expect(gridPoint(1, 0.5, 50)).toEqual({ gx: 49, gy: 25 });
    expect(fmt(-0.001)).toBe('0.00');
  });
});
