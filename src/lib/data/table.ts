/**
 * Tables carried by value (TableSource, plain arrays that serialise) and the worker's DataTable
 * (typed arrays), and the edits a person makes on the data view: add a point, remove the nearest.
 */
import type { DataTable, GridView } from '../../../workers/protocol';
import { createRng } from '../../../workers/engine';
import type { TableSource } from '../model/playground';
import { cell } from './images';

export function tableFromSource(source: TableSource): DataTable {
  const count = source.isTest.length;
  return {
    count,
    columns: [...source.columns],
    x: Float32Array.from(source.x),
    y: Float32Array.from(source.y),
    classes: source.classes ? [...source.classes] : null,
    targetColumns: [...source.targetColumns],
    isTest: Uint8Array.from(source.isTest)
  };
}

export function sourceFromTable(name: string, table: DataTable): TableSource {
  return {
    kind: 'table',
    name,
    columns: [...table.columns],
    x: table.pixels ? Array.from(table.pixels, (byte) => byte * (table.pixelScale ?? 1)) : Array.from(table.x),
    y: Array.from(table.y),
    classes: table.classes ? [...table.classes] : null,
    targetColumns: [...table.targetColumns],
    isTest: Array.from(table.isTest)
  };
}

export interface PointEditOptions {
  /** name of the resulting TableSource; default 'edited data' */
  name?: string;
  /** the raw columns shown on the view's axes; default 0 and 1 */
  xColumn?: number;
  yColumn?: number;
  /** add the point to the test set instead of the training set */
  isTest?: boolean;
}

/**
 * A new table with one more point at (x1, x2) on the view's axes; other columns take their mean.
 * `target` is the class index (classification) or the value (regression, every target column).
 * Adding to a generated set: pass generate(source) as the table; the result is a TableSource.
 */
export function addPoint(table: DataTable, x1: number, x2: number, target: number, options: PointEditOptions = {}): TableSource {
  const width = table.columns.length;
  const xColumn = options.xColumn ?? 0;
  const yColumn = options.yColumn ?? Math.min(1, width - 1);
  const row = columnStats(table).map((s) => s.mean);
  row[xColumn] = x1;
  if (yColumn !== xColumn) row[yColumn] = x2;
  const targets = table.classes ? [target] : table.targetColumns.map(() => target);
  const base = sourceFromTable(options.name ?? 'edited data', table);
  return {
    ...base,
    x: [...base.x, ...row],
    y: [...base.y, ...targets],
    isTest: [...base.isTest, options.isTest ? 1 : 0]
  };
}

/** Index of the row nearest to (x1, x2) on the view's axes, or -1 for an empty table. */
export function nearestPoint(table: DataTable, x1: number, x2: number, xColumn = 0, yColumn = 1): number {
  const width = table.columns.length;
  let best = -1;
  let bestDistance = Infinity;
  for (let i = 0; i < table.count; i++) {
    const d = (cell(table, i * width + xColumn) - x1) ** 2 + (cell(table, i * width + Math.min(yColumn, width - 1)) - x2) ** 2;
    if (d < bestDistance) {
      bestDistance = d;
      best = i;
    }
  }
  return best;
}

/** A new table without the row nearest to (x1, x2); an empty table comes back unchanged. */
export function removeNearestPoint(table: DataTable, x1: number, x2: number, options: PointEditOptions = {}): TableSource {
  const base = sourceFromTable(options.name ?? 'edited data', table);
  const index = nearestPoint(table, x1, x2, options.xColumn ?? 0, options.yColumn ?? 1);
  if (index < 0) return base;
  const width = table.columns.length;
  const targetWidth = table.classes ? 1 : table.targetColumns.length;
  base.x.splice(index * width, width);
  base.y.splice(index * targetWidth, targetWidth);
  base.isTest.splice(index, 1);
  return base;
}

export interface ColumnStats {
  name: string;
  min: number;
  max: number;
  mean: number;
  /** population standard deviation */
  std: number;
}

/** Per raw column: min, max, mean and standard deviation over all rows (0s for an empty table). */
export function columnStats(table: DataTable): ColumnStats[] {
  const width = table.columns.length;
  return table.columns.map((name, c) => {
    if (table.count === 0) return { name, min: 0, max: 0, mean: 0, std: 0 };
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (let i = 0; i < table.count; i++) {
      const v = cell(table, i * width + c);
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
    }
    const mean = sum / table.count;
    let squares = 0;
    for (let i = 0; i < table.count; i++) squares += (cell(table, i * width + c) - mean) ** 2;
    return { name, min, max, mean, std: Math.sqrt(squares / table.count) };
  });
}

/**
 * The plane to draw for two raw columns: the data's extent padded by `padding` of its range on each side
 * (a flat or empty column gets ±1 around its value), as a GridView of size × size points.
 */
export function dataBounds(table: DataTable, xColumn: number, yColumn: number, size = 50, padding = 0.1): GridView {
  const stats = columnStats(table);
  const span = (c: number): [number, number] => {
    const s = stats[c];
    if (!s || s.max - s.min < 1e-9) return [(s?.mean ?? 0) - 1, (s?.mean ?? 0) + 1];
    const pad = (s.max - s.min) * padding;
    return [s.min - pad, s.max + pad];
  };
  const [xMin, xMax] = span(xColumn);
  const [yMin, yMax] = span(yColumn);
  return { xColumn, yColumn, xMin, xMax, yMin, yMax, size };
}

/**
 * Seeded train/test split: 1 marks a test row. With labels the split is stratified (each class keeps
 * its share in both sets); the test rows number round(count × testFraction) per class or overall.
 */
export function splitRows(count: number, testFraction: number, seed: number, labels?: ArrayLike<number>): number[] {
  const fraction = Number.isFinite(testFraction) ? Math.max(0, Math.min(0.9, testFraction)) : 0;
  const rng = createRng(seed);
  const isTest = new Array<number>(count).fill(0);
  const groups = new Map<number, number[]>();
  for (let i = 0; i < count; i++) {
    const key = labels ? labels[i] : 0;
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  }
  for (const rows of groups.values()) {
    rng.shuffle(rows);
    const tests = Math.round(rows.length * fraction);
    for (let k = 0; k < tests; k++) isTest[rows[k]] = 1;
  }
  return isTest;
}

export interface Standardised {
  source: TableSource;
  /** per raw column; columns left alone have mean 0 and std 1 */
  means: number[];
  stds: number[];
  /** names of chosen columns that were constant over the training rows (left unscaled) */
  constant: string[];
}

/**
 * Rescale the chosen columns (default: all) to mean 0 and standard deviation 1, measured on the
 * training rows only, so the test rows do not leak into the scaling. Targets are left as they are.
 */
export function standardise(source: TableSource, columns?: number[]): Standardised {
  const width = source.columns.length;
  const count = source.isTest.length;
  const chosen = columns ?? source.columns.map((_, c) => c);
  const trainRows = source.isTest.flatMap((t, i) => (t ? [] : [i]));
  const rows = trainRows.length > 0 ? trainRows : Array.from({ length: count }, (_, i) => i);
  const means = new Array<number>(width).fill(0);
  const stds = new Array<number>(width).fill(1);
  const constant: string[] = [];
  const x = [...source.x];
  for (const c of chosen) {
    if (rows.length === 0) break;
    const { mean, std } = meanAndStd(rows.map((i) => source.x[i * width + c]));
    if (!(std >= 1e-12)) {
      constant.push(source.columns[c]);
      continue;
    }
    means[c] = mean;
    stds[c] = std;
    for (let i = 0; i < count; i++) {
      const value = source.x[i * width + c];
      const offset = value - mean;
      // Near the largest doubles the difference itself can overflow; dividing first keeps it finite.
      x[i * width + c] = Number.isFinite(offset) ? offset / std : value / std - mean / std;
    }
  }
  return { source: { ...source, x }, means, stds, constant };
}

/**
 * Mean and population standard deviation that stay finite for any finite values: the sums run on the
 * values divided by the largest magnitude, so 1e200 squared never overflows to Infinity (and then NaN).
 */
export function meanAndStd(values: number[]): { mean: number; std: number } {
  let scale = 0;
  for (const v of values) scale = Math.max(scale, Math.abs(v));
  if (values.length === 0 || scale === 0 || !Number.isFinite(scale)) return { mean: 0, std: 0 };
  let sum = 0;
  for (const v of values) sum += v / scale;
  const scaledMean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v / scale - scaledMean) ** 2;
  return { mean: scaledMean * scale, std: Math.sqrt(squares / values.length) * scale };
}
