import type { Initializer, Loss, Optimizer } from './spec';

export interface TrainSettings {
  learningRate: number;
  optimizer: Optimizer;
  /** momentum / nesterov */
  momentum: number;
  /** adam */
  beta1: number;
  beta2: number;
  /** rmsprop decay */
  rho: number;
  epsilon: number;
  /** samples per step; 0 means full batch; 1 is stochastic */
  batchSize: number;
  loss: Loss;
  /** huber delta */
  huberDelta: number;
  /** network-wide weight penalties (biases are not penalised) */
  l1: number;
  l2: number;
  initializer: Initializer;
  seed: number;
  /** stop when test loss has not improved for this many epochs; 0 = off */
  earlyStoppingPatience: number;
  /** stop after this many epochs; 0 = never */
  maxEpochs: number;
}
