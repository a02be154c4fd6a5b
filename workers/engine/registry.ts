/**
 * The registry of what a network may be made of: layer kinds, activations, losses, optimizers and
 * initialisers, by their display-neutral ids; for each activation its scalar math and the names other
 * tools give it. The batched loops are in activations.ts; display text (names, formulas) lives in the
 * page (src/lib/views/learn/activation-text.ts). Adding an activation: its id in protocol/spec.ts, an
 * entry here, its case in the batched loops, and its text in the views.
 */
import type { Activation, GroupKind, Initializer, Loss, Optimizer } from '../protocol';
import { ELU_ALPHA, LEAKY_RELU_ALPHA, PRELU_INIT, sigmoid, softplus } from './activations';

/** One activation: its scalar value and derivative, and how other tools name it. */
export interface ActivationInfo {
  /** alpha: the PReLU slope (default PRELU_INIT); ignored by the others */
  f(x: number, alpha?: number): number;
  df(x: number, alpha?: number): number;
  /** a Keras `Dense(activation=…)` string; null where Keras has no string with the same function */
  keras: string | null;
  /** a TF.js `dense({ activation })` string; null likewise */
  tfjs: string | null;
  /** the ONNX operator that computes it */
  onnx: string;
}

const sigmoidDerivative = (x: number): number => {
  const s = sigmoid(x);
  return s * (1 - s);
};

/** Every activation, in menu order. Keras and TF.js have LeakyReLU / PReLU layers, not strings with our slopes. */
export const ACTIVATION_INFO: Readonly<Record<Activation, ActivationInfo>> = {
  linear: { f: (x) => x, df: () => 1, keras: 'linear', tfjs: 'linear', onnx: 'Identity' },
  step: { f: (x) => (x >= 0 ? 1 : 0), df: () => 0, keras: null, tfjs: null, onnx: 'Heaviside' },
  sigmoid: { f: sigmoid, df: sigmoidDerivative, keras: 'sigmoid', tfjs: 'sigmoid', onnx: 'Sigmoid' },
  tanh: {
    f: Math.tanh,
    df: (x) => {
      const t = Math.tanh(x);
      return 1 - t * t;
    },
    keras: 'tanh',
    tfjs: 'tanh',
    onnx: 'Tanh'
  },
  arctan: { f: Math.atan, df: (x) => 1 / (1 + x * x), keras: null, tfjs: null, onnx: 'Atan' },
  relu: { f: (x) => (x > 0 ? x : 0), df: (x) => (x > 0 ? 1 : 0), keras: 'relu', tfjs: 'relu', onnx: 'Relu' },
  leaky_relu: {
    f: (x) => (x > 0 ? x : LEAKY_RELU_ALPHA * x),
    df: (x) => (x > 0 ? 1 : LEAKY_RELU_ALPHA),
    keras: null,
    tfjs: null,
    onnx: 'LeakyRelu'
  },
  prelu: {
    f: (x, alpha = PRELU_INIT) => (x > 0 ? x : alpha * x),
    df: (x, alpha = PRELU_INIT) => (x > 0 ? 1 : alpha),
    keras: null,
    tfjs: null,
    onnx: 'PRelu'
  },
  // Our ELU_ALPHA is 1, Keras' and TF.js' default.
  elu: {
    f: (x) => (x > 0 ? x : ELU_ALPHA * Math.expm1(x)),
    df: (x) => (x > 0 ? 1 : ELU_ALPHA * Math.exp(x)),
    keras: 'elu',
    tfjs: 'elu',
    onnx: 'Elu'
  },
  softplus: { f: softplus, df: sigmoid, keras: 'softplus', tfjs: 'softplus', onnx: 'Softplus' },
  // Scalar view of softmax: the first output for logits (x, 0), which equals σ(x).
  softmax: { f: sigmoid, df: sigmoidDerivative, keras: 'softmax', tfjs: 'softmax', onnx: 'Softmax' }
};

/** Every activation id, in menu order. */
export const ACTIVATIONS = Object.keys(ACTIVATION_INFO) as Activation[];

/** Layer kinds a group can be: inputs read features, hidden and output groups are dense. */
export const LAYER_KINDS: readonly GroupKind[] = ['input', 'hidden', 'output'];

const LOSS_IDS: Record<Loss, true> = {
  mse: true,
  half_sse: true,
  mae: true,
  bce: true,
  cce: true,
  sparse_cce: true,
  hinge: true,
  squared_hinge: true,
  log_cosh: true,
  huber: true
};
export const LOSSES = Object.keys(LOSS_IDS) as Loss[];

const OPTIMIZER_IDS: Record<Optimizer, true> = { sgd: true, momentum: true, nesterov: true, rmsprop: true, adam: true };
export const OPTIMIZERS = Object.keys(OPTIMIZER_IDS) as Optimizer[];

const INITIALIZER_IDS: Record<Initializer, true> = { glorot: true, he: true, zeros: true, uniform: true };
export const INITIALIZERS = Object.keys(INITIALIZER_IDS) as Initializer[];
