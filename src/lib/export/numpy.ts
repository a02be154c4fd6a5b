/**
 * NumPy export: the forward pass of the drawn network in plain Python + NumPy, in the style of the course's
 * `Dense` class (one object per layer, `forward(x)` computing a = f(x · W + b)), with the trained weights
 * inlined. Nothing to install but NumPy; numpy.test.ts runs it and compares its outputs with our engine's.
 */
import type { Activation, ParamLayout } from '../../../workers/protocol';
import { LEAKY_RELU_ALPHA } from '../../../workers/engine';
import type { NetworkDoc } from '../model/document';
import { buildPlan, defaultColumns, type DensePlan } from './plan';
import { makeInputsCode, npArray, pyFloat, summariseFeatures } from './python-code';
import { pyCommentText } from './python-text';

export interface NumpyOptions {
  /** raw column names of the data, for make_inputs() and the comments (default x1, x2, …) */
  columns?: string[];
}

/** Each activation as a Python function of z (prelu builds one from its per-unit slopes). */
const ACTIVATION_CODE: Record<Activation, string[]> = {
  linear: ['def linear(z):', '    return z'],
  step: ['def step(z):', '    return (z >= 0).astype(z.dtype)'],
  sigmoid: ['def sigmoid(z):', '    return 1 / (1 + np.exp(-z))'],
  tanh: ['def tanh(z):', '    return np.tanh(z)'],
  arctan: ['def arctan(z):', '    return np.arctan(z)'],
  relu: ['def relu(z):', '    return np.maximum(z, 0)'],
  leaky_relu: ['def leaky_relu(z):', `    return np.where(z >= 0, z, ${pyFloat(LEAKY_RELU_ALPHA)} * z)`],
  prelu: ['def prelu(alpha):', '    """PReLU with one learned slope per unit: z where z >= 0, else alpha * z."""', '    return lambda z: np.where(z >= 0, z, alpha * z)'],
  elu: ['def elu(z):', '    return np.where(z > 0, z, np.expm1(np.minimum(z, 0)))'],
  softplus: ['def softplus(z):', '    return np.logaddexp(0, z)'],
  softmax: [
    'def softmax(z):',
    '    e = np.exp(z - z.max(axis=1, keepdims=True))',
    '    return e / e.sum(axis=1, keepdims=True)'
  ]
};

function activationArg(layer: DensePlan, indent: string): string {
  if (layer.activation === 'prelu') return `prelu(${npArray(layer.prelu!, 1, layer.units, indent)})`;
  return layer.activation;
}

function layerInit(layer: DensePlan): string[] {
  const dropout = layer.dropout > 0 && !layer.isOutput ? `; dropout ${pyFloat(layer.dropout)} in training, none here` : '';
  return [
    `        # ${pyCommentText(layer.label || layer.name)}: ${layer.units} unit${layer.units === 1 ? '' : 's'}, ${layer.activation}${dropout}`,
    `        self.${layer.name} = Dense(`,
    `            W=${npArray(layer.kernel, layer.fanIn, layer.units, '            ')},`,
    `            b=${npArray(layer.bias, 1, layer.units, '            ')},`,
    `            activation=${activationArg(layer, '            ')},`,
    '        )'
  ];
}

function forwardLine(layer: DensePlan): string {
  const source = layer.parents.length === 1 ? layer.parents[0] : `np.concatenate([${layer.parents.join(', ')}], axis=1)`;
  return `        ${layer.name} = self.${layer.name}.forward(${source})`;
}

/**
 * Python + NumPy that computes what the drawn network computes, with the trained weights.
 * Throws an Error with a sentence for the person when the weights do not match the document.
 */
export function numpyCode(doc: NetworkDoc, layout: ParamLayout, params: Float32Array, options: NumpyOptions = {}): string {
  const plan = buildPlan(doc, layout, params);
  const columns = options.columns && options.columns.length > 0 ? options.columns : defaultColumns(plan);
  const used = [...new Set(plan.layers.map((l) => l.activation))];
  const inputNames = plan.inputs.map((i) => i.name).join(', ');

  const out: string[] = [
    '# The network drawn in Axon as NumPy code, with its trained weights: the forward pass, layer by layer.',
    '# Needs only NumPy:  pip install numpy',
    'import numpy as np',
    '',
    ''
  ];
  for (const activation of used) out.push(...ACTIVATION_CODE[activation], '', '');
  out.push(
    'class Dense:',
    '    """A fully connected layer: a = f(x · W + b), with W of shape [inputs, units] and x one sample per row."""',
    '',
    '    def __init__(self, W, b, activation):',
    '        self.W = W',
    '        self.b = b',
    '        self.activation = activation',
    '',
    '    def forward(self, x):',
    '        return self.activation(x @ self.W + self.b)',
    '',
    '',
    'class Model:',
    '    """The layers with their trained weights. A node with several parents is one Dense on their concatenation."""',
    '',
    '    def __init__(self):'
  );
  for (const layer of plan.layers) out.push(...layerInit(layer));
  out.push('', `    def forward(self, ${inputNames}):`);
  for (const input of plan.inputs) out.push(`        # ${input.name}: ${summariseFeatures(input, columns)}`);
  for (const layer of plan.layers) out.push(forwardLine(layer));
  out.push(`        return ${plan.output.name}`, '', '');
  out.push(...makeInputsCode(plan, columns, 'the arguments of Model.forward'), '', '');
  const call = plan.inputs.length === 1 ? 'model.forward(make_inputs(raw))' : 'model.forward(*make_inputs(raw))';
  out.push('model = Model()', '', '', 'def predict(raw):', '    """Raw data columns in, the network\'s outputs out (one row per sample)."""', `    return ${call}`);
  const example = columns.length === 2 ? '[[0.5, -1.0]]' : `np.zeros((1, ${columns.length}))`;
  out.push('', '', 'if __name__ == "__main__":', `    print(predict(${example}))`);
  return `${out.join('\n')}\n`;
}
