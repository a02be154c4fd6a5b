/**
 * Shared by the importer's tests: model files in memory (model.json + one weights file), random points,
 * and our engine's prediction with an imported network. (tfjs itself is used only inside *.test.ts files.)
 */
import type { DataTable, TrainSettings } from '../../../../workers/protocol';
import { compile, createRng, Trainer } from '../../../../workers/engine';
import { DEFAULT_SETTINGS } from '../../model/playground';
import { toSpec } from '../../model/spec';
import type { ImportedModel, ModelBytes } from '../types';

export interface SavedFiles {
  json: ModelBytes;
  shards: ModelBytes[];
  /** the model.json object, to break it by hand */
  modelJson: Record<string, unknown>;
  weightData: Uint8Array;
}

const encoder = new TextEncoder();

export function filesOf(modelJson: Record<string, unknown>, weightData: Uint8Array, shardName = 'weights.bin'): SavedFiles {
  return {
    json: { name: 'model.json', bytes: encoder.encode(JSON.stringify(modelJson)) },
    shards: [{ name: shardName, bytes: weightData }],
    modelJson,
    weightData
  };
}

/** Random points in [-2, 2), `count` rows of `columns`. */
export function randomPoints(count: number, columns: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: count * columns }, () => rng.uniform(-2, 2));
}

/** Our engine's prediction with the imported network and parameters. */
export function axonPredict(imported: Pick<ImportedModel, 'doc' | 'params'>, points: Float32Array, settings: Partial<TrainSettings> = {}): Float32Array {
  const program = compile(toSpec(imported.doc));
  const columns = imported.doc.nodes.filter((n) => n.kind === 'input').reduce((sum, n) => sum + n.units, 0);
  const count = points.length / columns;
  const out = imported.doc.nodes.find((n) => n.kind === 'output')!;
  const table: DataTable = {
    count,
    columns: Array.from({ length: columns }, (_, i) => `x${i + 1}`),
    x: points,
    y: new Float32Array(count * out.units),
    classes: null,
    targetColumns: Array.from({ length: out.units }, (_, i) => `t${i}`),
    isTest: new Uint8Array(count)
  };
  const trainer = new Trainer(program, table, { ...DEFAULT_SETTINGS, loss: 'mse', ...settings });
  trainer.setParams(imported.params);
  return trainer.predict(points);
}

export function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}
