/**
 * The registry of what a network may be made of: layer kinds, activations, losses, optimizers and
 * initialisers, by their display-neutral ids, with the names other tools give them. The math of each
 * activation (value, derivative, batched loops) is in activations.ts, keyed by the same ids; display text
 * (labels, explanations) lives in the page (src/lib/views). Adding an activation: one entry here, one in
 * ACTIVATION_INFO and the batched loops, and its label in the views.
 */
import type { Activation, GroupKind, Initializer, Loss, Optimizer } from '../protocol';

/** How other tools name an activation; null where they have no Dense activation string with the same function. */
export interface ActivationNames {
  /** a Keras `Dense(activation=…)` string */
  keras: string | null;
  /** a TF.js `dense({ activation })` string */
  tfjs: string | null;
  /** the ONNX operator that computes it (an empty op for linear) */
  onnx: string;
}

export const ACTIVATION_NAMES: Readonly<Record<Activation, ActivationNames>> = {
  linear: { keras: 'linear', tfjs: 'linear', onnx: 'Identity' },
  step: { keras: null, tfjs: null, onnx: 'Heaviside' },
  sigmoid: { keras: 'sigmoid', tfjs: 'sigmoid', onnx: 'Sigmoid' },
  tanh: { keras: 'tanh', tfjs: 'tanh', onnx: 'Tanh' },
  arctan: { keras: null, tfjs: null, onnx: 'Atan' },
  relu: { keras: 'relu', tfjs: 'relu', onnx: 'Relu' },
  // Keras and TF.js have LeakyReLU / PReLU layers, not activation strings with our slope.
  leaky_relu: { keras: null, tfjs: null, onnx: 'LeakyRelu' },
  prelu: { keras: null, tfjs: null, onnx: 'PRelu' },
  // Our ELU_ALPHA is 1, Keras' and TF.js' default.
  elu: { keras: 'elu', tfjs: 'elu', onnx: 'Elu' },
  softplus: { keras: 'softplus', tfjs: 'softplus', onnx: 'Softplus' },
  softmax: { keras: 'softmax', tfjs: 'softmax', onnx: 'Softmax' }
};

/** Every activation id, in menu order. */
export const ACTIVATIONS = Object.keys(ACTIVATION_NAMES) as Activation[];

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
