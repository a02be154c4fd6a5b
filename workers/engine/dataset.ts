/**
 * Data ingest: a DataTable checked against the network and turned into what the training loop reads —
 * precomputed input features per input group, the target matrix, the train/test split and the column
 * means the heat-map grid holds still. Built once per table (and again when the loss changes the targets).
 */
import type { Activation, DataTable, Loss } from '../protocol';
import type { Program } from './compile';
import { computeFeatures, maxFeatureColumn } from './features';
import { shapeText } from './shapes';
import { buildTargets, checkTable, type Targets } from './targets';
import type { Workspace } from './workspace';

export interface Dataset {
  table: DataTable;
  targets: Targets;
  /** per group index: feature values of every sample (input groups only; empty otherwise) */
  inputs: Float32Array[];
  trainIdx: Int32Array;
  testIdx: Int32Array;
  /** per raw column: the mean over the training rows (all rows when there are none) */
  means: Float64Array;
}

/** Checks the table against the network and ingests it; throws an Error that says what to change. */
export function ingest(program: Program, table: DataTable, loss: Loss): Dataset {
  checkTable(table);
  const columns = table.columns.length;
  const inputs: Float32Array[] = program.groups.map(() => new Float32Array(0));
  for (const g of program.groups) {
    if (g.kind !== 'input') continue;
    if (g.shape) {
      // Image inputs read their pixels straight from the table while gathering (no Float32 copy).
      if (g.units > columns) {
        throw new Error(`Image input "${g.name}" needs ${g.units} columns (${shapeText(g.shape)}), but the data has ${columns}.`);
      }
      continue;
    }
    const max = maxFeatureColumn(g.features ?? []);
    if (max >= columns) {
      throw new Error(`Input group "${g.name}" reads column ${max}, but the data has ${columns} column${columns === 1 ? '' : 's'} (${table.columns.join(', ')}).`);
    }
    if (table.pixels) throw new Error(`Input group "${g.name}" reads columns as features, but this data is an image set: use an image input.`);
    inputs[g.index] = new Float32Array(table.count * g.units);
    computeFeatures(g.features ?? [], table.x, columns, table.count, inputs[g.index]);
  }
  const targets = buildTargets(program.groups[program.output], table, loss);
  let testCount = 0;
  for (let i = 0; i < table.count; i++) if (table.isTest[i]) testCount++;
  const trainIdx = new Int32Array(table.count - testCount);
  const testIdx = new Int32Array(testCount);
  for (let i = 0, tr = 0, te = 0; i < table.count; i++) {
    if (table.isTest[i]) testIdx[te++] = i;
    else trainIdx[tr++] = i;
  }
  const means = new Float64Array(columns);
  const meanRows = trainIdx.length > 0 ? trainIdx : Int32Array.from({ length: table.count }, (_, i) => i);
  const raw = table.pixels ?? table.x;
  for (const r of meanRows) for (let c = 0; c < columns; c++) means[c] += raw[r * columns + c];
  const scale = table.pixels ? (table.pixelScale ?? 1) : 1;
  if (meanRows.length > 0) for (let c = 0; c < columns; c++) means[c] *= scale / meanRows.length;
  return { table, targets, inputs, trainIdx, testIdx, means };
}

/** The same data with the targets a different loss needs (hinge losses use −1/+1); throws on a mismatch. */
export function withLoss(program: Program, data: Dataset, loss: Loss): Dataset {
  return { ...data, targets: buildTargets(program.groups[program.output], data.table, loss) };
}

/**
 * Copies the inputs and targets of samples idx[start … start+n) into the workspace rows 0 … n. Image
 * inputs read raw columns 0 … units − 1 of each row, from `pixels` (× pixelScale) when the table has them.
 */
export function gather(program: Program, data: Dataset, ws: Workspace, idx: Int32Array, start: number, n: number): void {
  const table = data.table;
  for (const g of program.groups) {
    if (g.kind !== 'input') continue;
    const units = g.units;
    if (g.shape) {
      const columns = table.columns.length;
      const raw = table.pixels ?? table.x;
      const scale = table.pixels ? (table.pixelScale ?? 1) : 1;
      const dst = ws.a[g.index];
      for (let b = 0; b < n; b++) {
        const from = idx[start + b] * columns;
        const to = b * units;
        for (let u = 0; u < units; u++) dst[to + u] = raw[from + u] * scale;
      }
      continue;
    }
    const src = data.inputs[g.index];
    const dst = ws.a[g.index];
    for (let b = 0; b < n; b++) {
      const from = idx[start + b] * units;
      const to = b * units;
      for (let u = 0; u < units; u++) dst[to + u] = src[from + u];
    }
  }
  const k = data.targets.units;
  const t = data.targets.values;
  const dst = ws.target;
  for (let b = 0; b < n; b++) {
    const from = idx[start + b] * k;
    for (let j = 0; j < k; j++) dst[b * k + j] = t[from + j];
  }
}

/**
 * Decision threshold for one-unit classifiers: 0 for outputs centred on 0 (tanh, arctan) and for
 * hinge losses (labels −1/+1); 0.5 otherwise (sigmoid, softmax-free linear outputs trained on 0/1).
 */
export function decisionThreshold(output: Activation, loss: Loss): number {
  return output === 'tanh' || output === 'arctan' || loss === 'hinge' || loss === 'squared_hinge' ? 0 : 0.5;
}
