/**
 * The training session: the rules of a run in one place, with no timers and no messaging. The worker
 * calls tick() in a loop; each tick trains one slice (paced), applies every stop rule (divergence, the
 * epoch limit and early stopping inside the Trainer; instability here), and hands back at most one
 * snapshot — at most ~60 a second and only once the page acknowledged the previous one (back-pressure).
 */
import type {
  DataTable,
  Divergence,
  EpochRecord,
  FeatureMaps,
  GridView,
  LoadResult,
  NetworkSpec,
  ParamLayout,
  ParamRef,
  SampleTrace,
  Snapshot,
  StepUnit,
  StopKind,
  TrainSettings
} from '../protocol';
import { carryParams } from './carry-params';
import { compile, SpecError } from './compile';
import { Pacer } from './pacer';
import { paramIndex } from './param-ref';
import { SnapshotMaker } from './session-snapshot';
import { instability, INSTABILITY_WINDOW } from './stops';
import { Trainer, type TrainProgress } from './trainer';

/** What the worker should do after a tick. */
export interface Tick {
  /** send this to the page (its buffers may be transferred) */
  snapshot: Snapshot | null;
  /** ms until the next tick (0: yield to messages, then go on); null: wait for the next call */
  wait: number | null;
}

/** Settings that only take effect through a re-initialisation of the weights. */
const REINIT_KEYS: readonly (keyof TrainSettings)[] = ['initializer', 'seed'];

export class TrainingSession {
  private table: DataTable | null = null;
  private trainer: Trainer | null = null;
  private layout: ParamLayout | null = null;
  private running = false;
  private run = 0;
  private readonly pacer = new Pacer();
  private readonly snapshots: SnapshotMaker;
  private diverged: Divergence | null = null;
  private stopReason: string | null = null;
  private stopKind: StopKind | null = null;
  private earlyStopEpoch: number | null = null;
  /** train loss of the network as play found it at step 0: the yardstick of the instability check */
  private initialLoss = NaN;
  /** the last epochs since play was pressed (the instability window) */
  private sincePlay: EpochRecord[] = [];
  /** run B of a comparison: trains only through follow(), in lockstep with the leader, never on its own pace */
  private follower = false;
  /** the leader of a comparison waits while its follower catches up (hold) */
  private held = false;

  constructor(private readonly clock: () => number = () => performance.now()) {
    this.snapshots = new SnapshotMaker(clock);
  }

  /** Epochs trained (fractional within an epoch): how far a comparison's leader is. */
  get position(): number {
    return this.trainer?.position ?? 0;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Lockstep the other way: a held session does not train (its follower is still catching up). */
  hold(on: boolean): void {
    this.held = on;
  }

  /** Makes this session run B of a comparison: it trains only as far as follow() asks, as fast as it can. */
  setFollower(on: boolean): void {
    this.follower = on;
    if (on) this.pacer.setPace(0, this.clock());
  }

  /**
   * Lockstep: while playing, train one slice towards the leader's position (in epochs, so both runs see
   * the same epochs whatever their batch sizes). Returns true while still behind.
   */
  follow(leaderPosition: number, now: number = this.clock()): boolean {
    const t = this.trainer;
    if (!t || !this.running) return false;
    if (leaderPosition - t.position <= 1e-9) return false;
    const steps = Math.max(1, Math.min(this.pacer.budget(now, t.stepsPerEpoch), t.stepsTowards(leaderPosition)));
    this.trainSlice(t, steps, now);
    return this.running && leaderPosition - t.position > 1e-9;
  }

  /** Train `steps` steps begun at `now`: time them for the pacer, then apply every stop rule. */
  private trainSlice(t: Trainer, steps: number, now: number): void {
    const progress = t.train(steps);
    const done = this.clock();
    this.pacer.record(progress.steps, done - now, done);
    this.adopt(progress);
    this.judgeStability(progress.epochs);
    this.snapshots.changed(false);
  }

  /** The data every following load() trains on. */
  setData(table: DataTable): void {
    this.table = table;
  }

  load(spec: NetworkSpec, settings: TrainSettings, grid: GridView, options: { keepWeights?: boolean } = {}): LoadResult {
    if (!this.table) return { ok: false, error: 'No data has been sent yet.' };
    try {
      const program = compile(spec);
      const next = new Trainer(program, this.table, settings);
      const previous = this.trainer;
      const keep = options.keepWeights === true && previous !== null && this.layout !== null;
      if (keep) {
        carryParams(this.layout!, previous.params, program.layout, next.params);
        carryParams(this.layout!, previous.frozen, program.layout, next.frozen);
      }
      // The curves go on only while the same parameters keep training.
      if (!keep || this.layout!.paramCount !== program.layout.paramCount) this.run++;
      this.trainer = next;
      this.layout = program.layout;
      this.running = false;
      this.clearStop();
      this.initialLoss = NaN;
      this.snapshots.restart(grid);
      return { ok: true, layout: program.layout };
    } catch (error) {
      if (error instanceof SpecError) return { ok: false, error: error.problems.join('\n') };
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  setSettings(patch: Partial<TrainSettings>): void {
    const t = this.require();
    t.setSettings(patch);
    if (REINIT_KEYS.some((key) => key in patch)) this.reset();
    else this.snapshots.changed();
  }

  setGrid(grid: GridView): void {
    this.snapshots.setGrid(grid);
  }

  setPace(epochsPerSecond: number): void {
    this.pacer.setPace(epochsPerSecond, this.clock());
  }

  play(): void {
    const t = this.require();
    if (this.running) return;
    // After a divergence the weights are unusable: play starts a fresh run from the same seed.
    if (this.diverged) this.reinitialise();
    this.clearStop();
    // Unset at a fresh start and after restoreProgress (restored weights are the yardstick then).
    if (!Number.isFinite(this.initialLoss)) this.initialLoss = t.evaluate().trainLoss;
    this.sincePlay = [];
    this.running = true;
    this.pacer.start(this.clock());
    this.snapshots.changed();
  }

  pause(): void {
    this.running = false;
    this.snapshots.changed();
  }

  /** n batches, or up to the end of n epochs; pauses first. */
  step(n: number, unit: StepUnit = 'batch'): void {
    const t = this.require();
    this.running = false;
    const count = Math.max(1, Math.floor(n));
    let progress: TrainProgress = t.train(unit === 'batch' ? count : t.stepsLeftInEpoch);
    for (let k = 1; unit === 'epoch' && k < count && !progress.diverged && !progress.stopReason; k++) {
      const more = t.train(t.stepsLeftInEpoch);
      progress = { ...more, steps: progress.steps + more.steps, epochs: [...progress.epochs, ...more.epochs] };
    }
    this.clearStop();
    this.adopt(progress);
    this.snapshots.changed();
  }

  reset(seed?: number): void {
    this.require().reset(seed);
    this.running = false;
    this.reinitialise();
    this.clearStop();
  }

  setParam(ref: ParamRef, value: number | null, frozen?: boolean): void {
    const t = this.require();
    const index = paramIndex(this.layout!, ref);
    if (index < 0) throw new Error(`This network has no ${ref.kind} ${describe(ref)}.`);
    if (value !== null) t.setParam(index, value);
    if (frozen !== undefined) t.setFrozen(index, frozen);
    this.snapshots.changed();
  }

  setParams(params: Float32Array, frozen?: Uint8Array): void {
    this.require().setParams(params, frozen);
    this.snapshots.changed();
  }

  /**
   * Restored weights go on as the run they were saved from: the counters continue, and the run stays the
   * same (returned, so the page keeps the saved curve for it). The instability yardstick is taken afresh.
   */
  restoreProgress(progress: { step: number; epoch: number }): number {
    this.require().restoreProgress(progress.step, progress.epoch);
    this.initialLoss = NaN;
    this.snapshots.changed();
    return this.run;
  }

  predict(points: Float32Array): Float32Array {
    return this.require().predict(points);
  }
  trace(sampleIndex: number): SampleTrace {
    return this.require().trace(sampleIndex);
  }
  groupActivations(groupId: string): Float32Array | null {
    return this.require().groupActivations(groupId);
  }
  featureMaps(input: Float32Array | { sample: number }): FeatureMaps {
    return this.require().featureMaps(input);
  }

  /** The page (re)subscribed: forget any unacknowledged snapshot and send the state now. */
  connect(): void {
    this.snapshots.connect();
  }
  acknowledge(seq: number): void {
    this.snapshots.acknowledge(seq);
  }

  /** One turn of the loop: train a slice when running, then perhaps a snapshot. */
  tick(now: number = this.clock()): Tick {
    const t = this.trainer;
    if (!t) return { snapshot: null, wait: null };
    let trainWait: number | null = null;
    if (this.running && !this.follower && !this.held) {
      const budget = this.pacer.budget(now, t.stepsPerEpoch);
      if (budget > 0) this.trainSlice(t, budget, now);
      if (this.running) trainWait = this.pacer.wait(t.stepsPerEpoch);
    }
    const state = {
      run: this.run,
      running: this.running,
      stepsPerSecond: this.running ? this.pacer.stepsPerSecond : 0,
      learningRate: t.currentLearningRate,
      diverged: this.diverged,
      stopReason: this.stopReason,
      stopKind: this.stopKind,
      earlyStopEpoch: this.earlyStopEpoch
    };
    const { snapshot, wait: snapshotWait } = this.snapshots.take(t, state, now);
    if (snapshot && snapshot.step === 0 && !Number.isFinite(this.initialLoss)) this.initialLoss = snapshot.current.trainLoss;
    const wait = trainWait === null ? snapshotWait : snapshotWait === null ? trainWait : Math.min(trainWait, snapshotWait);
    return { snapshot, wait };
  }

  // ——— internals ———

  private require(): Trainer {
    if (!this.trainer) throw new Error('No network is loaded yet: call load() first.');
    return this.trainer;
  }

  /** Fresh weights from the seed: a new run, whose curves start afresh. */
  private reinitialise(): void {
    this.require().reset();
    this.run++;
    this.initialLoss = NaN;
    this.snapshots.restartRun();
  }

  private clearStop(): void {
    this.diverged = null;
    this.stopReason = null;
    this.stopKind = null;
    this.earlyStopEpoch = null;
  }

  private adopt(progress: TrainProgress): void {
    this.snapshots.addEpochs(progress.epochs);
    if (!progress.diverged && !progress.stopReason) return;
    this.running = false;
    this.diverged = progress.diverged;
    this.stopReason = progress.stopReason;
    this.stopKind = progress.stopKind ?? null;
    this.earlyStopEpoch = progress.earlyStopEpoch ?? null;
  }

  /** The finite kind of blow-up: pause when the loss since play stays above where it started. */
  private judgeStability(epochs: EpochRecord[]): void {
    if (!this.running || epochs.length === 0) return;
    this.sincePlay.push(...epochs);
    if (this.sincePlay.length > INSTABILITY_WINDOW) this.sincePlay.splice(0, this.sincePlay.length - INSTABILITY_WINDOW);
    const message = instability(this.sincePlay, this.initialLoss, this.require().getSettings().learningRate);
    if (!message) return;
    this.running = false;
    this.stopReason = message;
    this.stopKind = 'unstable';
  }
}

function describe(ref: ParamRef): string {
  return ref.kind === 'weight' ? `from "${ref.from}" unit ${ref.i} to "${ref.to}" unit ${ref.j}` : `${ref.j} in group "${ref.group}"`;
}
