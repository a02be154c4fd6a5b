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
import { pyCommentText, pyString } from './python-text';

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

/** The layer classes besides Dense, each defined only when the network uses it. */
const CONV_CLASS = [
  'class Conv2D:',
  '    """A convolution over images (n, height, width, channels): each output pixel is f(window · kernel + b).',
  '    kernel: [k, k, input channels, filters]. padding "same" pads like TensorFlow (the odd pixel at the end)."""',
  '',
  '    def __init__(self, kernel, b, stride, padding, activation):',
  '        self.kernel = kernel',
  '        self.b = b',
  '        self.stride = stride',
  '        self.padding = padding',
  '        self.activation = activation',
  '',
  '    def forward(self, x):',
  '        k, s = self.kernel.shape[0], self.stride',
  '        n, h, w, _ = x.shape',
  '        if self.padding == "same":',
  '            oh, ow = -(-h // s), -(-w // s)',
  '            ph, pw = max((oh - 1) * s + k - h, 0), max((ow - 1) * s + k - w, 0)',
  '            x = np.pad(x, ((0, 0), (ph // 2, ph - ph // 2), (pw // 2, pw - pw // 2), (0, 0)))',
  '        else:',
  '            oh, ow = (h - k) // s + 1, (w - k) // s + 1',
  '        z = np.zeros((n, oh, ow, self.kernel.shape[3]), dtype=x.dtype)',
  '        for i in range(k):',
  '            for j in range(k):',
  '                z += x[:, i : i + s * (oh - 1) + 1 : s, j : j + s * (ow - 1) + 1 : s, :] @ self.kernel[i, j]',
  '        return self.activation(z + self.b)'
];
const POOL_CLASS = [
  'class Pool2D:',
  '    """Max or average of each size × size window, moved by stride (no padding)."""',
  '',
  '    def __init__(self, mode, size, stride):',
  '        self.mode = mode',
  '        self.size = size',
  '        self.stride = stride',
  '',
  '    def forward(self, x):',
  '        p, s = self.size, self.stride',
  '        n, h, w, c = x.shape',
  '        oh, ow = (h - p) // s + 1, (w - p) // s + 1',
  '        windows = [x[:, i : i + s * (oh - 1) + 1 : s, j : j + s * (ow - 1) + 1 : s, :] for i in range(p) for j in range(p)]',
  '        return np.max(windows, axis=0) if self.mode == "max" else np.mean(windows, axis=0)'
];
const FLATTEN_CLASS = [
  'class Flatten:',
  '    """Images (n, height, width, channels) to rows of height · width · channels values, in that order."""',
  '',
  '    def forward(self, x):',
  '        return x.reshape(x.shape[0], -1)'
];

function activationArg(layer: DensePlan, indent: string): string {
  if (layer.activation !== 'prelu') return layer.activation;
  const slopes = npArray(layer.prelu!, 1, layer.prelu!.length, indent);
  // A conv layer has one slope per output pixel and channel.
  return layer.shape ? `prelu(${slopes}.reshape(${layer.shape.height}, ${layer.shape.width}, ${layer.shape.channels}))` : `prelu(${slopes})`;
}

function spatialInit(layer: DensePlan): string[] {
  const spec = layer.layer!;
  const comment = `        # ${pyCommentText(layer.label || layer.name)}`;
  if (spec.type === 'flatten') return [comment, `        self.${layer.name} = Flatten()`];
  if (spec.type === 'pool2d') return [comment, `        self.${layer.name} = Pool2D(${pyString(spec.mode)}, size=${spec.poolSize}, stride=${spec.stride})`];
  const k = spec.kernelSize;
  const inC = layer.inputShape!.channels;
  return [
    `${comment}: ${spec.filters} filters of ${k}×${k}, stride ${spec.stride}, ${spec.padding} padding, ${layer.activation}`,
    `        self.${layer.name} = Conv2D(`,
    `            kernel=${npArray(layer.kernel, k * k * inC, spec.filters, '            ')}.reshape(${k}, ${k}, ${inC}, ${spec.filters}),`,
    `            b=${npArray(layer.bias, 1, spec.filters, '            ')},`,
    `            stride=${spec.stride},`,
    `            padding=${pyString(spec.padding)},`,
    `            activation=${activationArg(layer, '            ')},`,
    '        )'
  ];
}

function layerInit(layer: DensePlan): string[] {
  if (layer.layer) return spatialInit(layer);
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
  // Pool and flatten layers have no activation function to define.
  const used = [...new Set(plan.layers.filter((l) => !l.layer || l.layer.type === 'conv2d').map((l) => l.activation))];
  const inputNames = plan.inputs.map((i) => i.name).join(', ');

  const out: string[] = [
    '# The network drawn in Axon as NumPy code, with its trained weights: the forward pass, layer by layer.',
    '# Needs only NumPy:  pip install numpy',
    'import numpy as np',
    '',
    ''
  ];
  for (const activation of used) out.push(...ACTIVATION_CODE[activation], '', '');
  const kinds = new Set(plan.layers.map((l) => l.layer?.type));
  if (kinds.has('conv2d')) out.push(...CONV_CLASS, '', '');
  if (kinds.has('pool2d')) out.push(...POOL_CLASS, '', '');
  if (kinds.has('flatten')) out.push(...FLATTEN_CLASS, '', '');
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
