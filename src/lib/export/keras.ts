/**
 * Keras export: Python source for the drawn network in the functional API, with the trained weights.
 * It is how a learner outgrows the browser, so it reads like code a person would write.
 */
import type { Loss, Optimizer, ParamLayout, TrainSettings } from '../../../workers/protocol';
import { ACTIVATION_INFO, LEAKY_RELU_ALPHA } from '../../../workers/engine';
import type { NetworkDoc } from '../model/document';
import { DEFAULT_SETTINGS } from '../model/playground';
import { buildPlan, defaultColumns, featureText, type DensePlan, type ExportPlan, type InputPlan } from './plan';
import { scheduleCode, stepsPerEpoch } from './keras-schedule';
import { pyCommentText, pyDocstringText, pyString } from './python-text';

export interface KerasOptions {
  /** the training settings, for model.compile and the regularisers (default: the playground's defaults) */
  settings?: TrainSettings;
  /** raw column names of the data, for make_inputs() and the comments (default x1, x2, …) */
  columns?: string[];
  /** the Keras model name */
  modelName?: string;
  /** training samples, so a learning-rate schedule counted in epochs becomes Keras steps (default: one step per epoch) */
  trainCount?: number;
}

/** Shortest text that reads back as the same float32 (9 significant digits always do). */
export function pyFloat(value: number): string {
  if (Number.isNaN(value)) return 'np.nan';
  if (!Number.isFinite(value)) return value > 0 ? 'np.inf' : '-np.inf';
  const f = Math.fround(value);
  for (let digits = 1; digits <= 9; digits++) {
    const text = f.toPrecision(digits);
    if (Math.fround(Number(text)) === f) return normaliseNumber(Number(text));
  }
  return normaliseNumber(Number(f.toPrecision(9)));
}

function normaliseNumber(n: number): string {
  if (Object.is(n, -0)) return '-0.0';
  const text = String(n);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/** A 1-D or 2-D float32 array literal, one kernel row per line. */
function npArray(values: Float32Array, rows: number, cols: number, indent: string): string {
  if (rows === 0) return `np.array(${pyFloat(values[0])}, dtype="float32")`;
  const row = (r: number) => `[${Array.from(values.subarray(r * cols, (r + 1) * cols), pyFloat).join(', ')}]`;
  if (rows === 1) return `np.array(${row(0)}, dtype="float32")`;
  const lines = Array.from({ length: rows }, (_, r) => `${indent}    ${row(r)},`);
  return `np.array([\n${lines.join('\n')}\n${indent}], dtype="float32")`;
}

/** The optimizer; `lr` is the learning_rate argument (a number, or the name of a schedule). */
const OPTIMIZER_CODE: Record<Optimizer, (s: TrainSettings, lr: string) => string> = {
  sgd: (_s, lr) => `keras.optimizers.SGD(learning_rate=${lr})`,
  momentum: (s, lr) => `keras.optimizers.SGD(learning_rate=${lr}, momentum=${pyFloat(s.momentum)})`,
  nesterov: (s, lr) => `keras.optimizers.SGD(learning_rate=${lr}, momentum=${pyFloat(s.momentum)}, nesterov=True)`,
  rmsprop: (s, lr) => `keras.optimizers.RMSprop(learning_rate=${lr}, rho=${pyFloat(s.rho)}, epsilon=${pyFloat(s.epsilon)})`,
  adam: (s, lr) => `keras.optimizers.Adam(learning_rate=${lr}, beta_1=${pyFloat(s.beta1)}, beta_2=${pyFloat(s.beta2)}, epsilon=${pyFloat(s.epsilon)})`
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


/** The features of an input as comment text: column names come from the data, so the text is flattened to one line. */
function summariseFeatures(input: InputPlan, columns: string[]): string {
  const texts = input.features.map((f) => featureText(f, columns));
  return pyCommentText(texts.length <= 8 ? texts.join(', ') : `${texts.slice(0, 3).join(', ')}, …, ${texts.at(-1)} (${texts.length} features)`);
}

/** numpy code computing one input's features from `raw`; a run of plain columns becomes one slice. */
function featureCode(input: InputPlan): string {
  const f = input.features;
  const consecutive = f.length > 1 && f.every((x, i) => x.op === 'id' && x.a === f[0].a + i);
  if (consecutive) return `raw[:, ${f[0].a}:${f[0].a + f.length}]`;
  const parts = f.map((x) => {
    switch (x.op) {
      case 'id':
        return `raw[:, ${x.a}]`;
      case 'square':
        return `raw[:, ${x.a}] ** 2`;
      case 'sin':
        return `np.sin(raw[:, ${x.a}])`;
      case 'product':
        return `raw[:, ${x.a}] * raw[:, ${x.b ?? x.a}]`;
    }
  });
  return `np.stack([${parts.join(', ')}], axis=1)`;
}

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
  lines.push(
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
      `${input.name} = keras.Input(shape=(${input.units},), name=${pyString(input.name)})  # ${summariseFeatures(input, columns)}`
  );
  const shown = columns.length <= 8 ? columns.join(', ') : `${columns.slice(0, 3).join(', ')}, …, ${columns.at(-1)}`;
  lines.push('', '', 'def make_inputs(raw):');
  lines.push(`    """raw: an array of shape (n, ${columns.length}) with the columns ${pyDocstringText(shown, 400)}. Returns what model.predict takes."""`);
  lines.push('    raw = np.asarray(raw, dtype="float32")');
  if (plan.inputs.length === 1) {
    lines.push(`    return ${featureCode(plan.inputs[0])}.astype("float32")`);
  } else {
    lines.push('    return [');
    for (const input of plan.inputs) lines.push(`        ${featureCode(input)}.astype("float32"),  # ${input.name}`);
    lines.push('    ]');
  }
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
  const totalParams = plan.layers.reduce((sum, l) => sum + l.fanIn * l.units + l.units + (l.prelu ? l.units : 0), 0);

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
  const schedule = scheduleCode(settings.learningRate, settings.schedule, stepsPerEpoch(options.trainCount ?? 0, settings.batchSize));
  if (schedule) out.push('', ...schedule.lines);
  const lr = schedule ? schedule.argument : pyFloat(settings.learningRate);
  out.push('', `model.compile(optimizer=${OPTIMIZER_CODE[settings.optimizer](settings, lr)}, loss=${LOSS_CODE[settings.loss](settings)}${metrics})`);
  out.push(`model.summary()  # ${totalParams} parameters, as in the playground`);
  const example = columns.length === 2 ? '[[0.5, -1.0]]' : `np.zeros((1, ${columns.length}))`;
  out.push('', `# Try it:  model.predict(make_inputs(${example}))`);
  return `${out.join('\n')}\n`;
}
