/**
 * TF.js layers models: model.json (topology + weights manifest + optional trainingConfig) and the weight
 * shards it names, chosen together.
 */
import { buildDoc, withWeights } from './assemble';
import { convertGraph } from './convert';
import { check, isRecord, ModelImportError, shown } from './errors';
import { readTopology } from './topology';
import { readTrainingConfig } from './training-config';
import type { ImportedModel, ModelBytes } from './types';
import { readTfjsWeights } from './weights';

/** Parses JSON text of a model file, refusing anything that is not a JSON object. */
export function parseModelJson(bytes: Uint8Array, file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: false }).decode(bytes));
  } catch (error) {
    throw new ModelImportError(`${file} is not JSON (${error instanceof Error ? shown(error.message, 120) : 'unreadable'}).`);
  }
  check(isRecord(parsed), `${file} is JSON but not an object, so it is not a model.`);
  return parsed;
}

export function importTfjs(json: ModelBytes, shards: readonly ModelBytes[]): ImportedModel {
  const file = json.name;
  const model = parseModelJson(json.bytes, file);
  check(model.format !== 'graph-model', `${file} is a TF.js graph model (converted from a SavedModel); Axon imports layers models (tf.LayersModel, Keras).`);
  check(
    'modelTopology' in model,
    `${file} is not a TF.js model: it has no modelTopology${model.format === 'axon' ? ' (it looks like an Axon playground file: open it with Import JSON…)' : ''}.`
  );
  const topology = model.modelTopology;
  const graph = readTopology(topology, file);
  const built = buildDoc(convertGraph(graph, file), file);
  const files = new Map(shards.map((s) => [s.name, s.bytes]));
  const assembled = withWeights(built, readTfjsWeights(model.weightsManifest, files, file), file);
  // Converted Keras models keep training_config inside the topology; tfjs-saved ones beside it.
  const trainingConfig = model.trainingConfig ?? (isRecord(topology) ? topology.training_config : undefined);
  const training = readTrainingConfig(trainingConfig);
  return { format: 'TF.js', name: graph.name, ...assembled, settings: training.settings, notes: [...assembled.notes, ...training.notes] };
}
