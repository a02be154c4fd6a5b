/**
 * Keras model files with the trained weights: `.keras` (Keras 3: a zip of config.json, model.weights.h5
 * and metadata.json) and the legacy `.h5` (Keras 2: model_config attribute, weights under
 * model_weights/<layer>/<layer>/<weight>:0). The HDF5 and zip libraries load on first use.
 * keras-files.test.ts reads both with h5py and runs the forward pass in NumPy from the stored weights.
 */
import type { ParamLayout, TrainSettings } from '../../../workers/protocol';
import type { NetworkDoc } from '../model/document';
import { DEFAULT_SETTINGS } from '../model/playground';
import { writeHdf5 } from '../formats/hdf5';
import { textEncoder, zipEntries } from '../formats/zip';
import { functionalConfig, kerasLayers, trainingConfig } from './keras-layers';
import { buildPlan } from './plan';

export interface KerasFileOptions {
  settings?: TrainSettings;
  modelName?: string;
  /** when the file says it was saved (default: now); fixed in tests */
  date?: Date;
}

/** The Keras versions our files claim to come from (their config dialects). */
export const KERAS3_VERSION = '3.6.0';
export const KERAS2_VERSION = '2.15.0';

/** A `.keras` archive. Throws an Error naming the node when the network cannot be expressed in Keras. */
export async function kerasArchive(doc: NetworkDoc, layout: ParamLayout, params: Float32Array, options: KerasFileOptions = {}): Promise<Uint8Array> {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const plan = buildPlan(doc, layout, params);
  const layers = kerasLayers(plan, settings, 'keras3');
  const config = { ...functionalConfig(plan, layers, 'keras3', options.modelName ?? 'axon'), compile_config: trainingConfig('keras3', settings) };
  const weights = await writeHdf5((file) => {
    // Keras 3 keeps each layer's variables in order as layers/<name>/vars/0, 1, …; every object has its vars group.
    file.create_group('vars');
    const root = file.create_group('layers');
    for (const layer of layers) {
      const vars = root.create_group(layer.name).create_group('vars');
      layer.weights.forEach((w, i) => vars.create_dataset({ name: String(i), data: w.values, shape: w.shape, dtype: '<f' }));
    }
  });
  const metadata = { keras_version: KERAS3_VERSION, date_saved: (options.date ?? new Date()).toISOString().slice(0, 19).replace('T', '@') };
  return zipEntries({
    'metadata.json': textEncoder.encode(JSON.stringify(metadata)),
    'config.json': textEncoder.encode(JSON.stringify(config)),
    'model.weights.h5': weights
  });
}

/** A legacy Keras 2 `.h5` model file. Throws like `kerasArchive`. */
export async function kerasH5(doc: NetworkDoc, layout: ParamLayout, params: Float32Array, options: KerasFileOptions = {}): Promise<Uint8Array> {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const plan = buildPlan(doc, layout, params);
  const layers = kerasLayers(plan, settings, 'keras2');
  const modelConfig = functionalConfig(plan, layers, 'keras2', options.modelName ?? 'axon');
  const training = trainingConfig('keras2', settings);
  return writeHdf5((file) => {
    file.create_attribute('keras_version', KERAS2_VERSION);
    file.create_attribute('backend', 'tensorflow');
    file.create_attribute('model_config', JSON.stringify(modelConfig));
    if (training) file.create_attribute('training_config', JSON.stringify(training));
    const root = file.create_group('model_weights');
    root.create_attribute('keras_version', KERAS2_VERSION);
    root.create_attribute('backend', 'tensorflow');
    root.create_attribute('layer_names', layers.map((l) => l.name));
    for (const layer of layers) {
      const group = root.create_group(layer.name);
      // Keras reads a missing weight_names as "no weights"; an empty string list is not storable as such.
      if (layer.weights.length === 0) continue;
      group.create_attribute('weight_names', layer.weights.map((w) => `${layer.name}/${w.name}:0`));
      const inner = group.create_group(layer.name);
      for (const w of layer.weights) inner.create_dataset({ name: `${w.name}:0`, data: w.values, shape: w.shape, dtype: '<f' });
    }
  });
}
