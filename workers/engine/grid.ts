/**
 * The heat-map grid: raw rows for the points of a GridView. Row 0 is the top (yMax), column 0 the
 * left (xMin); the grid's two axis columns vary, every other raw column is held at its mean.
 * The grid is sampled at both ends: column 0 is exactly xMin and column size − 1 exactly xMax.
 */
import type { GridView } from '../protocol';

/** Axis coordinate of grid index i of `size` points spanning [lo, hi] (a one-point grid sits at the centre). */
export function gridCoordinate(lo: number, hi: number, i: number, size: number): number {
  return size > 1 ? lo + ((hi - lo) * i) / (size - 1) : (lo + hi) / 2;
}

/** Writes raw rows for grid points start … start+n (row-major point order) into raw (n × means.length). */
export function fillGridRows(grid: GridView, means: ArrayLike<number>, start: number, n: number, raw: Float32Array): void {
  const columns = means.length;
  const size = grid.size;
  // Axes that name no column of the data are skipped rather than refused: a one-column table
  // still gets its heat-maps along x.
  const xOk = Number.isInteger(grid.xColumn) && grid.xColumn >= 0 && grid.xColumn < columns;
  const yOk = Number.isInteger(grid.yColumn) && grid.yColumn >= 0 && grid.yColumn < columns;
  for (let p = 0; p < n; p++) {
    const point = start + p;
    const row = Math.floor(point / size);
    const col = point - row * size;
    const base = p * columns;
    for (let c = 0; c < columns; c++) raw[base + c] = means[c];
    if (xOk) raw[base + grid.xColumn] = gridCoordinate(grid.xMin, grid.xMax, col, size);
    if (yOk) raw[base + grid.yColumn] = gridCoordinate(grid.yMax, grid.yMin, row, size);
  }
}
