/**
 * Keras export: Python source for the drawn network in the functional API, with the trained weights.
 * It is how a learner outgrows the browser, so it reads like code a person would write.
 */
import type { Loss, Optimizer, ParamLayout, TrainSettings } from '../../../workers/protocol';
import { ACTIVATION_INFO, LEAKY_RELU_ALPHA } from '../../../workers/engine';
import type { NetworkDoc } from '../model/document';
import { DEFAULT_SETTINGS } from '../model/playground';
import { buildPlan, defaultColumns, type DensePlan, type ExportPlan } from './plan';
import { inputShapeTuple, spatialLayerLine, spatialWeightLines } from './keras-spatial';
import { makeInputsCode, npArray, pyFloat, summariseFeatures } from './python-code';
import { pyString } from './python-text';

export { pyFloat } from './python-code';

export interface KerasOptions {
  /** the training settings, for model.compile and the regularisers (default: the playground's defaults) */
  settings?: TrainSettings;
  /** raw column names of the data, for make_inputs() and the comments (default x1, x2, …) */
  columns?: string[];
  /** the Keras model name */
  modelName?: string;
}

const OPTIMIZER_CODE: Record<Optimizer, (s: TrainSettings) => string> = {
  sgd: (s) => `keras.optimizers.SGD(learning_rate=${pyFloat(s.learningRate)})`,
  momentum: (s) => `keras.optimizers.SGD(learning_rate=${pyFloat(s.learningRate)}, momentum=${pyFloat(s.momentum)})`,
  nesterov: (s) => `keras.optimizers.SGD(learning_rate=${pyFloat(s.learningRate)}, momentum=${pyFloat(s.momentum)}, nesterov=True)`,
  rmsprop: (s) => `keras.optimizers.RMSprop(learning_rate=${pyFloat(s.learningRate)}, rho=${pyFloat(s.rho)}, epsilon=${pyFloat(s.epsilon)})`,
  adam: (s) =>
    `keras.optimizers.Adam(learning_rate=${pyFloat(s.learningRate)}, beta_1=${pyFloat(s.beta1)}, beta_2=${pyFloat(s.beta2)}, epsilon=${pyFloat(s.epsilon)})`
};

const LOSS_CODE: Record<Loss, (s: TrainSettings) => string> = {
  mse: () => '"mean_squared_error"',
  half_sse: () => 'half_sse',
  mae: () => '"mean_absolute_error"',
  bce: () => '"binary_crossentropy"',
  cce: () => '"categorical_crossentropy"',
  sparse_cce: () => '"sparse_categorical_crossentropy"',
  hinge: () => '"hinge"',
  squared_hinge: () => '"squared_hinge"',
  log_cosh: () => '"log_cosh"',
  huber: (s) => `keras.losses.Huber(delta=${pyFloat(s.huberDelta)})`
};

const CLASSIFICATION_LOSSES = new Set<Loss>(['bce', 'cce', 'sparse_cce', 'hinge', 'squared_hinge']);


function regulariserArg(layer: DensePlan, settings: TrainSettings): string {
  // Same penalties as the engine: l1·Σ|w| + l2·Σw² on the kernel, biases free.
  const l1 = settings.l1 + layer.l1;
  const l2 = settings.l2 + layer.l2;
  if (l1 <= 0 && l2 <= 0) return '';
  if (l2 <= 0) return `, kernel_regularizer=regularizers.L1(${pyFloat(l1)})`;
  if (l1 <= 0) return `, kernel_regularizer=regularizers.L2(${pyFloat(l2)})`;
  return `, kernel_regularizer=regularizers.L1L2(l1=${pyFloat(l1)}, l2=${pyFloat(l2)})`;
}

function layerLines(layer: DensePlan, settings: TrainSettings): string[] {
  const lines: string[] = [];
  let source = layer.parents[0];
  if (layer.concatName) {
    lines.push(`# ${layer.name} adds up its parents' contributions: that is one Dense on their concatenation.`);
    lines.push(`${layer.concatName} = layers.Concatenate(name=${pyString(layer.concatName)})([${layer.parents.join(', ')}])`);
    source = layer.concatName;
  }
  const activation = ACTIVATION_INFO[layer.activation].keras;
  const activationArg = activation && activation !== 'linear' ? `, activation=${pyString(activation)}` : '';
  if (layer.layer) lines.push(spatialLayerLine(layer, source, regulariserArg(layer, settings)));
  else lines.push(
    `${layer.name} = layers.Dense(${layer.units}${activationArg}${regulariserArg(layer, settings)}, name=${pyString(layer.name)})(${source})`
  );
  if (layer.activationName) {
    const name = `name=${pyString(layer.activationName)}`;
    switch (layer.activation) {
      case 'prelu':
        lines.push(`${layer.name} = layers.PReLU(${name})(${layer.name})`);
        break;
      case 'leaky_relu':
        lines.push(`${layer.name} = layers.LeakyReLU(negative_slope=${pyFloat(LEAKY_RELU_ALPHA)}, ${name})(${layer.name})`);
        break;
      case 'arctan':
        lines.push(`${layer.name} = layers.Activation(tf.math.atan, ${name})(${layer.name})`);
        break;
      case 'step':
        lines.push(`# Binary step: 1 where z >= 0, else 0 (its gradient is 0, so layers before it cannot learn through it).`);
        lines.push(`${layer.name} = layers.Lambda(lambda z: tf.cast(z >= 0, z.dtype), ${name})(${layer.name})`);
        break;
    }
  }
  if (layer.dropoutName) {
    lines.push(`${layer.name} = layers.Dropout(${pyFloat(layer.dropout)}, name=${pyString(layer.dropoutName)})(${layer.name})`);
  }
  return lines;
}

function weightLines(layer: DensePlan): string[] {
  if (layer.layer) return spatialWeightLines(layer);
  const lines = [
    `model.get_layer(${pyString(layer.name)}).set_weights([`,
    `    ${npArray(layer.kernel, layer.fanIn, layer.units, '    ')},`,
    `    ${npArray(layer.bias, 1, layer.units, '    ')},`,
    '])'
  ];
  if (layer.prelu && layer.activationName) {
    lines.push(`model.get_layer(${pyString(layer.activationName)}).set_weights([${npArray(layer.prelu, 1, layer.units, '')}])`);
  }
  return lines;
}

function inputsCode(plan: ExportPlan, columns: string[]): string[] {
  const lines = plan.inputs.map(
    (input) =>
      `${input.name} = keras.Input(shape=${inputShapeTuple(input)}, name=${pyString(input.name)})  # ${summariseFeatures(input, columns)}`
  );
  lines.push('', '', ...makeInputsCode(plan, columns));
  return lines;
}

/**
 * Python (Keras 3 / TensorFlow ≥ 2.16) that rebuilds the drawn network, loads the trained weights,
 * compiles it with the playground's optimizer and loss, and prints its summary.
 * Throws an Error with a sentence for the person when the weights do not match the document.
 */
export function kerasCode(doc: NetworkDoc, layout: ParamLayout, params: Float32Array, options: KerasOptions = {}): string {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const plan = buildPlan(doc, layout, params);
  const columns = options.columns && options.columns.length > 0 ? options.columns : defaultColumns(plan);
  const modelName = options.modelName ?? 'axon';
  const totalParams = plan.layers.reduce((sum, l) => sum + l.kernel.length + l.bias.length + (l.prelu?.length ?? 0), 0);

  const out: string[] = [
    '# A Keras model of the network drawn in Axon, with its trained weights.',
    '# Runs with TensorFlow 2.16 or later (Keras 3):  pip install tensorflow',
    'import numpy as np',
    'import tensorflow as tf',
    'import keras',
    'from keras import layers, regularizers',
    '',
    '# Inputs: one keras.Input per input node; make_inputs() computes the features from the raw columns.'
  ];
  out.push(...inputsCode(plan, columns));
  if (settings.loss === 'half_sse') {
    out.push('', '', 'def half_sse(y_true, y_pred):');
    out.push('    """The course\'s loss: E = 1/2 * sum((y - t)^2) over the outputs of a sample."""');
    out.push('    return 0.5 * tf.reduce_sum(tf.square(y_pred - y_true), axis=-1)');
  }
  out.push('', '', '# Layers, in the order the data flows. Kernels are [inputs, units].');
  for (const layer of plan.layers) out.push(...layerLines(layer, settings));
  const inputList = plan.inputs.length === 1 ? plan.inputs[0].name : `[${plan.inputs.map((i) => i.name).join(', ')}]`;
  out.push('', `model = keras.Model(inputs=${inputList}, outputs=${plan.output.name}, name=${pyString(modelName)})`);
  out.push('', '# The weights trained in the playground. With several parents, kernel rows follow the Concatenate order.');
  for (const layer of plan.layers) out.push(...weightLines(layer));
  const metrics = CLASSIFICATION_LOSSES.has(settings.loss) ? ', metrics=["accuracy"]' : '';
  out.push('', `model.compile(optimizer=${OPTIMIZER_CODE[settings.optimizer](settings)}, loss=${LOSS_CODE[settings.loss](settings)}${metrics})`);
  out.push(`model.summary()  # ${totalParams} parameters, as in the playground`);
  const example = columns.length === 2 ? '[[0.5, -1.0]]' : `np.zeros((1, ${columns.length}))`;
  out.push('', `# Try it:  model.predict(make_inputs(${example}))`);
  return `${out.join('\n')}\n`;
}
