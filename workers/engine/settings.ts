/**
 * Training settings: the defaults of a new playground and the checks every setting must pass.
 * One source of truth for the page (new playgrounds, links that lack a field) and the engine's tests.
 */
import type { TrainSettings } from '../protocol';
import { INITIALIZERS, LOSSES, OPTIMIZERS } from './registry';
import { scheduleProblems } from './schedule';

/**
 * The settings of a new playground: the default network has a sigmoid output, so binary cross-entropy,
 * SGD at the reference tool's 0.03, minibatches of 10.
 */
export const DEFAULT_SETTINGS: Readonly<TrainSettings> = Object.freeze({
  learningRate: 0.03,
  optimizer: 'sgd',
  momentum: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  rho: 0.9,
  epsilon: 1e-7,
  batchSize: 10,
  loss: 'bce',
  huberDelta: 1,
  l1: 0,
  l2: 0,
  initializer: 'glorot',
  seed: 1,
  earlyStoppingPatience: 0,
  maxEpochs: 0
});

/** Throws one Error naming every setting that is out of range or unknown. */
export function validateSettings(s: TrainSettings): void {
  const problems: string[] = [];
  const finite = (key: keyof TrainSettings, lo: number, hi = Infinity, loOpen = false): void => {
    const v = s[key] as number;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi || (loOpen && v === lo)) {
      problems.push(`${key} is ${v}; it must be a number ${loOpen ? '>' : '≥'} ${lo}${hi < Infinity ? ` and ≤ ${hi}` : ''}`);
    }
  };
  finite('learningRate', 0);
  finite('momentum', 0, 1);
  finite('beta1', 0, 1);
  finite('beta2', 0, 1);
  finite('rho', 0, 1);
  finite('epsilon', 0, Infinity, true);
  finite('huberDelta', 0, Infinity, true);
  finite('l1', 0);
  finite('l2', 0);
  finite('batchSize', 0);
  finite('earlyStoppingPatience', 0);
  finite('maxEpochs', 0);
  if (!Number.isInteger(s.batchSize)) problems.push(`batchSize is ${s.batchSize}; it must be a whole number`);
  if (!(LOSSES as readonly string[]).includes(s.loss)) problems.push(`unknown loss "${s.loss}"`);
  if (!(OPTIMIZERS as readonly string[]).includes(s.optimizer)) problems.push(`unknown optimizer "${s.optimizer}"`);
  if (!(INITIALIZERS as readonly string[]).includes(s.initializer)) problems.push(`unknown initializer "${s.initializer}"`);
  if (!Number.isFinite(s.seed)) problems.push(`seed is ${s.seed}; it must be a number`);
  problems.push(...scheduleProblems(s.schedule, s.learningRate));
  if (problems.length) throw new Error(`Invalid training settings: ${problems.join('; ')}.`);
}
