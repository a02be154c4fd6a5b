/**
 * Models made by @tensorflow/tfjs itself (not by our exporter), saved to memory the way tf.io saves them
 * to files: model.json (topology, manifest, training config) and one weights file. For the importer's tests.
 */
import * as tf from '@tensorflow/tfjs';
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

/** Saves a model as model.json + weights.bin (with the optimizer config when it is compiled). */
export async function saveToFiles(model: tf.LayersModel): Promise<SavedFiles> {
  let artifacts: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
    { includeOptimizer: model.optimizer !== undefined && model.optimizer !== null }
  );
  const a = artifacts as unknown as tf.io.ModelArtifacts;
  const weightData = new Uint8Array((a.weightData as ArrayBuffer).slice(0));
  return filesOf(
    {
      format: a.format,
      generatedBy: a.generatedBy,
      convertedBy: a.convertedBy ?? null,
      modelTopology: a.modelTopology,
      weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs }],
      ...(a.trainingConfig ? { trainingConfig: a.trainingConfig } : {})
    },
    weightData
  );
}

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

/** tfjs's prediction on the points (one input tensor of all columns, or one per input for several). */
export async function tfjsPredict(model: tf.LayersModel, points: Float32Array, inputSizes: number[]): Promise<Float32Array> {
  const columns = inputSizes.reduce((a, b) => a + b, 0);
  const count = points.length / columns;
  let start = 0;
  const inputs = inputSizes.map((size) => {
    const values = new Float32Array(count * size);
    for (let p = 0; p < count; p++) values.set(points.subarray(p * columns + start, p * columns + start + size), p * size);
    start += size;
    return tf.tensor2d(values, [count, size]);
  });
  const out = model.predict(inputs.length === 1 ? inputs[0] : inputs) as tf.Tensor;
  const data = (await out.data()) as Float32Array;
  tf.dispose([out, ...inputs]);
  return Float32Array.from(data);
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
