/**
 * The training client: the page's side of the training session. It owns the worker's lifecycle (through
 * the engine client), the latest snapshot and the curves, sends the data once per data change and the
 * network on each edit, and brings a restarted worker back to where it was. The rules of a run (pace,
 * stop rules, when weights re-initialise) live in the engine's TrainingSession; this class only mirrors
 * what the snapshots say.
 */
import type {
  DataTable,
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
  TrainSettings
} from '../../../workers/protocol';
import { EngineClient, type SessionRemote } from '../engine-client/client';

export interface TrainingNotice {
  kind: 'error' | 'warning' | 'info';
  text: string;
}

/** Saved counters and the curve that led to them. */
export interface RestoredProgress {
  step: number;
  epoch: number;
  curve: readonly EpochRecord[];
}

/** The data to train on: the page's own table is copied; a table built for the worker alone is transferred. */
export type DataProvider = () => { table: DataTable; transfer: boolean };

export interface TrainingHooks {
  /** something the learner should read: a divergence, a stop, a worker restart */
  notice(notice: TrainingNotice): void;
  /** the worker died and a fresh one is running: load the network again (the data is resent on the next load) */
  restarted(): void;
}

export class TrainingClient {
  #snapshot: Snapshot | null = $state.raw(null);
  #curve: EpochRecord[] = $state.raw([]);
  #layout: ParamLayout | null = $state.raw(null);
  #client: EngineClient | null = null;
  /** run B of a comparison: a session in the leader's worker (this client then owns no worker) */
  #follower: { client: EngineClient; remote: SessionRemote } | null = null;
  #data: DataProvider | null = null;
  /** the worker that holds the current data (a restarted worker holds none) */
  #dataSentTo: SessionRemote | null = null;
  /** the run of the curve being drawn; a snapshot of another run starts the curve afresh */
  #run: number | null = null;
  /** which kernels the worker trains with, once it has said */
  #kernels: 'wasm-simd' | 'js' | null = $state(null);
  /** every snapshot also goes to these (the embed bridge, autosave) */
  readonly listeners = new Set<(snapshot: Snapshot) => void>();

  constructor(private readonly hooks: TrainingHooks) {}

  get snapshot(): Snapshot | null {
    return this.#snapshot;
  }
  /** one record per epoch of the current run, as plotted */
  get curve(): EpochRecord[] {
    return this.#curve;
  }
  get layout(): ParamLayout | null {
    return this.#layout;
  }
  get running(): boolean {
    return this.#snapshot?.running ?? false;
  }
  get kernels(): 'wasm-simd' | 'js' | null {
    return this.#kernels;
  }
  get started(): boolean {
    return this.#client !== null || this.#follower !== null;
  }

  /** Spawn the worker. Call once in the browser. */
  start(): void {
    this.#client = new EngineClient({
      onSnapshot: (snapshot) => this.#receive(snapshot),
      onRestart: (reason) => {
        this.#run = null;
        this.hooks.notice({
          kind: 'warning',
          text: `The training worker stopped (${reason}) and was restarted. Your network is kept; its weights were restored from the last snapshot.`
        });
        this.hooks.restarted();
      }
    });
    // For the diagnostics line only: a worker that cannot say leaves it unknown.
    this.#client.api.kernelPath().then(
      (path) => (this.#kernels = path),
      () => (this.#kernels = null)
    );
  }

  /** Run B of a comparison: a second session in the leader's worker, trained in lockstep with it. */
  async follow(leader: TrainingClient): Promise<void> {
    const client = leader.#client;
    if (!client) throw new Error('The playground has not started.');
    const remote = await client.openCompare((snapshot) => this.#receive(snapshot));
    this.#follower = { client, remote };
  }

  dispose(): void {
    if (this.#follower) this.#follower.client.closeCompare(this.#follower.remote);
    this.#follower = null;
    this.#client?.dispose();
    this.#client = null;
  }

  /** New data: sent now, and again to a restarted worker. */
  async setData(provider: DataProvider): Promise<void> {
    this.#data = provider;
    if (this.started) await this.#sendData(this.#api);
  }

  /**
   * Compile and initialise the network on the current data; null when superseded or not started.
   * A refused network leaves the worker on the last good one.
   */
  async load(spec: NetworkSpec, settings: TrainSettings, grid: GridView, options: { keepWeights?: boolean; restoreParams?: boolean } = {}): Promise<LoadResult | null> {
    if (!this.started || !this.#data) return null;
    const api = this.#api;
    const restore = options.restoreParams ? this.#snapshot : null;
    if (this.#dataSentTo !== api) await this.#sendData(api);
    const result = await api.load(spec, settings, grid, { keepWeights: options.keepWeights ?? false });
    if (!result.ok) return result;
    this.#layout = result.layout;
    if (restore && restore.params.length === result.layout.paramCount) {
      // A restarted worker: the restored weights go on with their counters and the curve drawn so far.
      const curve = this.#curve;
      await api.setParams(restore.params.slice(), restore.frozen.slice());
      await this.#continueRun(api, { step: restore.step, epoch: restore.epoch, curve });
    }
    return result;
  }

  /** After setParams with saved weights: the counters continue, and the curve goes on from the saved one. */
  restoreProgress(progress: RestoredProgress): Promise<void> {
    return this.#continueRun(this.#api, progress);
  }

  async #continueRun(api: SessionRemote, progress: RestoredProgress): Promise<void> {
    const run = await api.restoreProgress({ step: progress.step, epoch: progress.epoch });
    // Snapshots of this run that arrived before the reply carry no epochs (nothing trains meanwhile).
    this.#run = run;
    this.#curve = progress.curve.slice();
  }

  setSettings(patch: Partial<TrainSettings>): Promise<void> {
    return this.#api.setSettings(patch);
  }
  setGrid(grid: GridView): void {
    if (this.started) void this.#api.setGrid(grid);
  }
  play(): void {
    void this.#api.play();
  }
  pause(): void {
    if (this.started) void this.#api.pause();
  }
  setPace(epochsPerSecond: number): void {
    if (this.started) void this.#api.setPace(epochsPerSecond);
  }
  step(n: number, unit: StepUnit): void {
    void this.#api.step(n, unit);
  }
  reset(seed?: number): Promise<void> {
    return this.#api.reset(seed);
  }
  setParam(ref: ParamRef, value: number | null, frozen?: boolean): Promise<void> {
    return this.#api.setParam(ref, value, frozen);
  }
  setParams(params: Float32Array, frozen?: Uint8Array): Promise<void> {
    return this.#api.setParams(params, frozen);
  }
  trace(sampleIndex: number): Promise<SampleTrace> {
    return this.#api.trace(sampleIndex);
  }
  groupActivations(groupId: string): Promise<Float32Array | null> {
    return this.#api.groupActivations(groupId);
  }
  featureMaps(input: Float32Array | { sample: number }): Promise<FeatureMaps> {
    return this.#api.featureMaps(input);
  }
  predict(points: Float32Array): Promise<Float32Array> {
    return this.#api.evaluate(points);
  }
  /** For the crash-recovery test. */
  crash(): void {
    void this.#client?.api.crash();
  }

  get #api(): SessionRemote {
    if (this.#follower) return this.#follower.remote;
    if (!this.#client) throw new Error('The playground has not started.');
    return this.#client.api;
  }

  async #sendData(api: SessionRemote): Promise<void> {
    if (!this.#data) return;
    const { table, transfer } = this.#data();
    this.#dataSentTo = api;
    await api.setData(transfer ? EngineClient.transferTable(table) : table);
  }

  #receive(snapshot: Snapshot): void {
    const previous = this.#snapshot;
    this.#snapshot = snapshot;
    if (snapshot.run !== this.#run) {
      this.#run = snapshot.run;
      this.#curve = [];
    }
    if (snapshot.epochs.length) this.#curve = [...this.#curve, ...snapshot.epochs];
    if (snapshot.diverged && !previous?.diverged) {
      this.hooks.notice({ kind: 'error', text: snapshot.diverged.message });
    } else if (snapshot.stopReason && snapshot.stopReason !== previous?.stopReason) {
      this.hooks.notice({ kind: snapshot.stopKind === 'unstable' ? 'error' : 'info', text: snapshot.stopReason });
    }
    for (const listener of this.listeners) listener(snapshot);
  }
}
