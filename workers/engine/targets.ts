/**
 * Targets: the data table's labels turned into the matrix the output group is trained against.
 * Classification into 1 unit → 0/1; into k = classes units → one-hot; hinge losses use −1/+1
 * instead of 0/1. Regression → the y values, one column per output unit. Mismatches throw an
 * Error whose message says what to change.
 */
import type { DataTable, Loss } from '../protocol';
import type { ProgramGroup } from './compile';

export interface Targets {
  /** count × units, row-major */
  values: Float32Array;
  units: number;
  /** classification: number of classes; regression: 0 */
  classCount: number;
  /** classification: class index per sample; regression: null */
  labels: Int32Array | null;
}

export function checkTable(data: DataTable): void {
  const cols = data.columns.length;
  if (!Number.isInteger(data.count) || data.count < 0) throw new Error(`The data has an invalid sample count (${data.count}).`);
  if (data.pixels) {
    if (data.pixels.length !== data.count * cols) {
      throw new Error(`The data's pixels have ${data.pixels.length} values, expected ${data.count} rows × ${cols} columns = ${data.count * cols}.`);
    }
    const scale = data.pixelScale ?? 1;
    if (!(Number.isFinite(scale) && scale > 0)) throw new Error(`The data's pixel scale must be a number > 0 (got ${scale}).`);
  } else if (data.x.length !== data.count * cols) {
    throw new Error(`The data's x has ${data.x.length} values, expected ${data.count} rows × ${cols} columns = ${data.count * cols}.`);
  }
  if (data.isTest.length !== data.count) {
    throw new Error(`The data's test mask has ${data.isTest.length} entries for ${data.count} samples.`);
  }
}

export function buildTargets(out: ProgramGroup, data: DataTable, loss: Loss): Targets {
  const k = out.units;
  const n = data.count;
  const name = `"${out.name}"`;
  const hinge = loss === 'hinge' || loss === 'squared_hinge';
  if (data.classes) {
    const c = data.classes.length;
    if (c < 2) throw new Error(`Classification needs at least 2 classes; the data has ${c}.`);
    if (data.y.length !== n) throw new Error(`The data has ${data.y.length} labels for ${n} samples.`);
    if (k !== 1 && k !== c) {
      const hint = c === 2 ? ` (or 1 unit with a sigmoid for 2 classes)` : '';
      throw new Error(`The data has ${c} classes but output group ${name} has ${k} units: use ${c} units, one per class${hint}.`);
    }
    if (k === 1 && c !== 2) {
      throw new Error(`The data has ${c} classes but output group ${name} has 1 unit: use ${c} units, one per class.`);
    }
    if (k === 1 && (loss === 'cce' || loss === 'sparse_cce')) {
      throw new Error(
        `Categorical cross-entropy needs one output unit per class: give output group ${name} 2 units (softmax), or use binary cross-entropy with 1 unit.`
      );
    }
    const labels = new Int32Array(n);
    const values = new Float32Array(n * k);
    const off = hinge ? -1 : 0;
    for (let i = 0; i < n; i++) {
      const y = data.y[i];
      if (!Number.isInteger(y) || y < 0 || y >= c) {
        throw new Error(`Sample ${i} has label ${y}; labels must be class indices 0…${c - 1}.`);
      }
      labels[i] = y;
      if (k === 1) values[i] = y === 1 ? 1 : off;
      else {
        for (let j = 0; j < k; j++) values[i * k + j] = off;
        values[i * k + y] = 1;
      }
    }
    return { values, units: k, classCount: c, labels };
  }
  const m = data.targetColumns.length;
  if (loss === 'sparse_cce') {
    throw new Error('Sparse categorical cross-entropy needs class labels, but this data is a regression table.');
  }
  if (m !== k) {
    throw new Error(`The data has ${m} target column${m === 1 ? '' : 's'} but output group ${name} has ${k} unit${k === 1 ? '' : 's'}: they must match.`);
  }
  if (data.y.length !== n * m) throw new Error(`The data has ${data.y.length} target values, expected ${n} × ${m}.`);
  return { values: Float32Array.from(data.y), units: k, classCount: 0, labels: null };
}
