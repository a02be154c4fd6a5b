/** Settings that train most small networks well; tests and the benchmark start from these. */
import type { TrainSettings } from '../protocol';

export const DEFAULT_SETTINGS: Readonly<TrainSettings> = Object.freeze({
  learningRate: 0.03,
  optimizer: 'sgd',
  momentum: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  rho: 0.9,
  epsilon: 1e-7,
  batchSize: 10,
  loss: 'mse',
  huberDelta: 1,
  l1: 0,
  l2: 0,
  initializer: 'glorot',
  seed: 1,
  earlyStoppingPatience: 0,
  maxEpochs: 0
});
