/** The MNIST digit grid's queries, as plain functions over the table and the network's outputs. */
import type { DataTable } from '../../../workers/protocol';
import { copyRow } from '../data/images';

/** The first `limit` test rows of the table. */
export function testRows(table: DataTable, limit: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < table.count && out.length < limit; r++) if (table.isTest[r]) out.push(r);
  return out;
}

/** The first test row (row 0 when there is no test set): the sample a conv net is first watched on. */
export function firstTestRow(table: DataTable): number {
  return Math.max(0, table.isTest.indexOf(1));
}

/** The raw columns of the given rows, packed row after row (what the worker evaluates). */
export function gatherRows(table: DataTable, rows: readonly number[]): Float32Array {
  const width = table.columns.length;
  const points = new Float32Array(rows.length * width);
  rows.forEach((r, k) => copyRow(table, r, points, k * width));
  return points;
}

/** The predicted class of each of `rows` outputs (row-major, outputs.length / rows values each): the largest. */
export function argmaxRows(outputs: Float32Array, rows: number): Int32Array {
  const predicted = new Int32Array(rows);
  if (rows === 0) return predicted;
  const classes = outputs.length / rows;
  for (let k = 0; k < rows; k++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (outputs[k * classes + c] > outputs[k * classes + best]) best = c;
    predicted[k] = best;
  }
  return predicted;
}
