/**
 * Which losses fit which outputs and data, and what to say when a combination cannot learn. Pure: the data
 * switch uses it to pick a loss, the loss control to warn, both in the same words.
 */
import type { Activation, Loss } from '../../../workers/protocol';

export const LOSS_LABELS: Record<Loss, string> = {
  mse: 'Mean squared error',
  half_sse: '½ Σ squared error',
  mae: 'Mean absolute error',
  bce: 'Binary cross-entropy',
  cce: 'Categorical cross-entropy',
  sparse_cce: 'Sparse categorical CE',
  hinge: 'Hinge',
  squared_hinge: 'Squared hinge',
  log_cosh: 'Log-cosh',
  huber: 'Huber'
};

/** Losses that only make sense on class labels. */
export const CLASSIFICATION_LOSSES: readonly Loss[] = ['bce', 'cce', 'sparse_cce', 'hinge', 'squared_hinge'];
export const isClassificationLoss = (loss: Loss): boolean => CLASSIFICATION_LOSSES.includes(loss);

/** Output activations that cannot go below zero (or are unbounded above): they cannot express class scores. */
const RECTIFIED: readonly Activation[] = ['relu', 'leaky_relu', 'prelu', 'elu', 'softplus', 'step'];

export interface OutputShape {
  units: number;
  activation: Activation;
}

/** The output and loss a data set starts from: 2 classes → 1 sigmoid + BCE, k classes → k softmax + CCE, regression → linear + MSE. */
export function fittingOutput(classes: number | null, targets: number): { output: OutputShape; loss: Loss } {
  if (classes === null) return { output: { units: Math.max(1, targets), activation: 'linear' }, loss: 'mse' };
  if (classes <= 2) return { output: { units: 1, activation: 'sigmoid' }, loss: 'bce' };
  return { output: { units: classes, activation: 'softmax' }, loss: 'cce' };
}

/**
 * Why this output and loss cannot learn this data, naming the fix; null when they can.
 * `classes` is the number of classes, or null for a regression target.
 */
export function lossWarning(output: OutputShape, loss: Loss, classes: number | null): string | null {
  const name = LOSS_LABELS[loss];
  if (classes === null) {
    if (isClassificationLoss(loss)) {
      return `${name} needs class labels, but this data has numeric targets: use mean squared error (or Huber, MAE).`;
    }
    if (output.activation === 'sigmoid' || output.activation === 'softmax') {
      return `A ${output.activation} output stays between 0 and 1, so it cannot reach most regression targets: use a linear output.`;
    }
    return null;
  }
  if ((loss === 'cce' || loss === 'sparse_cce') && output.units === 1) {
    return `${name} needs one output unit per class: give the output ${Math.max(2, classes)} units with softmax, or use binary cross-entropy on 1 sigmoid unit.`;
  }
  if ((loss === 'hinge' || loss === 'squared_hinge') && (output.activation === 'sigmoid' || output.activation === 'softmax')) {
    return `${name} wants scores around −1 and +1, but a ${output.activation} output stays between 0 and 1: use a tanh or linear output, or binary cross-entropy.`;
  }
  if (loss === 'bce' && output.activation !== 'sigmoid' && output.activation !== 'softmax') {
    return `Binary cross-entropy needs outputs between 0 and 1, and a ${output.activation} output leaves that range (the loss can go negative): use a sigmoid output.`;
  }
  if (loss === 'cce' && output.activation !== 'softmax') {
    return `Categorical cross-entropy needs probabilities that sum to 1: use a softmax output.`;
  }
  if (RECTIFIED.includes(output.activation)) {
    return `A ${output.activation} output cannot express class scores (it is flat below zero): use ${classes <= 2 ? 'a sigmoid output with binary cross-entropy' : 'a softmax output with categorical cross-entropy'}.`;
  }
  return null;
}

/** What the readout says when a loss value is below zero, which no well-posed loss ever is. */
export function negativeLossWarning(value: number): string | null {
  return value < 0 ? `The loss is ${value.toFixed(3)}, below zero: the loss does not fit the output. Check the warning on the Loss control.` : null;
}
