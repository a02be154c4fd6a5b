/**
 * The export plan as a list of Keras layers with their configs and weights, in the two JSON dialects
 * Keras files use: Keras 3 (`.keras` config.json: every nested object carries its `module`, inbound nodes
 * are call arguments holding `__keras_tensor__` records) and Keras 2 (legacy `.h5` model_config: nested
 * objects are `{class_name, config}`, inbound nodes are `[layer, node, tensor, kwargs]` tuples).
 * One list feeds both, so the two files always describe the same network.
 */
import type { Activation, ImageShape, Loss, Optimizer, TrainSettings } from '../../../workers/protocol';
import { ACTIVATION_INFO, LEAKY_RELU_ALPHA } from '../../../workers/engine';
import { lastLayerName, type DensePlan, type ExportPlan } from './plan';

/** tfjs: TF.js' layers format, Keras 2's shape without the regularisers TF.js cannot name. */
export type KerasDialect = 'keras3' | 'keras2' | 'tfjs';

export interface KerasWeight {
  /** the variable's own name: kernel, bias, alpha */
  name: string;
  shape: number[];
  values: Float32Array;
}

export interface KerasLayer {
  className: string;
  name: string;
  /** the layer's own config, nested objects not yet wrapped (see `kerasObject`) */
  config: Record<string, unknown>;
  /** names of the layers whose (single) outputs this layer is called on */
  inbound: string[];
  /** the output shape without the batch axis */
  shape: number[];
  weights: KerasWeight[];
}

/** Activations with no Keras layer or string that a saved file can name. */
const UNSUPPORTED: Partial<Record<Activation, string>> = { arctan: 'arctan', step: 'binary step' };

/** A nested serialised object (initialiser, regulariser, optimizer) in the dialect's shape. */
export function kerasObject(dialect: KerasDialect, module: string, className: string, config: Record<string, unknown>) {
  return dialect === 'keras3' ? { module, class_name: className, config, registered_name: null } : { class_name: className, config };
}

function regulariser(dialect: KerasDialect, l1: number, l2: number) {
  if ((l1 <= 0 && l2 <= 0) || dialect === 'tfjs') return null;
  if (l2 <= 0) return kerasObject(dialect, 'keras.regularizers', 'L1', { l1 });
  if (l1 <= 0) return kerasObject(dialect, 'keras.regularizers', 'L2', { l2 });
  return kerasObject(dialect, 'keras.regularizers', 'L1L2', { l1, l2 });
}

/**
 * The layers of the plan, inputs first. Throws an Error naming the node when its activation has no
 * Keras equivalent that a file can carry.
 */
export function kerasLayers(plan: ExportPlan, settings: TrainSettings, dialect: KerasDialect): KerasLayer[] {
  const zeros = kerasObject(dialect, 'keras.initializers', 'Zeros', {});
  const out: KerasLayer[] = [];
  const shapeOf = new Map<string, number[]>();
  const outputOf = new Map<string, string>();
  const push = (layer: KerasLayer) => {
    out.push(layer);
    shapeOf.set(layer.name, layer.shape);
  };

  for (const input of plan.inputs) {
    const shapeKey = dialect === 'keras3' ? 'batch_shape' : 'batch_input_shape';
    const shape = input.image ? hwc(input.image) : [input.units];
    push({
      className: 'InputLayer',
      name: input.name,
      config: { [shapeKey]: [null, ...shape], dtype: 'float32', sparse: false },
      inbound: [],
      shape,
      weights: []
    });
    outputOf.set(input.name, input.name);
  }

  for (const l of plan.layers) {
    const missing = UNSUPPORTED[l.activation];
    const node = l.label || l.id;
    if (missing && dialect === 'tfjs') throw new Error(`TF.js has no ${missing} layer: change node ${node}'s activation to export.`);
    if (missing) throw new Error(`Keras files cannot carry a ${missing} activation: change node ${node}'s activation to export.`);
    let source = l.parents.map((p) => outputOf.get(p) ?? p);
    if (l.concatName) {
      push({ className: 'Concatenate', name: l.concatName, config: { axis: -1 }, inbound: source, shape: [l.fanIn], weights: [] });
      source = [l.concatName];
    }
    if (l.layer) {
      push(spatialLayer(l, source, dialect, zeros, regulariser(dialect, settings.l1 + l.l1, settings.l2 + l.l2)));
    } else push({
      className: 'Dense',
      name: l.name,
      config: {
        trainable: true,
        dtype: 'float32',
        units: l.units,
        activation: ACTIVATION_INFO[l.activation].keras ?? 'linear',
        use_bias: true,
        // Required by the format; the stored weights replace what they would draw.
        kernel_initializer: zeros,
        bias_initializer: zeros,
        kernel_regularizer: regulariser(dialect, settings.l1 + l.l1, settings.l2 + l.l2),
        bias_regularizer: null,
        activity_regularizer: null,
        kernel_constraint: null,
        bias_constraint: null
      },
      inbound: source,
      shape: [l.units],
      weights: [
        { name: 'kernel', shape: [l.fanIn, l.units], values: l.kernel },
        { name: 'bias', shape: [l.units], values: l.bias }
      ]
    });
    // Conv outputs keep their image shape; PReLU then has one slope per position and channel, as ours.
    const shape = l.shape ? hwc(l.shape) : [l.units];
    if (l.activationName && l.activation === 'prelu') {
      push({
        className: 'PReLU',
        name: l.activationName,
        config: { trainable: true, dtype: 'float32', alpha_initializer: zeros, alpha_regularizer: null, alpha_constraint: null, shared_axes: null },
        inbound: [l.name],
        shape,
        weights: [{ name: 'alpha', shape, values: l.prelu! }]
      });
    } else if (l.activationName && l.activation === 'leaky_relu') {
      const slope = dialect === 'keras3' ? { negative_slope: LEAKY_RELU_ALPHA } : { alpha: LEAKY_RELU_ALPHA };
      push({ className: 'LeakyReLU', name: l.activationName, config: { trainable: true, dtype: 'float32', ...slope }, inbound: [l.name], shape, weights: [] });
    }
    if (l.dropoutName) {
      push({
        className: 'Dropout',
        name: l.dropoutName,
        config: { trainable: true, dtype: 'float32', rate: l.dropout, noise_shape: null, seed: null },
        inbound: [l.activationName ?? l.name],
        shape,
        weights: []
      });
    }
    outputOf.set(l.name, lastLayerName(l));
  }
  return out;
}

const hwc = (shape: ImageShape) => [shape.height, shape.width, shape.channels];

/** Conv2D, MaxPooling2D / AveragePooling2D or Flatten, channels last like our HWC layout. */
function spatialLayer(l: DensePlan, source: string[], dialect: KerasDialect, zeros: ReturnType<typeof kerasObject>, kernelRegularizer: unknown): KerasLayer {
  const base = { name: l.name, inbound: source, shape: l.shape ? hwc(l.shape) : [l.units] };
  const layer = l.layer!;
  switch (layer.type) {
    case 'conv2d': {
      const k = layer.kernelSize;
      return {
        ...base,
        className: 'Conv2D',
        config: {
          trainable: true,
          dtype: 'float32',
          filters: layer.filters,
          kernel_size: [k, k],
          strides: [layer.stride, layer.stride],
          padding: layer.padding,
          data_format: 'channels_last',
          dilation_rate: [1, 1],
          ...(dialect === 'keras3' ? { groups: 1 } : {}),
          activation: ACTIVATION_INFO[l.activation].keras ?? 'linear',
          use_bias: true,
          kernel_initializer: zeros,
          bias_initializer: zeros,
          kernel_regularizer: kernelRegularizer,
          bias_regularizer: null,
          activity_regularizer: null,
          kernel_constraint: null,
          bias_constraint: null
        },
        weights: [
          { name: 'kernel', shape: [k, k, l.inputShape!.channels, layer.filters], values: l.kernel },
          { name: 'bias', shape: [layer.filters], values: l.bias }
        ]
      };
    }
    case 'pool2d':
      return {
        ...base,
        className: layer.mode === 'max' ? 'MaxPooling2D' : 'AveragePooling2D',
        config: {
          trainable: true,
          dtype: 'float32',
          pool_size: [layer.poolSize, layer.poolSize],
          strides: [layer.stride, layer.stride],
          padding: 'valid',
          data_format: 'channels_last'
        },
        weights: []
      };
    case 'flatten':
      return { ...base, className: 'Flatten', config: { trainable: true, dtype: 'float32', data_format: 'channels_last' }, weights: [] };
  }
}

/** One layer entry of a functional model's `layers` list. */
function layerEntry(dialect: KerasDialect, layer: KerasLayer, shapeOf: Map<string, number[]>) {
  const config = { name: layer.name, ...layer.config };
  if (dialect !== 'keras3') {
    return {
      class_name: layer.className,
      name: layer.name,
      config,
      inbound_nodes: layer.inbound.length === 0 ? [] : [layer.inbound.map((from) => [from, 0, 0, {}])]
    };
  }
  const tensor = (from: string) => ({
    class_name: '__keras_tensor__',
    config: { shape: [null, ...(shapeOf.get(from) ?? [])], dtype: 'float32', keras_history: [from, 0, 0] }
  });
  // Concatenate is called on one list of tensors; every other layer on one tensor.
  const args = layer.className === 'Concatenate' ? [layer.inbound.map(tensor)] : layer.inbound.map(tensor);
  const inputShapes = layer.inbound.map((from) => [null, ...(shapeOf.get(from) ?? [])]);
  return {
    module: 'keras.layers',
    class_name: layer.className,
    config,
    registered_name: null,
    ...(layer.inbound.length > 0 ? { build_config: { input_shape: layer.className === 'Concatenate' ? inputShapes : inputShapes[0] } } : {}),
    name: layer.name,
    inbound_nodes: layer.inbound.length === 0 ? [] : [{ args, kwargs: {} }]
  };
}

/** The functional model's config (`config.json` for Keras 3, `model_config` for Keras 2). */
export function functionalConfig(plan: ExportPlan, layers: KerasLayer[], dialect: KerasDialect, modelName: string) {
  const shapeOf = new Map(layers.map((l) => [l.name, l.shape]));
  const config = {
    name: modelName,
    trainable: true,
    layers: layers.map((l) => layerEntry(dialect, l, shapeOf)),
    input_layers: plan.inputs.map((i) => [i.name, 0, 0]),
    output_layers: [[lastLayerName(plan.output), 0, 0]]
  };
  return dialect === 'keras3'
    ? { module: 'keras.src.models.functional', class_name: 'Functional', config, registered_name: 'Functional', build_config: { input_shape: null } }
    : { class_name: 'Functional', config, keras_version: '2.15.0', backend: 'tensorflow' };
}

const OPTIMIZERS: Record<Optimizer, (s: TrainSettings) => [string, Record<string, unknown>]> = {
  sgd: (s) => ['SGD', { name: 'SGD', learning_rate: s.learningRate, momentum: 0, nesterov: false }],
  momentum: (s) => ['SGD', { name: 'SGD', learning_rate: s.learningRate, momentum: s.momentum, nesterov: false }],
  nesterov: (s) => ['SGD', { name: 'SGD', learning_rate: s.learningRate, momentum: s.momentum, nesterov: true }],
  rmsprop: (s) => ['RMSprop', { name: 'RMSprop', learning_rate: s.learningRate, rho: s.rho, momentum: 0, epsilon: s.epsilon, centered: false }],
  adam: (s) => ['Adam', { name: 'Adam', learning_rate: s.learningRate, beta_1: s.beta1, beta_2: s.beta2, epsilon: s.epsilon, amsgrad: false }]
};

/** Keras loss names; half_sse (the course's ½·Σ(y−t)²) has none. */
const LOSSES: Record<Exclude<Loss, 'half_sse' | 'huber'>, string> = {
  mse: 'mean_squared_error',
  mae: 'mean_absolute_error',
  bce: 'binary_crossentropy',
  cce: 'categorical_crossentropy',
  sparse_cce: 'sparse_categorical_crossentropy',
  hinge: 'hinge',
  squared_hinge: 'squared_hinge',
  log_cosh: 'log_cosh'
};

function lossConfig(dialect: KerasDialect, s: TrainSettings): unknown {
  if (s.loss === 'half_sse') return null;
  if (s.loss === 'huber') return kerasObject(dialect, 'keras.losses', 'Huber', { name: 'huber_loss', delta: s.huberDelta });
  return LOSSES[s.loss];
}

/** The optimizer and loss the playground trains with, as Keras stores them; null when Keras has no such loss. */
export function trainingConfig(dialect: KerasDialect, s: TrainSettings): Record<string, unknown> | null {
  const loss = lossConfig(dialect, s);
  if (loss === null) return null;
  const [className, config] = OPTIMIZERS[s.optimizer](s);
  const optimizer = kerasObject(dialect, 'keras.optimizers', className, config);
  return dialect === 'keras3'
    ? { optimizer, loss, loss_weights: null, metrics: null, weighted_metrics: null, run_eagerly: false, steps_per_execution: 1, jit_compile: false }
    : { optimizer_config: optimizer, loss, metrics: null, weighted_metrics: null, loss_weights: null };
}
