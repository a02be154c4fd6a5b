/**
 * TF.js export: a Layers-format model.json (functional Model) and its float32 weights, written by hand
 * (tfjs never ships with the app). tf.loadLayersModel reads the pair; tfjs.test.ts proves it predicts what
 * our engine predicts.
 */
import type { ParamLayout } from '../../../workers/protocol';
import type { NetworkDoc } from '../model/document';
import { DEFAULT_SETTINGS } from '../model/playground';
import { functionalConfig, kerasLayers } from './keras-layers';
import { buildPlan } from './plan';

export interface TfjsOptions {
  /** the weights file name written into the manifest (download the binary under this name) */
  weightsPath?: string;
  modelName?: string;
}

export interface TfjsWeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32';
}

export interface TfjsModelJson {
  format: 'layers-model';
  generatedBy: string;
  convertedBy: null;
  modelTopology: { class_name: 'Model'; config: object; keras_version: string; backend: string };
  weightsManifest: { paths: string[]; weights: TfjsWeightSpec[] }[];
}


/**
 * Builds model.json and the weights. Throws an Error naming the node when an activation has no TF.js
 * equivalent, or when the weights do not match the document.
 */
export function tfjsModel(
  doc: NetworkDoc,
  layout: ParamLayout,
  params: Float32Array,
  options: TfjsOptions = {}
): { modelJson: TfjsModelJson; weightData: ArrayBuffer } {
  const plan = buildPlan(doc, layout, params);
  // TF.js reads Keras 2's layer format: the same layer list as the .h5 export, regularisers left out.
  const layers = kerasLayers(plan, DEFAULT_SETTINGS, 'tfjs');
  const { config } = functionalConfig(plan, layers, 'tfjs', options.modelName ?? 'axon');

  const weights: TfjsWeightSpec[] = layers.flatMap((l) => l.weights.map((w) => ({ name: `${l.name}/${w.name}`, shape: w.shape, dtype: 'float32' as const })));
  const chunks = layers.flatMap((l) => l.weights.map((w) => w.values));
  const data = new Float32Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    data.set(c, at);
    at += c.length;
  }

  const modelJson: TfjsModelJson = {
    format: 'layers-model',
    generatedBy: 'Axon neural-network playground',
    convertedBy: null,
    modelTopology: { class_name: 'Model', config, keras_version: 'tfjs-layers 4.22.0', backend: 'tensor_flow.js' },
    weightsManifest: [{ paths: [options.weightsPath ?? 'weights.bin'], weights }]
  };
  return { modelJson, weightData: data.buffer };
}

/**
 * The two files to download: `<base>.json` and `<base>.weights.bin` (the manifest names the latter,
 * so both must keep these names side by side). Load them with tf.loadLayersModel('…/<base>.json').
 */
export function tfjsFiles(doc: NetworkDoc, layout: ParamLayout, params: Float32Array, baseName = 'axon-model'): { filename: string; blob: Blob }[] {
  const weightsName = `${baseName}.weights.bin`;
  const { modelJson, weightData } = tfjsModel(doc, layout, params, { weightsPath: weightsName });
  return [
    { filename: `${baseName}.json`, blob: new Blob([JSON.stringify(modelJson)], { type: 'application/json' }) },
    { filename: weightsName, blob: new Blob([weightData], { type: 'application/octet-stream' }) }
  ];
}
