/**
 * Compare: run B beside the playground's run A. "Compare" duplicates A (network, settings, data) into B,
 * both start from the same initial weights (same network and seed, A reset), and the learner changes one
 * thing in B. B is a second session in the same worker, trained in lockstep with A; play, pause, step and
 * reset on the page drive both. B's network and settings live here, apart from A's document and history.
 */
import type { Activation, EpochRecord, GridView, ParamLayout, Snapshot, StepUnit, TrainSettings } from '../../../workers/protocol';
import { differences, variationEffect, type Variation } from '../compare/variation';
import { apply } from '../model/apply';
import type { Change, NetworkDoc } from '../model/document';
import type { PlaygroundState } from '../model/playground';
import { toSpec } from '../model/spec';
import { TrainingClient, type DataProvider, type TrainingNotice } from './training.svelte';

/** What the comparison needs from the playground (run A). */
export interface CompareHost {
  readonly leader: TrainingClient;
  state(): PlaygroundState;
  data(): DataProvider | null;
  grid(): GridView | null;
  /** set one thing on run A (the `compare=` option's first value) */
  vary(variation: Variation): Promise<void>;
  /** pause A and bring it back to its initial weights */
  restart(): Promise<void>;
  notice(notice: TrainingNotice): void;
}

export class Comparison {
  /** B's network and settings while a comparison runs; null otherwise */
  doc: NetworkDoc | null = $state.raw(null);
  settings: TrainSettings | null = $state.raw(null);
  /** the engine refused B's network */
  loadError: string | null = $state(null);
  #b: TrainingClient | null = $state.raw(null);
  #serial = 0;
  #stopListener: ((snapshot: Snapshot) => void) | null = null;

  constructor(private readonly host: CompareHost) {}

  get active(): boolean {
    return this.#b !== null && this.doc !== null && this.settings !== null;
  }
  get snapshot(): Snapshot | null {
    return this.#b?.snapshot ?? null;
  }
  get curve(): EpochRecord[] {
    return this.#b?.curve ?? [];
  }
  get layout(): ParamLayout | null {
    return this.#b?.layout ?? null;
  }
  /** how B differs from A, in words */
  get differences(): string[] {
    if (!this.doc || !this.settings) return [];
    const a = this.host.state();
    return differences({ doc: a.doc, settings: a.settings }, { doc: this.doc, settings: this.settings });
  }

  /**
   * Duplicate A into B and restart both from the same initial weights. With a pair of values (the embed's
   * `compare=`), A takes the first and B the second. Returns false when A is not ready to be copied.
   */
  async start(pair?: [Variation, Variation]): Promise<boolean> {
    this.end();
    const serial = ++this.#serial;
    const provider = this.host.data();
    if (!provider || !this.host.grid()) return false;
    if (pair) await this.host.vary(pair[0]);
    const a = $state.snapshot(this.host.state()) as PlaygroundState;
    const b = new TrainingClient({ notice: (n) => this.host.notice({ ...n, text: `Run B: ${n.text}` }), restarted: () => this.end() });
    await b.follow(this.host.leader);
    if (serial !== this.#serial) return (b.dispose(), false);
    await b.setData(provider);
    this.doc = a.doc;
    this.settings = a.settings;
    this.#b = b;
    if (pair) this.#vary(pair[1], false);
    await this.#load(false);
    await this.host.restart();
    // A stopping on its own (epoch limit, early stopping, divergence) stops B where it is.
    this.#stopListener = (snapshot) => {
      if (!snapshot.running && this.#b?.running) this.#b.pause();
    };
    this.host.leader.listeners.add(this.#stopListener);
    return serial === this.#serial;
  }

  end(): void {
    this.#serial++;
    if (this.#stopListener) this.host.leader.listeners.delete(this.#stopListener);
    this.#stopListener = null;
    this.#b?.dispose();
    this.#b = null;
    this.doc = null;
    this.settings = null;
    this.loadError = null;
  }

  // ---- B's one change ----------------------------------------------------------------------

  setSettings(patch: Partial<TrainSettings>): void {
    const b = this.#b;
    const previous = this.settings;
    if (!b || !previous) return;
    this.settings = { ...previous, ...patch };
    b.setSettings(patch).catch((error: unknown) => {
      if (this.settings && this.#b === b) {
        this.settings = previous;
        void b.setSettings(previous);
      }
      this.host.notice({ kind: 'error', text: `Run B: ${error instanceof Error ? error.message : String(error)}` });
    });
  }

  setActivation(activation: Activation): void {
    this.#vary({ name: 'activation', value: activation }, true);
    void this.#load(true);
  }

  /** A hidden layer of B gets another number of units; weights that still exist keep their values. */
  setUnits(nodeId: string, units: number): void {
    if (!this.#change({ type: 'updateNode', id: nodeId, patch: { units } })) return;
    void this.#load(true);
  }

  // ---- driven with A ------------------------------------------------------------------------

  play(): void {
    if (this.#b && !this.loadError) this.#b.play();
  }
  pause(): void {
    this.#b?.pause();
  }
  step(n: number, unit: StepUnit): void {
    if (this.#b && !this.loadError) this.#b.step(n, unit);
  }
  async reset(seed?: number): Promise<void> {
    if (!this.#b || !this.settings) return;
    if (seed !== undefined) this.settings = { ...this.settings, seed };
    await this.#b.reset(seed);
  }
  setGrid(grid: GridView): void {
    this.#b?.setGrid(grid);
  }
  /** A's data changed: B trains on the same data, keeping its weights. */
  async dataChanged(): Promise<void> {
    const provider = this.host.data();
    if (!this.#b || !provider) return;
    await this.#b.setData(provider);
    await this.#load(true);
  }

  // ---- internals ----------------------------------------------------------------------------

  /** One variation on B; `live`: send a settings change to the worker now (else the next load carries it). */
  #vary(variation: Variation, live: boolean): void {
    if (!this.doc || !this.settings) return;
    const effect = variationEffect(this.doc, variation);
    if ('change' in effect) {
      if (effect.change) this.#change(effect.change);
    } else if (live) this.setSettings(effect.settings);
    else this.settings = { ...this.settings, ...effect.settings };
  }

  #change(change: Change): boolean {
    if (!this.doc) return false;
    try {
      this.doc = apply(this.doc, change);
      return true;
    } catch (error) {
      this.host.notice({ kind: 'error', text: `Run B: ${error instanceof Error ? error.message : String(error)}` });
      return false;
    }
  }

  async #load(keepWeights: boolean): Promise<void> {
    const b = this.#b;
    const grid = this.host.grid();
    if (!b || !this.doc || !this.settings || !grid) return;
    const result = await b.load(toSpec(this.doc), this.settings, grid, { keepWeights });
    if (this.#b !== b || !result) return;
    this.loadError = result.ok ? null : result.error;
  }
}
