import { describe, expect, it } from 'vitest';
import type { ParamLayout } from '../protocol';
import { carryParams } from './carry-params';

const group = (id: string, units: number, unitOffset: number, biasOffset: number, preluOffset = -1) => ({
  id,
  units,
  unitOffset,
  biasOffset,
  preluOffset,
  paramCount: 0
});

describe('carryParams', () => {
  it('copies the weights and biases that survive a widened hidden group, and leaves new ones alone', () => {
    // x(2) → h(2) → out(1): weights x→h at 0..3, h bias 4..5, h→out 6..7, out bias 8
    const before: ParamLayout = {
      paramCount: 9,
      unitCount: 5,
      groups: [group('x', 2, 0, -1), group('h', 2, 2, 4), group('out', 1, 4, 8)],
      edges: [
        { from: 'x', to: 'h', offset: 0, fromUnits: 2, toUnits: 2 },
        { from: 'h', to: 'out', offset: 6, fromUnits: 2, toUnits: 1 }
      ]
    };
    // h widened to 3: x→h at 0..5, h bias 6..8, h→out 9..11, out bias 12
    const after: ParamLayout = {
      paramCount: 13,
      unitCount: 6,
      groups: [group('x', 2, 0, -1), group('h', 3, 2, 6), group('out', 1, 5, 12)],
      edges: [
        { from: 'x', to: 'h', offset: 0, fromUnits: 2, toUnits: 3 },
        { from: 'h', to: 'out', offset: 9, fromUnits: 3, toUnits: 1 }
      ]
    };
    const oldParams = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const fresh = new Float32Array(13).fill(-1);
    const copied = carryParams(before, oldParams, after, fresh);
    expect(Array.from(fresh)).toEqual([1, 2, -1, 3, 4, -1, 5, 6, -1, 7, 8, -1, 9]);
    expect(copied).toBe(9);
  });

  it('copies nothing between unrelated networks', () => {
    const a: ParamLayout = { paramCount: 1, unitCount: 1, groups: [group('a', 1, 0, 0)], edges: [] };
    const b: ParamLayout = { paramCount: 1, unitCount: 1, groups: [group('b', 1, 0, 0)], edges: [] };
    const out = new Float32Array([0.5]);
    expect(carryParams(a, new Float32Array([9]), b, out)).toBe(0);
    expect(out[0]).toBe(0.5);
  });
});
