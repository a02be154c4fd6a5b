/**
 * The Trainer: one compiled network, one data set, one set of settings. It owns the parameter,
 * gradient and optimiser buffers and the training workspace, so train() allocates nothing between
 * epoch ends. Ingest (dataset.ts), evaluation (evaluation.ts), grids and predictions (inference.ts)
 * and traces (trace.ts) live in their own modules; this file is the training loop and its state.
 */
import type { DataTable, Divergence, EpochRecord, FeatureMaps, GridView, SampleTrace, TrainSettings } from '../protocol';
import { backward } from './backward';
import type { Program } from './compile';
import { decisionThreshold, gather, ingest, withLoss, type Dataset } from './dataset';
import { Evaluator } from './evaluation';
import { forward } from './forward';
import { Inference } from './inference';
import { initParams } from './init';
import { memoryMessage } from './memory';
import { batchLoss } from './losses';
import type { RegressionReport } from './metrics';
import { addRegularisation, applyUpdate, OptimizerState } from './optimizers';
import { createRng, streamSeed, type Rng } from './random';
import { validateSettings } from './settings';
import { describeDivergence, EarlyStopping, maxEpochsReason, type Stop } from './stops';
import { traceSample } from './trace';
import { createWorkspace, type Workspace } from './workspace';

export interface TrainProgress {
  steps: number;
  /** one per epoch completed in this call, evaluated at the epoch's end */
  epochs: EpochRecord[];
  diverged: Divergence | null;
  stopReason: string | null;
  /** which rule stopped the run, beside stopReason */
  stopKind?: Stop['kind'] | 'no-data';
  /** the epoch at which early stopping ended this call (absent otherwise) */
  earlyStopEpoch?: number;
}

export class Trainer {
  readonly program: Program;
  /** every parameter, laid out as program.layout */
  readonly params: Float32Array;
  /** the last step's gradients (mean over the batch, regularisation included) */
  readonly grads: Float32Array;
  /** 1 = this parameter never changes */
  readonly frozen: Uint8Array;

  private settings: TrainSettings;
  private data!: Dataset;
  private threshold = 0.5;
  private order!: Int32Array;
  private cursor = 0;
  private ws!: Workspace;
  private readonly evaluator: Evaluator;
  private readonly inference: Inference;
  private readonly traceWs: Workspace;
  private readonly traceGrads: Float32Array;
  private readonly backup: Float32Array;
  private readonly opt: OptimizerState;
  private readonly early = new EarlyStopping();
  private readonly hasDropout: boolean;
  private readonly hasGroupPenalty: boolean;
  private shuffleRng!: Rng;
  private dropoutRng!: Rng;
  private steps = 0;
  private epochs = 0;

  constructor(program: Program, data: DataTable, settings: TrainSettings) {
    validateSettings(settings);
    this.program = program;
    this.settings = { ...settings };
    const count = program.paramCount;
    this.params = new Float32Array(count);
    this.grads = new Float32Array(count);
    this.frozen = new Uint8Array(count);
    this.backup = new Float32Array(count);
    this.traceGrads = new Float32Array(count);
    this.opt = new OptimizerState(count);
    this.hasDropout = program.groups.some((g) => g.dropout > 0 && g.kind === 'hidden');
    this.hasGroupPenalty = program.groups.some((g) => g.l1 > 0 || g.l2 > 0);
    this.evaluator = new Evaluator(program);
    this.inference = new Inference(program, this.evaluator.ws);
    this.traceWs = createWorkspace(program, 1);
    this.adopt(ingest(program, data, this.settings.loss));
    this.reset();
  }

  get stepCount(): number {
    return this.steps;
  }
  get epochCount(): number {
    return this.epochs;
  }
  /** minibatch steps in one pass over the training set */
  get stepsPerEpoch(): number {
    return Math.max(1, Math.ceil(this.data.trainIdx.length / this.ws.capacity));
  }
  /** minibatch steps until the current epoch ends */
  get stepsLeftInEpoch(): number {
    return Math.max(1, Math.ceil((this.order.length - this.cursor) / this.ws.capacity));
  }
  /** a copy of the current settings */
  getSettings(): TrainSettings {
    return { ...this.settings };
  }

  /** Re-initialise every parameter from the seed; same seed → bit-identical parameters. */
  reset(seed?: number): void {
    if (seed !== undefined) {
      if (!Number.isFinite(seed)) throw new Error(`The seed must be a number (got ${seed}).`);
      this.settings.seed = seed;
    }
    const s = this.settings.seed >>> 0;
    initParams(this.program, this.params, this.settings.initializer, createRng(streamSeed(s, 1)));
    this.grads.fill(0);
    this.opt.reset();
    this.shuffleRng = createRng(streamSeed(s, 2));
    this.dropoutRng = createRng(streamSeed(s, 3));
    this.steps = 0;
    this.epochs = 0;
    this.restartEpoch();
    this.early.reset();
  }

  /** Keeps the parameters. Changing the optimizer clears its state; a loss that does not fit the data throws (nothing changes). */
  setSettings(partial: Partial<TrainSettings>): void {
    const next = { ...this.settings, ...partial };
    validateSettings(next);
    checkMemory(this.program, batchCapacity(next.batchSize, this.data.trainIdx.length));
    const data = next.loss !== this.settings.loss ? withLoss(this.program, this.data, next.loss) : this.data;
    const optimizerChanged = next.optimizer !== this.settings.optimizer;
    this.settings = next;
    this.adopt(data);
    if (optimizerChanged) this.opt.reset();
  }

  /** Replaces the data, keeping the parameters; throws (and keeps the old data) on a mismatch. */
  setData(table: DataTable): void {
    this.adopt(ingest(this.program, table, this.settings.loss));
    this.restartEpoch();
  }

  setParam(index: number, value: number): void {
    this.checkIndex(index);
    if (!Number.isFinite(value)) throw new Error(`A parameter must be a finite number (got ${value}).`);
    this.params[index] = value;
  }

  setFrozen(index: number, frozen: boolean): void {
    this.checkIndex(index);
    this.frozen[index] = frozen ? 1 : 0;
  }

  /** Replaces every parameter (and optionally the frozen mask), e.g. when restoring a saved network. */
  setParams(values: ArrayLike<number>, frozen?: ArrayLike<number>): void {
    if (values.length !== this.params.length) {
      throw new Error(`Expected ${this.params.length} parameters for this network, got ${values.length}.`);
    }
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i])) throw new Error(`Parameter ${i} is not a finite number (${values[i]}).`);
    }
    if (frozen && frozen.length !== this.frozen.length) throw new Error(`Expected ${this.frozen.length} frozen flags, got ${frozen.length}.`);
    this.params.set(values);
    if (frozen) for (let i = 0; i < frozen.length; i++) this.frozen[i] = frozen[i] ? 1 : 0;
  }

  /**
   * Sets the step and epoch counters of a restored network (its weights came back from a save), so the
   * counters and the epoch limit go on from where the saved run was; the current epoch starts afresh.
   */
  restoreProgress(step: number, epoch: number): void {
    if (!Number.isInteger(step) || step < 0 || !Number.isInteger(epoch) || epoch < 0) {
      throw new Error(`Progress must be whole numbers from 0 (got step ${step}, epoch ${epoch}).`);
    }
    this.steps = step;
    this.epochs = epoch;
    this.restartEpoch();
  }

  /** Runs up to maxSteps minibatch steps; stops early on divergence, maxEpochs or early stopping. */
  train(maxSteps: number): TrainProgress {
    const epochs: EpochRecord[] = [];
    const trainCount = this.data.trainIdx.length;
    if (trainCount === 0) return { steps: 0, epochs, diverged: null, stopReason: 'There are no training samples.', stopKind: 'no-data' };
    const maxEpochs = this.settings.maxEpochs;
    if (maxEpochs > 0 && this.epochs >= maxEpochs) {
      return { steps: 0, epochs, diverged: null, stopReason: maxEpochsReason(maxEpochs), stopKind: 'max-epochs' };
    }
    const frozen = this.frozen.includes(1) ? this.frozen : null;
    let steps = 0;
    while (steps < maxSteps) {
      const diverged = this.step(frozen);
      if (diverged) return { steps, epochs, diverged, stopReason: null };
      steps++;
      if (this.cursor < trainCount) continue;
      // The end of an epoch: reshuffle, evaluate, and apply the per-epoch stop rules.
      this.epochs++;
      this.cursor = 0;
      this.shuffleRng.shuffle(this.order);
      const record = this.evaluate();
      epochs.push(record);
      const stop = this.stopAfterEpoch(record);
      if (stop) {
        const progress: TrainProgress = { steps, epochs, diverged: null, stopReason: stop.reason, stopKind: stop.kind };
        if (stop.kind === 'early-stopping') progress.earlyStopEpoch = this.epochs;
        return progress;
      }
    }
    return { steps, epochs, diverged: null, stopReason: null };
  }

  /** One minibatch step. Returns a Divergence (parameters left at their last finite values) or null. */
  private step(frozen: Uint8Array | null): Divergence | null {
    const { program, settings: s, ws } = this;
    const n = Math.min(ws.capacity, this.order.length - this.cursor);
    gather(program, this.data, ws, this.order, this.cursor, n);
    forward(program, ws, this.params, n, this.hasDropout ? this.dropoutRng : null);
    const out = program.groups[program.output];
    const loss = batchLoss(s.loss, out.activation, ws.z[out.index], ws.a[out.index], ws.target, n, out.units, s.huberDelta, null);
    if (!Number.isFinite(loss)) return describeDivergence(program, ws, n, this.steps + 1, s.learningRate, -1, loss);
    backward(program, ws, this.params, this.grads, n, s.loss, s.huberDelta);
    if (s.l1 > 0 || s.l2 > 0 || this.hasGroupPenalty) addRegularisation(program, this.params, this.grads, s.l1, s.l2);
    this.backup.set(this.params);
    const bad = applyUpdate(s, this.opt, this.params, this.grads, frozen);
    if (bad >= 0) {
      const value = this.params[bad];
      this.params.set(this.backup);
      return describeDivergence(program, ws, n, this.steps + 1, s.learningRate, bad, value);
    }
    this.steps++;
    this.cursor += n;
    return null;
  }

  private stopAfterEpoch(record: EpochRecord): Stop | null {
    const early = this.early.judge(record, this.settings.earlyStoppingPatience, this.data.testIdx.length > 0);
    if (early) return { reason: early, kind: 'early-stopping' };
    const maxEpochs = this.settings.maxEpochs;
    if (maxEpochs > 0 && this.epochs >= maxEpochs) return { reason: maxEpochsReason(maxEpochs), kind: 'max-epochs' };
    return null;
  }

  // ——— what the network says about the data, outside training ———

  /** Loss (no regularisation term), accuracy (classification) or R² (regression) over the whole train and test sets, dropout off. */
  evaluate(): EpochRecord {
    return this.evaluator.record(this.params, this.data, this.settings, this.threshold, this.epochs);
  }

  /** Regression: MSE, RMSE, MAE and R² of every output on the test set (the train set if there is no test set); null for classification. */
  regression(): RegressionReport | null {
    return this.evaluator.regression(this.params, this.data, this.settings);
  }

  /** classes × classes counts (row = true class) on the test set, or the train set if there is no test set. */
  confusion(): Int32Array | null {
    return this.evaluator.confusion(this.params, this.data, this.settings, this.threshold);
  }

  /** Every unit's output over the grid, unit-major (see Inference.grid). */
  evaluateGrid(grid: GridView, out: Float32Array): void {
    this.inference.grid(this.params, this.data, grid, out);
  }

  /** Output-group activations for raw rows (count × data columns), count × output units. */
  predict(points: Float32Array): Float32Array {
    return this.inference.predict(this.params, this.data.table.columns.length, points);
  }

  /** Forward and backward for one sample (index into the whole table), without any update, dropout or penalty. */
  trace(sampleIndex: number): SampleTrace {
    return traceSample(this.program, this.traceWs, this.params, this.traceGrads, this.data, this.settings, sampleIndex);
  }

  /** One group's activations for every sample of the table (count × units), or null for an unknown id. */
  groupActivations(groupId: string): Float32Array | null {
    return this.inference.groupActivations(this.params, this.data, groupId);
  }

  /** One sample's image-group activations (HWC) and output, for a table sample or one raw row (see Inference.featureMaps). */
  featureMaps(input: Float32Array | { sample: number }): FeatureMaps {
    return this.inference.featureMaps(this.params, this.data, input);
  }

  // ——— internals ———

  private checkIndex(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.params.length) {
      throw new Error(`Parameter index ${index} is outside 0…${this.params.length - 1}.`);
    }
  }

  /** Adopts an ingested data set and sizes the training batch for it and the settings. */
  private adopt(data: Dataset): void {
    const trainCount = data.trainIdx.length;
    const capacity = batchCapacity(this.settings.batchSize, trainCount);
    checkMemory(this.program, capacity);
    this.data = data;
    this.threshold = decisionThreshold(this.program.groups[this.program.output].activation, this.settings.loss);
    if (!this.ws || this.ws.capacity !== capacity) this.ws = createWorkspace(this.program, capacity);
    if (this.cursor >= trainCount) this.cursor = 0;
  }

  private restartEpoch(): void {
    this.order = this.data.trainIdx.slice();
    this.shuffleRng.shuffle(this.order);
    this.cursor = 0;
  }
}

/** Samples per training step: the batch size (0 = the whole training set), at most the training set. */
function batchCapacity(batchSize: number, trainCount: number): number {
  return Math.max(1, batchSize === 0 ? trainCount : Math.min(batchSize, Math.max(1, trainCount)));
}

/** Refuses (throws, saying the memory needed) a batch whose buffers would not fit. */
function checkMemory(program: Program, capacity: number): void {
  const verdict = memoryMessage(program.spec, capacity);
  if (verdict?.level === 'refuse') throw new Error(verdict.message);
}
