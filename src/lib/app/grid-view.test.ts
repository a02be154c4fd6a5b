import { describe, expect, it } from 'vitest';
import type { DataTable } from '../../../workers/protocol';
import { gridViewFor, GRID_SIZE } from './grid-view';

const table = (columns: string[], x: number[]): DataTable => ({
  count: x.length / columns.length,
  columns,
  x: Float32Array.from(x),
  y: new Float32Array(x.length / columns.length),
  classes: null,
  targetColumns: ['y'],
  isTest: new Uint8Array(x.length / columns.length)
});

describe('gridViewFor', () => {
  it('puts one-column data on the horizontal axis and varies nothing vertically', () => {
    const view = gridViewFor(table(['distance'], [0, 10]), { xColumn: 0, yColumn: 0 });
    expect(view.xColumn).toBe(0);
    expect(view.yColumn).toBe(1);
    expect(view.size).toBe(GRID_SIZE);
    expect(view.xMin).toBeLessThan(0);
    expect(view.xMax).toBeGreaterThan(10);
  });

  it('keeps two chosen columns, and shows no plane for image-sized inputs', () => {
    expect(gridViewFor(table(['a', 'b', 'c'], [0, 1, 2, 3, 4, 5]), { xColumn: 2, yColumn: 1 })).toMatchObject({ xColumn: 2, yColumn: 1 });
    const wide = table(Array.from({ length: 784 }, (_, i) => `p${i}`), new Array(784).fill(0));
    expect(gridViewFor(wide, { xColumn: 0, yColumn: 1 }).size).toBe(0);
  });
});
