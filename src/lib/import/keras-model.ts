/**
 * Keras files: `.keras` (Keras 3: a zip of config.json and model.weights.h5, variables stored as
 * layers/<layer>/vars/0, 1, … in the layer's own order) and legacy `.h5` (Keras 2: the model_config
 * attribute, weights under model_weights/<layer>/ named by its weight_names attribute). The zip and HDF5
 * libraries load on first use (src/lib/formats), so the main bundle does not carry them.
 */
import type { Dataset, File as H5File, Group } from 'h5wasm';
import { readHdf5 } from '../formats/hdf5';
import { unzipEntries } from '../formats/zip';
import { MAX_MODEL_FILE_BYTES } from '../limits';
import { buildDoc, withWeights } from './assemble';
import { convertGraph } from './convert';
import { check, isRecord, ModelImportError, shown } from './errors';
import { parseModelJson } from './tfjs-model';
import { readTopology, type ModelGraph } from './topology';
import { readTrainingConfig } from './training-config';
import type { ImportedModel, ModelBytes } from './types';
import type { WeightMap } from './weights';

/** The variables a layer class stores, in the order Keras 3 numbers them. */
function variableNames(className: string, config: Record<string, unknown>): string[] {
  switch (className) {
    case 'Dense':
    case 'Conv2D':
      return config.use_bias === false ? ['kernel'] : ['kernel', 'bias'];
    case 'PReLU':
      return ['alpha'];
    default:
      return [];
  }
}

/** A float dataset as float32 (Keras may store float64); anything else is refused naming it. */
function floats(dataset: Dataset, where: string, file: string): { shape: number[]; values: Float32Array } {
  const value = dataset.value;
  const ok = value instanceof Float32Array || value instanceof Float64Array;
  check(ok, `${file}: the weight ${shown(where)} is not an array of floats (its type is ${shown(dataset.dtype)}).`);
  return { shape: dataset.shape ?? [], values: value instanceof Float32Array ? value : Float32Array.from(value) };
}

function isGroup(entity: unknown): entity is Group {
  return entity !== null && typeof entity === 'object' && typeof (entity as Group).keys === 'function';
}

function isDataset(entity: unknown): entity is Dataset {
  return entity !== null && typeof entity === 'object' && 'shape' in (entity as object) && typeof (entity as Group).keys !== 'function';
}

function keras3Weights(file: H5File, graph: ModelGraph, name: string): WeightMap {
  const weights: WeightMap = new Map();
  for (const layer of graph.layers) {
    const names = variableNames(layer.className, layer.config);
    if (names.length === 0) continue;
    const vars = file.get(`layers/${layer.name}/vars`);
    check(isGroup(vars), `${name}: model.weights.h5 has no weights for layer '${shown(layer.name)}' (expected the group layers/${shown(layer.name)}/vars).`);
    names.forEach((param, i) => {
      const dataset = vars.get(String(i));
      check(isDataset(dataset), `${name}: layer '${shown(layer.name)}' needs its ${param} as layers/${shown(layer.name)}/vars/${i}, which model.weights.h5 does not have.`);
      const read = floats(dataset, `layers/${layer.name}/vars/${i}`, name);
      weights.set(`${layer.name}/${param}`, { shape: read.shape, values: () => read.values });
    });
  }
  return weights;
}

/** Text of an HDF5 attribute (Keras writes JSON configs as string attributes, sometimes as bytes). */
function textAttribute(holder: H5File | Group, key: string): string | null {
  const attribute = holder.attrs[key];
  if (!attribute) return null;
  const value = attribute.value;
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  return null;
}

function stringList(holder: Group, key: string): string[] {
  const value = holder.attrs[key]?.value;
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? [value] : [];
}

function legacyWeights(file: H5File, graph: ModelGraph, name: string): WeightMap {
  const weights: WeightMap = new Map();
  const root = file.get('model_weights');
  check(isGroup(root), `${name} has a Keras model config but no model_weights group, so it carries no weights.`);
  for (const layer of graph.layers) {
    if (variableNames(layer.className, layer.config).length === 0) continue;
    const group = root.get(layer.name);
    check(isGroup(group), `${name}: model_weights has no group for layer '${shown(layer.name)}'.`);
    for (const weightName of stringList(group, 'weight_names')) {
      const dataset = group.get(weightName);
      check(isDataset(dataset), `${name}: layer '${shown(layer.name)}' lists the weight ${shown(weightName)}, which the file does not have.`);
      const read = floats(dataset, `model_weights/${layer.name}/${weightName}`, name);
      const param = (weightName.split('/').pop() ?? weightName).replace(/:\d+$/, '');
      weights.set(`${layer.name}/${param}`, { shape: read.shape, values: () => read.values });
    }
  }
  return weights;
}

function parseAttribute(text: string | null, what: string, name: string): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new ModelImportError(`${name}: its ${what} attribute is not JSON.`);
  }
}

/** Library errors (not HDF5, damaged zip) become refusals naming the file; ours pass through. */
async function refusing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ModelImportError) throw error;
    throw new ModelImportError(error instanceof Error ? error.message : String(error));
  }
}

export function importKerasArchive(source: ModelBytes): Promise<ImportedModel> {
  const name = source.name;
  return refusing(async () => {
    const entries = await unzipEntries(source.bytes, name, MAX_MODEL_FILE_BYTES * 2);
    const found = Object.keys(entries);
    check('config.json' in entries, `${name} has no config.json, so it is not a Keras model (it holds ${shown(found.join(', ') || 'nothing')}).`);
    check('model.weights.h5' in entries, `${name} has a config.json but no model.weights.h5, so it carries no weights.`);
    const config = parseModelJson(entries['config.json'], `${name}/config.json`);
    const graph = readTopology(config, name);
    const built = buildDoc(convertGraph(graph, name), name);
    const weights = await readHdf5(entries['model.weights.h5'], (file) => keras3Weights(file, graph, name), `${name}/model.weights.h5`);
    const assembled = withWeights(built, weights, name);
    const training = readTrainingConfig(config.compile_config);
    return { format: 'Keras', name: graph.name, ...assembled, settings: training.settings, notes: [...assembled.notes, ...training.notes] };
  });
}

export function importKerasH5(source: ModelBytes): Promise<ImportedModel> {
  const name = source.name;
  return refusing(async () => {
    const read = await readHdf5(
      source.bytes,
      (file) => {
        const modelConfig = parseAttribute(textAttribute(file, 'model_config'), 'model_config', name);
        check(
          isRecord(modelConfig),
          `${name} is an HDF5 file but not a Keras model: it has no model_config attribute${file.get('layers') ? ' (it looks like a Keras 3 weights file: open the .keras archive instead)' : ''}.`
        );
        const graph = readTopology(modelConfig, name);
        const built = buildDoc(convertGraph(graph, name), name);
        const assembled = withWeights(built, legacyWeights(file, graph, name), name);
        return { graph, assembled, training: parseAttribute(textAttribute(file, 'training_config'), 'training_config', name) };
      },
      name
    );
    const { assembled } = read;
    const training = readTrainingConfig(read.training);
    return { format: 'Keras', name: read.graph.name, ...assembled, settings: training.settings, notes: [...assembled.notes, ...training.notes] };
  });
}
