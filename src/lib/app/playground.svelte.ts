/**
 * The playground's state and the one place that turns user intentions into document changes and worker calls.
 * Components read its fields and call its methods; they never talk to the worker themselves.
 */
import type { DataTable, EpochRecord, FeatureMaps, ParamLayout, ParamRef, SampleTrace, Snapshot, StepUnit, TrainSettings } from '../../../workers/protocol';
import { TEACHING_PACE } from '../../../workers/engine';
import { generate } from '../data/generators';
import { decodeMnist, fetchMnist } from '../data/mnist';
import { addPoint, removeNearestPoint, tableFromSource } from '../data/table';
import type { Change } from '../model/document';
import { createHistory, record, redo, undo, type History } from '../model/history';
import type { DataSource, PlaygroundState } from '../model/playground';
import { toSpec } from '../model/spec';
import { validate, type Problem } from '../model/validate';
import { variationEffect, type Variation } from '../compare/variation';
import { Busy } from './busy.svelte';
import { Comparison } from './compare.svelte';
import { adaptation } from './data-adapt';
import { apply } from '../model/apply';
import { hasConv, withUnitSync } from '../editor/conv-shapes';
import { FeatureMapWatch } from './feature-maps.svelte';
import { firstTestRow } from './digits';
import { gridViewFor } from './grid-view';
import { TrainingClient, type DataProvider, type RestoredProgress } from './training.svelte';

/** Trained weights to put back (from a save, a file or a link); frozen is null when none is frozen. */
interface SavedWeights {
  params: Float32Array;
  frozen: Uint8Array | null;
}

export interface Notice {
  kind: 'error' | 'warning' | 'info';
  text: string;
  /** a button beside the text, e.g. undoing what the notice reports */
  action?: { label: string; run: () => void };
}

export class Playground {
  state: PlaygroundState = $state() as PlaygroundState;
  history: History = $state.raw(createHistory());
  selection: string[] = $state([]);
  table: DataTable | null = $state.raw(null);
  notice: Notice | null = $state(null);
  /** the engine refused the network (after our own validation passed) */
  loadError: string | null = $state(null);
  /** slow work under way: Play, Step and Reset wait for it */
  readonly busy = new Busy();
  /** networks opened from outside (a course task, a file, a link): the editor fits each one in view */
  arrivals = $state(0);
  problems: Problem[] = $derived(validate(this.state.doc));
  problemType = $derived<'classification' | 'regression'>(this.table?.classes ? 'classification' : 'regression');
  /** why play is disabled, or null */
  blockedReason = $derived(
    this.problems.length
      ? this.problems[0].message
      : this.loadError ?? (this.busy.active ? `${this.busy.active.label}…` : this.table ? null : 'No data yet')
  );

  private readonly training = new TrainingClient({
    notice: (notice) => (this.notice = notice),
    restarted: () => {
      // Run B lived in the worker that died.
      this.compare.end();
      void this.reload({ restoreParams: true }).then(() => this.training.setPace(this.pace));
    }
  });
  #dataProvider: DataProvider | null = null;
  /** run B beside this playground's run (Compare) */
  readonly compare = new Comparison({
    leader: this.training,
    state: () => this.state,
    data: () => this.#dataProvider,
    grid: () => (this.table ? gridViewFor(this.table, this.state.view) : null),
    vary: (variation: Variation) => this.#vary(variation),
    restart: async () => {
      this.pause();
      await this.training.reset();
    },
    notice: (notice) => (this.notice = notice)
  });
  private loadSerial = 0;
  private dataSerial = 0;
  /** conv nets: the watched sample's feature maps, asked again on every snapshot */
  readonly maps = new FeatureMapWatch((input) => this.featureMaps(input));

  constructor(initial: PlaygroundState) {
    this.state = initial;
    this.training.listeners.add(() => {
      if (this.layout?.groups.some((g) => g.shape)) this.maps.refresh();
    });
  }

  // What the training session last said (read-only: the worker's snapshots change them).
  get snapshot(): Snapshot | null {
    return this.training.snapshot;
  }
  get curve(): EpochRecord[] {
    return this.training.curve;
  }
  get layout(): ParamLayout | null {
    return this.training.layout;
  }
  get running(): boolean {
    return this.training.running;
  }
  /** which kernels train (for the diagnostics line) */
  get kernels(): 'wasm-simd' | 'js' | null {
    return this.training.kernels;
  }
  /** every snapshot also goes to these (the embed bridge, autosave) */
  get snapshotListeners(): Set<(snapshot: Snapshot) => void> {
    return this.training.listeners;
  }

  /**
   * Spawn the worker and load the initial network and data, with the trained weights and undo history
   * of an autosave when there is one. Call once in the browser.
   */
  async start(restore: { weights?: SavedWeights; progress?: RestoredProgress; history?: History } = {}): Promise<void> {
    if (restore.history) this.history = restore.history;
    this.training.start();
    this.training.setPace(this.pace);
    await this.setDataSource(this.state.data, { keepWeights: false });
    await this.#restoreWeights(restore.weights, restore.progress);
  }

  /** Saved weights that fit the network on screen come back, and with them how far they had trained. */
  async #restoreWeights(weights?: SavedWeights, progress?: RestoredProgress): Promise<void> {
    if (!weights || !this.layout || weights.params.length !== this.layout.paramCount) return;
    // A task of its own: Play waits, or it would train the fresh weights these are about to replace.
    await this.busy.during('Restoring the trained weights', async () => {
      await this.training.setParams(weights.params, weights.frozen ?? undefined);
      if (progress) await this.training.restoreProgress(progress);
    });
  }

  dispose(): void {
    this.maps.dispose();
    this.compare.end();
    this.training.dispose();
  }

  /** One setting or the hidden activation of run A (a comparison's first value). */
  async #vary(variation: Variation): Promise<void> {
    const effect = variationEffect($state.snapshot(this.state.doc), variation);
    if ('settings' in effect) this.setSettings(effect.settings);
    else if (effect.change) this.change(effect.change);
    await this.reload({ keepWeights: true });
  }

  // ---- the document ----------------------------------------------------------------------

  /** Apply a document change (recorded for undo; one undo step per gesture) and retrain live. */
  change(change: Change, gesture?: string): boolean {
    try {
      // Pool nodes show one tile per channel: their display units follow in the same undo step.
      if (change.type !== 'moveNodes') change = withUnitSync(change, apply(this.state.doc, change));
      const next = record(this.history, this.state.doc, change, { gesture });
      this.history = next.history;
      this.state.doc = next.doc;
    } catch (error) {
      this.notice = { kind: 'error', text: error instanceof Error ? error.message : String(error) };
      return false;
    }
    if (change.type !== 'moveNodes') void this.reload({ keepWeights: true });
    return true;
  }

  undo(): void {
    const result = undo(this.history, this.state.doc);
    if (!result) return;
    this.history = result.history;
    this.state.doc = result.doc;
    void this.reload({ keepWeights: true });
  }

  redo(): void {
    const result = redo(this.history, this.state.doc);
    if (!result) return;
    this.history = result.history;
    this.state.doc = result.doc;
    void this.reload({ keepWeights: true });
  }

  /**
   * Send the current document, data and settings to the worker. Invalid documents are not sent:
   * the worker keeps the last good network, and play stays disabled with the reason.
   */
  async reload(options: { keepWeights?: boolean; restoreParams?: boolean } = {}): Promise<void> {
    const serial = ++this.loadSerial;
    const table = this.table;
    if (!table || !this.training.started) return;
    if (this.problems.length) {
      if (this.running) this.training.pause();
      return;
    }
    const spec = toSpec($state.snapshot(this.state.doc));
    const result = await this.busy.during(
      'Building the network',
      this.training.load(spec, $state.snapshot(this.state.settings), gridViewFor(table, this.state.view), options)
    );
    if (serial !== this.loadSerial || !result) return;
    this.loadError = result.ok ? null : result.error;
    if (result.ok && result.layout.groups.some((g) => g.shape)) this.maps.refresh();
  }

  /**
   * Open a whole playground (a preset, a link, a file, a save). The document swap is one undo step;
   * with weights, the trained network comes back exactly.
   */
  async loadState(state: PlaygroundState, weights?: SavedWeights, progress?: RestoredProgress): Promise<boolean> {
    const previous = $state.snapshot(this.state) as PlaygroundState;
    try {
      const next = record(this.history, this.state.doc, { type: 'replace', doc: state.doc });
      this.history = next.history;
      // A preset or file without a pace keeps the learner's pace.
      this.state = { ...state, doc: next.doc, training: state.training ?? previous.training };
      this.arrivals++;
    } catch (error) {
      this.notice = { kind: 'error', text: error instanceof Error ? error.message : String(error) };
      return false;
    }
    const ok = await this.setDataSource(state.data, { keepWeights: false });
    if (!ok) {
      this.state = previous;
      this.arrivals++;
      await this.reload({ keepWeights: false });
      return false;
    }
    await this.#restoreWeights(weights, progress);
    if (state.training) this.training.setPace(this.pace);
    return true;
  }

  // ---- data ------------------------------------------------------------------------------

  /**
   * Materialise a data source (generate, decode, fetch) and train on it; the old data stays on failure.
   * `adapt`: a data set the person picked: fit the output, loss and inputs to it as one undo step, and say so.
   */
  async setDataSource(source: DataSource, options: { keepWeights?: boolean; adapt?: boolean } = {}): Promise<boolean> {
    const serial = ++this.dataSerial;
    const before = $state.snapshot(this.state) as PlaygroundState;
    const previousTable = this.table;
    try {
      // One task until the worker has the new data, then the network's build: Play stays held in between
      // (a Play there would train the old network on the new data).
      const table = await this.busy.during('Loading the data', async () => {
        const { table, training } = await materialise(source, !hasConv(this.state.doc));
        if (serial !== this.dataSerial) return null;
        if (options.adapt) this.adapt(adaptation($state.snapshot(this.state) as PlaygroundState, table, previousTable), before);
        this.state.data = source;
        this.table = table;
        // Sent once here (and again only to a restarted worker); edits send just the network.
        const provider: DataProvider = () => (training ? { table: training(), transfer: true } : { table, transfer: false });
        this.#dataProvider = provider;
        await this.training.setData(provider);
        return table;
      });
      if (!table) return false;
      await this.reload({ keepWeights: options.keepWeights ?? true });
      // Asked only now: the worker has the new data (a sample index of the new table means nothing to the old).
      if (serial === this.dataSerial) this.maps.setSource(table.pixels ? { kind: 'sample', row: firstTestRow(table) } : null);
      if (this.compare.active) await this.compare.dataChanged();
      return true;
    } catch (error) {
      this.notice = {
        kind: 'error',
        text: `Could not load the data: ${error instanceof Error ? error.message : String(error)}. The previous data is kept.`
      };
      return false;
    }
  }

  private adapt(result: ReturnType<typeof adaptation>, before: PlaygroundState): void {
    if (!result.summary) return;
    if (result.change) {
      const next = record(this.history, this.state.doc, result.change);
      this.history = next.history;
      this.state.doc = next.doc;
    }
    this.state.settings = { ...this.state.settings, ...result.settings };
    this.notice = { kind: 'info', text: result.summary, action: { label: 'Undo', run: () => void this.loadState(before) } };
  }

  /** Click-to-add: a point of class `target` (or regression value) at (x, y) on the view's axes. */
  addPoint(x: number, y: number, target: number): void {
    if (!this.table) return;
    const source = addPoint(this.table, x, y, target, { ...this.state.view, name: 'edited data' });
    void this.setDataSource(source);
  }

  removePoint(x: number, y: number): void {
    if (!this.table || this.table.count <= 2) return;
    const source = removeNearestPoint(this.table, x, y, { ...this.state.view, name: 'edited data' });
    void this.setDataSource(source);
  }

  setView(view: { xColumn: number; yColumn: number }): void {
    this.state.view = view;
    if (this.table) {
      this.training.setGrid(gridViewFor(this.table, view));
      this.compare.setGrid(gridViewFor(this.table, view));
    }
  }

  // ---- settings and training -------------------------------------------------------------

  /**
   * Change training settings live (a new seed or initializer re-initialises the weights, in the session);
   * a setting the engine refuses (e.g. a loss that does not fit the output) is undone with a message.
   */
  setSettings(patch: Partial<TrainSettings>): void {
    const previous = this.state.settings;
    this.state.settings = { ...previous, ...patch };
    if (!this.training.started || !this.layout) return;
    if ('seed' in patch || 'initializer' in patch) this.notice = null;
    this.training.setSettings($state.snapshot(patch) as Partial<TrainSettings>).catch((error: unknown) => {
      this.state.settings = previous;
      void this.training.setSettings($state.snapshot(previous));
      this.notice = { kind: 'error', text: error instanceof Error ? error.message : String(error) };
    });
  }

  play(): void {
    if (this.blockedReason) {
      this.notice = { kind: 'warning', text: `Cannot train yet: ${this.blockedReason}` };
      return;
    }
    this.notice = null;
    this.training.play();
    this.compare.play();
  }

  pause(): void {
    this.training.pause();
    this.compare.pause();
  }

  /** Epochs per second while playing (0 = as fast as the machine can); remembered with the playground. */
  get pace(): number {
    return this.state.training?.epochsPerSecond ?? TEACHING_PACE;
  }
  setPace(epochsPerSecond: number): void {
    this.state.training = { stepBy: this.stepBy, epochsPerSecond };
    this.training.setPace(epochsPerSecond);
  }

  /** What Step advances: one batch, or one epoch (the default). */
  get stepBy(): StepUnit {
    return this.state.training?.stepBy ?? 'epoch';
  }
  setStepBy(stepBy: StepUnit): void {
    this.state.training = { epochsPerSecond: this.pace, stepBy };
  }

  toggle(): void {
    if (this.running) this.pause();
    else this.play();
  }

  /** n batches or n epochs (the learner's choice unless given). */
  step(n = 1, unit: StepUnit = this.stepBy): void {
    if (this.blockedReason) return;
    this.training.step(n, unit);
    this.compare.step(n, unit);
  }

  /** Back to the same initial weights (same seed). */
  async reset(): Promise<void> {
    this.notice = null;
    await Promise.all([this.training.reset(), this.compare.reset()]);
  }

  /** A new seed: new initial weights. */
  async reseed(): Promise<void> {
    const seed = 1 + Math.floor(Math.random() * 2 ** 31);
    this.state.settings = { ...this.state.settings, seed };
    await Promise.all([this.training.reset(seed), this.compare.reset(seed)]);
  }

  setParam(ref: ParamRef, value: number | null, frozen?: boolean): void {
    void this.training.setParam(ref, value, frozen).catch((error: unknown) => {
      this.notice = { kind: 'error', text: error instanceof Error ? error.message : String(error) };
    });
  }

  async trace(sampleIndex: number): Promise<SampleTrace | null> {
    if (!this.layout) return null;
    return this.training.trace(sampleIndex);
  }

  async groupActivations(groupId: string): Promise<Float32Array | null> {
    if (!this.layout) return null;
    return this.training.groupActivations(groupId);
  }

  /** One sample's feature maps and output (conv nets); null before a network is loaded. */
  async featureMaps(input: Float32Array | { sample: number }): Promise<FeatureMaps | null> {
    if (!this.layout) return null;
    return this.training.featureMaps(input);
  }

  async predict(points: Float32Array): Promise<Float32Array | null> {
    if (!this.layout) return null;
    return this.training.predict(points);
  }

  /** For the crash-recovery test (test builds only). */
  crashWorker(): void {
    if (__AXON_TEST_HOOKS__) this.training.crash();
  }
}

interface Materialised {
  /** what the page shows and measures */
  table: DataTable;
  /** what the worker trains on, when it differs (built on demand: it can be large) */
  training: (() => DataTable) | null;
}

/** `augment`: shifted copies of the MNIST training digits (dense nets need them; conv nets are shift-tolerant and train 5× faster without). */
async function materialise(source: DataSource, augment: boolean): Promise<Materialised> {
  switch (source.kind) {
    case 'generated':
      return { table: generate(source), training: null };
    case 'table':
      return { table: tableFromSource(source), training: null };
    case 'mnist': {
      const buffer = await fetchMnist();
      const options = { trainCount: source.trainCount, testCount: source.testCount, seed: 1 };
      // 8,000 digits alone plateau near 94% held-out accuracy; one-pixel shifts of the training digits
      // (test digits never shifted) lift it past 95% in a few epochs. Only the worker holds the larger table.
      return { table: decodeMnist(buffer, options), training: augment ? () => decodeMnist(buffer, { ...options, augment: true }) : null };
    }
  }
}
