import { describe, expect, it } from 'vitest';
import type { DataTable } from '../../../workers/protocol';
import type { TableSource } from '../model/playground';
import { generate } from './generators';
import {
  addPoint,
  columnStats,
  dataBounds,
  nearestPoint,
  removeNearestPoint,
  sourceFromTable,
  splitRows,
  standardise,
  tableFromSource
} from './table';

const small: TableSource = {
  kind: 'table',
  name: 'small',
  columns: ['a', 'b', 'c'],
  x: [0, 0, 10, 2, 4, 20, 4, 8, 30],
  y: [0, 1, 1],
  classes: ['no', 'yes'],
  targetColumns: [],
  isTest: [0, 0, 1]
};

describe('table conversion', () => {
  it('round-trips a TableSource through a DataTable', () => {
    const table = tableFromSource(small);
    expect(table.count).toBe(3);
    expect(table.x).toBeInstanceOf(Float32Array);
    expect(table.isTest).toBeInstanceOf(Uint8Array);
    expect(sourceFromTable('small', table)).toEqual(small);
  });

  it('copies, so editing the result does not touch the input', () => {
    const table = tableFromSource(small);
    table.x[0] = 99;
    expect(small.x[0]).toBe(0);
  });
});

describe('columnStats and dataBounds', () => {
  it('computes min, max, mean and population std per column', () => {
    const [a, b, c] = columnStats(tableFromSource(small));
    expect(a).toEqual({ name: 'a', min: 0, max: 4, mean: 2, std: Math.sqrt(8 / 3) });
    expect(b.mean).toBe(4);
    expect(c.max).toBe(30);
  });

  it('pads the bounds by 10% of the range and widens a flat column to ±1', () => {
    const g = dataBounds(tableFromSource(small), 0, 2, 40);
    expect(g).toEqual({ xColumn: 0, yColumn: 2, xMin: -0.4, xMax: 4.4, yMin: 8, yMax: 32, size: 40 });
    const flat = tableFromSource({ ...small, x: [5, 0, 0, 5, 1, 1, 5, 2, 2] });
    const f = dataBounds(flat, 0, 1);
    expect([f.xMin, f.xMax]).toEqual([4, 6]);
  });

  it('covers the generated sets’ [-6, 6] square', () => {
    const g = dataBounds(generate({ kind: 'generated', generator: 'xor', count: 500, noise: 0, testFraction: 0.5, seed: 1 }), 0, 1);
    expect(g.xMin).toBeLessThan(-5.3);
    expect(g.xMax).toBeGreaterThan(5.3);
    expect(g.xMax).toBeLessThan(6.5);
  });
});

describe('click-to-add and remove', () => {
  it('adds a classified point on the view axes, other columns at their mean', () => {
    const added = addPoint(tableFromSource(small), 1.5, 25, 1, { xColumn: 0, yColumn: 2, name: 'mine' });
    expect(added.name).toBe('mine');
    expect(added.x.slice(9)).toEqual([1.5, 4, 25]);
    expect(added.y).toEqual([0, 1, 1, 1]);
    expect(added.isTest).toEqual([0, 0, 1, 0]);
  });

  it('turns a generated set into a table when a point is added', () => {
    const generated = generate({ kind: 'generated', generator: 'plane', count: 10, noise: 0, testFraction: 0, seed: 3 });
    const added = addPoint(generated, 1, 2, 0.75, { isTest: true });
    expect(added.kind).toBe('table');
    expect(added.isTest).toHaveLength(11);
    expect(added.isTest[10]).toBe(1);
    expect(added.y[10]).toBe(0.75);
    expect(added.targetColumns).toEqual(['y']);
    expect(tableFromSource(added).count).toBe(11);
  });

  it('removes the nearest point on the view axes', () => {
    const table = tableFromSource(small);
    expect(nearestPoint(table, 3.9, 7, 0, 1)).toBe(2);
    const removed = removeNearestPoint(table, 2.2, 3.5);
    expect(removed.x).toEqual([0, 0, 10, 4, 8, 30]);
    expect(removed.y).toEqual([0, 1]);
    expect(removed.isTest).toEqual([0, 1]);
  });

  it('removes a whole row of a multi-target regression table', () => {
    const reg: DataTable = {
      count: 2,
      columns: ['x'],
      x: Float32Array.from([0, 5]),
      y: Float32Array.from([1, 2, 3, 4]),
      classes: null,
      targetColumns: ['u', 'v'],
      isTest: Uint8Array.from([0, 0])
    };
    expect(removeNearestPoint(reg, 4.9, 4.9, { yColumn: 0 }).y).toEqual([1, 2]);
    expect(addPoint(reg, 2, 0, 7, { yColumn: 0 }).y).toEqual([1, 2, 3, 4, 7, 7]);
  });

  it('leaves an empty table unchanged', () => {
    const empty = tableFromSource({ ...small, x: [], y: [], isTest: [] });
    expect(removeNearestPoint(empty, 0, 0).isTest).toEqual([]);
  });
});

describe('splitRows', () => {
  it('marks round(count × fraction) test rows, seeded', () => {
    const a = splitRows(100, 0.3, 5);
    expect(a.reduce((s, v) => s + v, 0)).toBe(30);
    expect(splitRows(100, 0.3, 5)).toEqual(a);
    expect(splitRows(100, 0.3, 6)).not.toEqual(a);
  });

  it('stratifies by label: each class keeps its share', () => {
    const labels = [...new Array(50).fill(0), ...new Array(50).fill(1), ...new Array(50).fill(2)];
    const split = splitRows(150, 0.3, 1, labels);
    for (const c of [0, 1, 2]) expect(split.filter((t, i) => t === 1 && labels[i] === c)).toHaveLength(15);
  });
});

describe('standardise', () => {
  it('scales chosen columns to mean 0, std 1 over the training rows and reports constant ones', () => {
    const source: TableSource = { ...small, x: [1, 7, 0, 3, 7, 0, 100, 7, 0], isTest: [0, 0, 1] };
    const result = standardise(source, [0, 1]);
    expect(result.means[0]).toBe(2);
    expect(result.stds[0]).toBe(1);
    expect(result.source.x).toEqual([-1, 7, 0, 1, 7, 0, 98, 7, 0]);
    expect(result.constant).toEqual(['b']);
    expect(source.x[0]).toBe(1);
  });

  it('stays finite for values near the largest double, where the plain sums gave NaN', () => {
    const source: TableSource = { ...small, x: [1.5e308, 7, 0, -1.5e308, 7, 0, 1.5e308, 7, 0], isTest: [0, 0, 0] };
    const result = standardise(source, [0]);
    expect(result.source.x.every(Number.isFinite)).toBe(true);
    // mean 5e307, std √(8/9)·1.5e308: the scaled column is [1/√2, -√2, 1/√2].
    expect(result.source.x[0]).toBeCloseTo(Math.SQRT1_2, 9);
    expect(result.source.x[3]).toBeCloseTo(-Math.SQRT2, 9);
  });
});

