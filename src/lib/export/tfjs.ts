/**
 * TF.js export: a Layers-format model.json (functional Model) and its float32 weights, written by hand
 * (tfjs never ships with the app). tf.loadLayersModel reads the pair; tfjs.test.ts proves it predicts what
 * our engine predicts.
 */
import type { Activation, ParamLayout } from '../../../workers/protocol';
import { ACTIVATION_INFO, LEAKY_RELU_ALPHA } from '../../../workers/engine';
import type { NetworkDoc } from '../model/document';
import { buildPlan, lastLayerName, type DensePlan } from './plan';

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
  modelTopology: { class_name: 'Model'; config: Record<string, unknown>; keras_version: string; backend: string };
  weightsManifest: { paths: string[]; weights: TfjsWeightSpec[] }[];
}


/** Activations TF.js has no layer for. */
const UNSUPPORTED: Partial<Record<Activation, string>> = { arctan: 'arctan', step: 'binary step' };

type InboundNode = [string, number, number, Record<string, never>];

function layer(className: string, name: string, config: Record<string, unknown>, inbound: string[]) {
  return {
    name,
    class_name: className,
    config: { ...config, name, trainable: true },
    inbound_nodes: inbound.length === 0 ? [] : [inbound.map((from): InboundNode => [from, 0, 0, {}])]
  };
}

function denseConfig(units: number, activation: string): Record<string, unknown> {
  return {
    units,
    activation,
    use_bias: true,
    // Initialisers are required by the format; the weights file overrides them.
    kernel_initializer: { class_name: 'Zeros', config: {} },
    bias_initializer: { class_name: 'Zeros', config: {} },
    kernel_regularizer: null,
    bias_regularizer: null,
    activity_regularizer: null,
    kernel_constraint: null,
    bias_constraint: null
  };
}

/** Names the node and what to do, as the person sees it in the editor. */
function checkSupported(layerPlan: DensePlan): void {
  const missing = UNSUPPORTED[layerPlan.activation];
  if (missing) {
    throw new Error(`TF.js has no ${missing} layer: change node ${layerPlan.label || layerPlan.id}'s activation to export.`);
  }
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
  for (const l of plan.layers) checkSupported(l);

  const outputOf = new Map<string, string>();
  const layers: ReturnType<typeof layer>[] = [];
  for (const input of plan.inputs) {
    layers.push(layer('InputLayer', input.name, { batch_input_shape: [null, input.units], dtype: 'float32', sparse: false }, []));
    outputOf.set(input.name, input.name);
  }

  const weights: TfjsWeightSpec[] = [];
  const chunks: Float32Array[] = [];
  const addWeight = (name: string, shape: number[], values: Float32Array) => {
    weights.push({ name, shape, dtype: 'float32' });
    chunks.push(values);
  };

  for (const l of plan.layers) {
    const parents = l.parents.map((p) => outputOf.get(p) ?? p);
    let source = parents;
    if (l.concatName) {
      layers.push(layer('Concatenate', l.concatName, { axis: -1 }, parents));
      source = [l.concatName];
    }
    layers.push(layer('Dense', l.name, denseConfig(l.units, ACTIVATION_INFO[l.activation].tfjs ?? 'linear'), source));
    addWeight(`${l.name}/kernel`, [l.fanIn, l.units], l.kernel);
    addWeight(`${l.name}/bias`, [l.units], l.bias);
    if (l.activationName && l.activation === 'prelu') {
      layers.push(
        layer(
          'PReLU',
          l.activationName,
          { alpha_initializer: { class_name: 'Zeros', config: {} }, alpha_regularizer: null, alpha_constraint: null, shared_axes: null },
          [l.name]
        )
      );
      addWeight(`${l.activationName}/alpha`, [l.units], l.prelu!);
    } else if (l.activationName && l.activation === 'leaky_relu') {
      layers.push(layer('LeakyReLU', l.activationName, { alpha: LEAKY_RELU_ALPHA }, [l.name]));
    }
    if (l.dropoutName) {
      layers.push(layer('Dropout', l.dropoutName, { rate: l.dropout, noise_shape: null, seed: null }, [l.activationName ?? l.name]));
    }
    outputOf.set(l.name, lastLayerName(l));
  }

  const total = chunks.reduce((sum, c) => sum + c.length, 0);
  const data = new Float32Array(total);
  let at = 0;
  for (const c of chunks) {
    data.set(c, at);
    at += c.length;
  }

  const modelJson: TfjsModelJson = {
    format: 'layers-model',
    generatedBy: 'Axon neural-network playground',
    convertedBy: null,
    modelTopology: {
      class_name: 'Model',
      config: {
        name: options.modelName ?? 'axon',
        layers,
        input_layers: plan.inputs.map((i) => [i.name, 0, 0]),
        output_layers: [[lastLayerName(plan.output), 0, 0]]
      },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js'
    },
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
