/**
 * A model's training configuration (TF.js trainingConfig, Keras compile_config / training_config) as
 * Axon settings: the loss, the optimizer and its hyperparameters. What has no Axon equivalent is kept as
 * the playground had it, and said so in a note.
 */
import type { Loss, TrainSettings } from '../../../workers/protocol';
import { isRecord, shown } from './errors';

export interface TrainingImport {
  settings: Partial<TrainSettings>;
  notes: string[];
}

const LOSSES: Record<string, Loss> = {
  meansquarederror: 'mse',
  mse: 'mse',
  meanabsoluteerror: 'mae',
  mae: 'mae',
  binarycrossentropy: 'bce',
  categoricalcrossentropy: 'cce',
  sparsecategoricalcrossentropy: 'sparse_cce',
  hinge: 'hinge',
  squaredhinge: 'squared_hinge',
  logcosh: 'log_cosh',
  huber: 'huber',
  huberloss: 'huber'
};

/** 'categorical_crossentropy', 'categoricalCrossentropy' and 'CategoricalCrossentropy' are one name. */
const squash = (name: string) => name.replace(/[_\s-]/g, '').toLowerCase();

function num(config: Record<string, unknown>, ...keys: string[]): number | undefined {
  for (const key of keys) {
    const v = config[key];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return undefined;
}

function readLoss(raw: unknown, out: TrainingImport): void {
  let value = raw;
  if (Array.isArray(value) && value.length === 1) value = value[0];
  const config = isRecord(value) && isRecord(value.config) ? value.config : {};
  const name = typeof value === 'string' ? value : isRecord(value) && typeof value.class_name === 'string' ? value.class_name : null;
  if (name === null) {
    if (value !== undefined && value !== null) out.notes.push(`The model's loss ${shown(value)} is not one Axon reads; the current loss is kept.`);
    return;
  }
  const loss = LOSSES[squash(name)];
  if (!loss || config.from_logits === true) {
    out.notes.push(`The model's loss '${shown(name)}'${config.from_logits === true ? ' (from logits)' : ''} has no Axon equivalent; the current loss is kept.`);
    return;
  }
  out.settings.loss = loss;
  const delta = num(config, 'delta');
  if (loss === 'huber' && delta !== undefined && delta > 0) out.settings.huberDelta = delta;
}

function readOptimizer(raw: unknown, out: TrainingImport): void {
  const full = typeof raw === 'string' ? raw : isRecord(raw) && typeof raw.class_name === 'string' ? raw.class_name : null;
  if (full === null) return;
  // Keras 2.11+ saves its new optimizers as 'Custom>Adam' in legacy .h5 files.
  const name = full.replace(/^Custom>/, '');
  const c = isRecord(raw) && isRecord(raw.config) ? raw.config : {};
  const s = out.settings;
  const rate = num(c, 'learning_rate', 'learningRate', 'lr');
  if (rate !== undefined && rate > 0) s.learningRate = rate;
  const epsilon = num(c, 'epsilon');
  switch (squash(name)) {
    case 'sgd':
    case 'momentum': {
      const momentum = num(c, 'momentum') ?? 0;
      const nesterov = c.nesterov === true || c.useNesterov === true;
      s.optimizer = momentum > 0 ? (nesterov ? 'nesterov' : 'momentum') : 'sgd';
      if (momentum > 0) s.momentum = momentum;
      return;
    }
    case 'adam':
      s.optimizer = 'adam';
      s.beta1 = num(c, 'beta_1', 'beta1') ?? 0.9;
      s.beta2 = num(c, 'beta_2', 'beta2') ?? 0.999;
      if (epsilon !== undefined && epsilon > 0) s.epsilon = epsilon;
      return;
    case 'rmsprop':
      s.optimizer = 'rmsprop';
      s.rho = num(c, 'rho', 'decay') ?? 0.9;
      if (epsilon !== undefined && epsilon > 0) s.epsilon = epsilon;
      if ((num(c, 'momentum') ?? 0) > 0 || c.centered === true) out.notes.push(`The model's RMSprop uses momentum or centering, which Axon's RMSprop does not.`);
      return;
    default:
      delete s.learningRate;
      out.notes.push(`The model's optimizer '${shown(name)}' has no Axon equivalent; the current optimizer is kept.`);
  }
}

/**
 * `config`: { loss, optimizer_config } (TF.js, legacy Keras) or { loss, optimizer } (Keras 3 compile_config).
 * Null or absent: no settings, no notes.
 */
export function readTrainingConfig(config: unknown): TrainingImport {
  const out: TrainingImport = { settings: {}, notes: [] };
  if (!isRecord(config)) return out;
  readLoss(config.loss, out);
  readOptimizer(config.optimizer_config ?? config.optimizer, out);
  return out;
}
