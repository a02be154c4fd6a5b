/**
 * Snapshot assembly for the session: throttled whole-set evaluation (it is costly on big sets), the
 * heat-map grids, the epochs since the last snapshot, and the back-pressure rule (one snapshot in
 * flight; at most one per SNAPSHOT_INTERVAL_MS unless something the user did changed the picture).
 */
import type { EpochRecord, GridView, Snapshot } from '../protocol';
import { hasImages } from './inference';
import type { RegressionReport } from './metrics';
import type { Trainer } from './trainer';

/** At most ~60 snapshots per second. */
export const SNAPSHOT_INTERVAL_MS = 16;
/** Whole-set evaluation (loss, confusion) at most this often while running… */
export const EVALUATE_INTERVAL_MS = 250;
/** …and never more than a tenth of the time (MNIST's evaluation takes far longer than a frame). */
const EVALUATE_SHARE = 0.1;

const NO_GRID: GridView = { xColumn: 0, yColumn: 1, xMin: -1, xMax: 1, yMin: -1, yMax: 1, size: 0 };

/** The session's run state that goes into every snapshot as it is. */
export type RunState = Pick<Snapshot, 'run' | 'running' | 'stepsPerSecond' | 'learningRate' | 'diverged' | 'stopReason' | 'stopKind' | 'earlyStopEpoch'>;

export class SnapshotMaker {
  private grid: GridView = NO_GRID;
  private connected = false;
  private awaitingAck = false;
  private seq = 0;
  private dirty = true;
  /** send the next snapshot without waiting out the interval (the user changed something) */
  private urgent = true;
  private lastSentAt = -Infinity;
  private lastEvaluatedAt = -Infinity;
  private evaluateCostMs = 0;
  private current: EpochRecord | null = null;
  private confusion: Int32Array | null = null;
  private regression: RegressionReport | null = null;
  private pending: EpochRecord[] = [];

  constructor(private readonly clock: () => number) {}

  /** A new network: new grid, nothing pending, everything evaluated afresh. */
  restart(grid: GridView): void {
    this.grid = grid;
    this.restartRun();
  }

  /** New weights: the epochs not yet sent belong to the old run. */
  restartRun(): void {
    this.pending = [];
    this.current = null;
    this.changed();
  }

  /** Something changed the picture; `urgent` (a user's action) re-evaluates and skips the interval. */
  changed(urgent = true): void {
    this.dirty = true;
    if (!urgent) return;
    this.urgent = true;
    this.lastEvaluatedAt = -Infinity;
  }

  setGrid(grid: GridView): void {
    this.grid = grid;
    this.changed();
  }

  connect(): void {
    this.connected = true;
    this.awaitingAck = false;
    this.changed();
  }

  acknowledge(seq: number): void {
    if (seq === this.seq) this.awaitingAck = false;
  }

  addEpochs(epochs: EpochRecord[]): void {
    for (const e of epochs) this.pending.push(e);
  }

  /** A snapshot if one is due; else how long until one may be (null: until an acknowledgement or a change). */
  take(trainer: Trainer, state: RunState, now: number): { snapshot: Snapshot | null; wait: number | null } {
    if (!this.connected || this.awaitingAck || !this.dirty) return { snapshot: null, wait: null };
    const since = now - this.lastSentAt;
    if (!this.urgent && since < SNAPSHOT_INTERVAL_MS) return { snapshot: null, wait: SNAPSHOT_INTERVAL_MS - since };
    this.lastSentAt = now;
    this.awaitingAck = true;
    this.dirty = false;
    this.urgent = false;
    return { snapshot: this.build(trainer, state, now), wait: null };
  }

  private build(t: Trainer, state: RunState, now: number): Snapshot {
    const interval = Math.max(EVALUATE_INTERVAL_MS, this.evaluateCostMs / EVALUATE_SHARE);
    // An epoch that just ended was evaluated over the whole sets: its record is the freshest figure. On a slow
    // evaluation (a conv net on MNIST) the throttle would otherwise leave the readout epochs behind the curve.
    const latest = this.pending.at(-1);
    if (state.running && latest && this.current && latest.epoch > this.current.epoch && now - this.lastEvaluatedAt < interval) {
      this.current = latest;
      this.lastEvaluatedAt = now;
    }
    if (!state.running || now - this.lastEvaluatedAt >= interval || !this.current) {
      this.current = t.evaluate();
      this.confusion = t.confusion();
      this.regression = t.regression();
      this.lastEvaluatedAt = now;
      this.evaluateCostMs = this.clock() - now;
    }
    const view = this.grid;
    // Heat-map grids say nothing about image networks: they get none (feature maps instead).
    const size = hasImages(t.program) ? 0 : view.size;
    const unitGrids = new Float32Array(size > 0 ? t.program.layout.unitCount * size * size : 0);
    if (size > 0) t.evaluateGrid(view, unitGrids);
    const epochs = this.pending;
    this.pending = [];
    return {
      seq: ++this.seq,
      ...state,
      step: t.stepCount,
      epoch: t.epochCount,
      params: t.params.slice(),
      frozen: t.frozen.slice(),
      unitGrids,
      grid: view,
      epochs,
      current: this.current,
      confusion: this.confusion ? this.confusion.slice() : null,
      regression: this.regression ? { ...this.regression } : null
    };
  }
}
