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
  /** how the learning rate changes over the run; absent = constant (older links and files) */
  schedule?: LrSchedule;
}

export type LrScheduleKind = LrSchedule['kind'];

/**
 * A learning-rate schedule, counted in epochs (fractional within an epoch, so the rate moves every step).
 * `learningRate` is always the starting (or, for cyclical, the lowest) rate.
 */
export type LrSchedule =
  | { kind: 'constant' }
  /** rate × factor^⌊epoch / every⌋ (Keras ExponentialDecay with staircase, or PiecewiseConstant) */
  | { kind: 'step'; every: number; factor: number }
  /** rate × factor^(epoch / every) (Keras ExponentialDecay) */
  | { kind: 'exponential'; every: number; factor: number }
  /** half a cosine from rate down to rate × alpha over `epochs`, then rate × alpha (Keras CosineDecay) */
  | { kind: 'cosine'; epochs: number; alpha: number }
  /** triangular cycles between rate and maxRate, `halfCycle` epochs up then as many down (Smith's CLR) */
  | { kind: 'cyclical'; halfCycle: number; maxRate: number };
