/**
 * What the learn panels say about each activation: its name and formula. Display text lives here, in the
 * views; the math (value, derivative) and the names other tools use are in the engine's registry.
 */
import { ELU_ALPHA, LEAKY_RELU_ALPHA, PRELU_INIT } from '../../../../workers/engine';
import type { Activation } from '../../../../workers/protocol';

export interface ActivationText {
  name: string;
  formula: string;
}

export const ACTIVATION_TEXT: Readonly<Record<Activation, ActivationText>> = {
  linear: { name: 'Linear (identity)', formula: 'f(x) = x' },
  step: { name: 'Binary step', formula: 'f(x) = 1 if x ≥ 0, else 0 (derivative 0: gradients cannot pass)' },
  sigmoid: { name: 'Sigmoid (logistic)', formula: 'σ(x) = 1 / (1 + e^(−x)),  σ′(x) = σ(x)(1 − σ(x))' },
  tanh: { name: 'Tanh', formula: 'tanh(x) = (e^x − e^(−x)) / (e^x + e^(−x)),  tanh′(x) = 1 − tanh²(x)' },
  arctan: { name: 'Arctan', formula: 'f(x) = arctan(x),  f′(x) = 1 / (1 + x²)' },
  relu: { name: 'ReLU', formula: 'f(x) = max(0, x),  f′(x) = 1 if x > 0, else 0' },
  leaky_relu: { name: 'Leaky ReLU', formula: `f(x) = x if x > 0, else ${LEAKY_RELU_ALPHA}·x` },
  prelu: { name: 'PReLU (learnable slope)', formula: `f(x) = x if x > 0, else a·x  (a is learned per unit, starts at ${PRELU_INIT})` },
  elu: { name: 'ELU', formula: `f(x) = x if x > 0, else ${ELU_ALPHA}·(e^x − 1)` },
  softplus: { name: 'Softplus', formula: 'f(x) = ln(1 + e^x),  f′(x) = σ(x)' },
  softmax: { name: 'Softmax', formula: 'softmax(z)ᵢ = e^(zᵢ) / Σⱼ e^(zⱼ). Plotted: the first output for logits (x, 0), which equals σ(x)' }
};
