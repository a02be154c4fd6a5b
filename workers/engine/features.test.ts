import { describe, expect, it } from 'vitest';
import type { DataTable } from '../protocol';
import type { ProgramGroup } from './compile';
import { computeFeatures, maxFeatureColumn } from './features';
import { gdPath } from './gd1d';
import { fillGridRows, gridCoordinate } from './grid';
import { buildTargets } from './targets';

describe('features', () => {
  it('compute id, square, sin and product from raw rows', () => {
    const raw = Float32Array.of(2, 3, 0.5, -1, 4, 1);
    const out = new Float32Array(8);
    const features = [
      { op: 'id' as const, a: 1 },
      { op: 'square' as const, a: 0 },
      { op: 'sin' as const, a: 2 },
      { op: 'product' as const, a: 0, b: 1 }
    ];
    computeFeatures(features, raw, 3, 2, out);
    expect(Array.from(out)).toEqual([3, 4, Math.fround(Math.sin(0.5)), 6, 4, 1, Math.fround(Math.sin(1)), -4]);
    expect(maxFeatureColumn(features)).toBe(2);
  });
});

describe('grid rows', () => {
  it('row 0 is yMax, column 0 is xMin, other columns at their mean', () => {
    const raw = new Float32Array(4 * 3);
    fillGridRows({ xColumn: 2, yColumn: 0, xMin: 0, xMax: 1, yMin: -1, yMax: 1, size: 2 }, [9, 7, 5], 0, 4, raw);
    expect(Array.from(raw)).toEqual([1, 7, 0, 1, 7, 1, -1, 7, 0, -1, 7, 1]);
    expect(gridCoordinate(-2, 2, 0, 1)).toBe(0);
    // a y axis the data does not have (one column) leaves rows at the mean
    const one = new Float32Array(4);
    fillGridRows({ xColumn: 0, yColumn: 1, xMin: 0, xMax: 3, yMin: -1, yMax: 1, size: 2 }, [9], 0, 4, one);
    expect(Array.from(one)).toEqual([0, 3, 0, 3]);
  });
});

describe('targets', () => {
  const out = (units: number): ProgramGroup => ({ name: 'out', units }) as ProgramGroup;
  const table = (y: number[], classes: string[] | null): DataTable => ({
    count: y.length,
    columns: ['a'],
    x: new Float32Array(y.length),
    y: Float32Array.from(y),
    classes,
    targetColumns: classes ? [] : ['v'],
    isTest: new Uint8Array(y.length)
  });

  it('one unit → 0/1, hinge → −1/+1, k units → one-hot, regression → the values', () => {
    expect(Array.from(buildTargets(out(1), table([0, 1, 1], ['n', 'y']), 'bce').values)).toEqual([0, 1, 1]);
    expect(Array.from(buildTargets(out(1), table([0, 1], ['n', 'y']), 'hinge').values)).toEqual([-1, 1]);
    const oneHot = buildTargets(out(3), table([2, 0], ['a', 'b', 'c']), 'sparse_cce');
    expect(Array.from(oneHot.values)).toEqual([0, 0, 1, 1, 0, 0]);
    expect(Array.from(oneHot.labels!)).toEqual([2, 0]);
    expect(Array.from(buildTargets(out(2), table([1, 0], ['a', 'b']), 'squared_hinge').values)).toEqual([-1, 1, 1, -1]);
    expect(Array.from(buildTargets(out(1), table([3.5, -2], null), 'mse').values)).toEqual([3.5, -2]);
  });

  it('refuses labels that are not class indices', () => {
    expect(() => buildTargets(out(1), table([0, 2], ['n', 'y']), 'bce')).toThrow('Sample 1 has label 2; labels must be class indices 0…1.');
  });
});

describe('gdPath', () => {
  it('descends f(x) = e^−x + x² to its minimum near 0.3517; momentum gets there too', () => {
    const plain = gdPath(-0.5, 0.1, 100);
    expect(plain).toHaveLength(101);
    expect(plain[0]).toEqual({ x: -0.5, f: expect.closeTo(1.8987, 4), df: expect.closeTo(-2.64872, 5) });
    expect(plain.at(-1)!.x).toBeCloseTo(0.351734, 5);
    expect(gdPath(-0.5, 0.05, 300, 0.8).at(-1)!.x).toBeCloseTo(0.351734, 4);
  });
});
