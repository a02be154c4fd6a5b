/** The typed API the worker exposes (comlink) and the snapshots it pushes. Types only. */
import type { DataTable, GridView } from './data';
import type { TrainSettings } from './settings';
import type { ImageShape, NetworkSpec, ParamLayout } from './spec';

/** One epoch's figures, as plotted in the curves. */
export interface EpochRecord {
  epoch: number;
  trainLoss: number;
  testLoss: number;
  /** classification only, else NaN */
  trainAccuracy: number;
  testAccuracy: number;
  /** regression only (coefficient of determination over every output value), else NaN; absent in older records */
  trainR2?: number;
  testR2?: number;
}

export interface Divergence {
  step: number;
  /** id of the first group whose values went non-finite ('loss' when only the loss did) */
  group: string;
  message: string;
}

/** Why a run stopped on its own (divergence is reported apart, in Snapshot.diverged). */
export type StopKind = 'unstable' | 'early-stopping' | 'max-epochs' | 'no-data';

/** What one press of Step advances: one minibatch, or to the end of the current epoch. */
export type StepUnit = 'batch' | 'epoch';

export interface Snapshot {
  /** increases by one per snapshot; the page acknowledges it with ack(seq) */
  seq: number;
  /**
   * which run these figures belong to: it changes whenever the weights are re-initialised (reset, re-seed,
   * a new network, play after a divergence), and the page then starts its curves afresh
   */
  run: number;
  /** optimisation steps (minibatches) since the last reset */
  step: number;
  /** completed epochs since the last reset (fractional progress is step-based) */
  epoch: number;
  running: boolean;
  /** every parameter, laid out as in ParamLayout */
  params: Float32Array;
  /** 1 where a parameter is frozen */
  frozen: Uint8Array;
  /** every unit's output over the grid: unitCount × size × size, unit-major, in GridView order */
  unitGrids: Float32Array;
  grid: GridView;
  /** epochs completed since the previous snapshot */
  epochs: EpochRecord[];
  /** loss/accuracy over the whole train and test sets at the time of the snapshot */
  current: EpochRecord;
  /** classification: classCount × classCount counts on the test set (train when there is no test set), row = true class */
  confusion: Int32Array | null;
  /** steps per second over the last second */
  stepsPerSecond: number;
  /** the learning rate the next step uses (the schedule's current rate); absent from older workers */
  learningRate?: number;
  /** set when training stopped because a value went non-finite */
  diverged: Divergence | null;
  /** set when training stopped on its own (max epochs, early stopping, instability), in words */
  stopReason: string | null;
  /** which rule set stopReason */
  stopKind: StopKind | null;
  /** regression: MSE, RMSE, MAE and R² on the test set (train when there is no test set); null for classification */
  regression?: { mse: number; rmse: number; mae: number; r2: number } | null;
  /** the epoch at which early stopping ended training, while stopReason reports it; null otherwise */
  earlyStopEpoch?: number | null;
}

export type LoadResult =
  | { ok: true; layout: ParamLayout }
  | { ok: false; error: string };

/** Identifies one parameter. */
export type ParamRef =
  | { kind: 'weight'; from: string; to: string; i: number; j: number }
  | { kind: 'bias'; group: string; j: number }
  | { kind: 'prelu'; group: string; j: number };

/** Values of one sample through the network, for the backprop step-through. */
export interface SampleTrace {
  /** per unit (unitCount): pre-activation z, activation a, dL/dz, dL/da */
  z: Float32Array;
  a: Float32Array;
  dz: Float32Array;
  da: Float32Array;
  /** dL/dparam for this one sample, laid out like params */
  grads: Float32Array;
  loss: number;
}

/** One sample through a conv net: what every image group (input, conv, pool) made of it, and the output. */
export interface FeatureMaps {
  /** image groups in topological order; values are height × width × channels, HWC */
  groups: { id: string; shape: ImageShape; values: Float32Array }[];
  /** the output group's activations (class probabilities for a softmax output) */
  output: Float32Array;
}

/** One training session's calls: the worker's main session, or run B of a comparison (on its own port). */
export interface SessionApi {
  /** The data every following load() trains on: sent once per data change (transfer it when the page keeps no copy). */
  setData(data: DataTable): Promise<void>;
  /**
   * Compile and initialise (seeded) on the data of the last setData. Keeps the previous program if the spec is refused.
   * With keepWeights, every weight and bias that still exists after an edit keeps its trained value.
   */
  load(spec: NetworkSpec, settings: TrainSettings, grid: GridView, options?: { keepWeights?: boolean }): Promise<LoadResult>;
  /** Changing the seed or the initializer re-initialises the weights (a new run); a refused setting throws and changes nothing. */
  setSettings(settings: Partial<TrainSettings>): Promise<void>;
  setGrid(grid: GridView): Promise<void>;
  /** The callback receives snapshots; the page must call ack(seq) before another is sent. */
  subscribe(onSnapshot: (snapshot: Snapshot) => void): Promise<void>;
  ack(seq: number): Promise<void>;
  play(): Promise<void>;
  /** Limit training to about this many epochs per second so a person can watch it learn; 0 = as fast as it can. */
  setPace(epochsPerSecond: number): Promise<void>;
  pause(): Promise<void>;
  /** Run n batches, or to the end of n epochs, now (and pause), then push a snapshot. */
  step(n: number, unit?: StepUnit): Promise<void>;
  /** Re-initialise weights and optimiser state; same seed gives the same weights. */
  reset(seed?: number): Promise<void>;
  setParam(ref: ParamRef, value: number | null, frozen?: boolean): Promise<void>;
  /** Replace all parameters (restoring a saved network); length must equal layout.paramCount. */
  setParams(params: Float32Array, frozen?: Uint8Array): Promise<void>;
  /**
   * After setParams with saved weights: continue the saved run's step and epoch counters. Returns the
   * current run number (unchanged), whose snapshots continue the saved curve.
   */
  restoreProgress(progress: { step: number; epoch: number }): Promise<number>;
  /** Network outputs for raw points (count × columns), row-major output units. */
  evaluate(points: Float32Array): Promise<Float32Array>;
  /** Forward and backward for one training sample, without updating. */
  trace(sampleIndex: number): Promise<SampleTrace>;
  /** Each unit's activation for every sample of the table (count × units of that group), for the hidden-space view. */
  groupActivations(groupId: string): Promise<Float32Array | null>;
  /**
   * One sample's feature maps: a sample of the table, or one raw row of the table's columns (the
   * draw-your-digit pad: raw values, i.e. byte × pixelScale for image data). Throws for a bad input.
   */
  featureMaps(input: Float32Array | { sample: number }): Promise<FeatureMaps>;
}

export interface TrainerApi extends SessionApi {
  /** For the crash-recovery test: throws an uncaught error inside the worker. */
  crash(): Promise<void>;
  /** Which kernels train: WebAssembly SIMD, or the JavaScript fallback when the browser lacks SIMD or refuses the module. */
  kernelPath(): Promise<'wasm-simd' | 'js'>;
  /**
   * Opens run B of a comparison: a second session in this worker that trains in lockstep with the main one
   * (it follows the main session's epochs while both play). Its SessionApi is served on the returned port;
   * opening again replaces the previous run B.
   */
  openCompare(): Promise<MessagePort>;
  /** Ends run B (its port stops answering). */
  closeCompare(): Promise<void>;
  /**
   * A person is using the page: while training flat out, rest after each slice for a while so the frame
   * that answers their input gets the CPU (see restForInput in the engine). Call it again while input lasts.
   * `discrete` (a press, a release, a key): also rest DISCRETE_INPUT_REST_MS from now, whatever the slices.
   */
  yieldToInput(discrete?: boolean): Promise<void>;
}
