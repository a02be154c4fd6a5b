/**
 * Shapes the epoch history into uPlot's column arrays. The buffers grow by appending only the
 * new epochs, so a live chart's setData costs O(new epochs) to prepare, not O(history).
 */
import type { EpochRecord } from '../../../../workers/protocol';

export interface R2Record {
  epoch: number;
  train: number;
  test: number;
}

/** uPlot wants null (a gap) rather than NaN/Infinity, and a log axis cannot show values ≤ 0. */
export function plotValue(v: number, log: boolean): number | null {
  if (!Number.isFinite(v)) return null;
  if (log && v <= 0) return null;
  return v;
}

/**
 * Three columns (epoch, train, test) kept in step with a growing history.
 * `sync` appends when the new history extends the old one and rebuilds when it does not
 * (a reset starts the history again from epoch 1).
 */
export class SeriesBuffer<T> {
  readonly x: number[] = [];
  readonly train: (number | null)[] = [];
  readonly test: (number | null)[] = [];
  /** raw (epoch, train) of the last record read, to recognise a history that merely grew */
  private lastEpoch = Number.NaN;
  private lastTrain = Number.NaN;

  constructor(
    private readonly pick: (r: T) => [number, number, number],
    private log = false
  ) {}

  /**
   * Returns true when anything changed. Records are compared by value, not identity, so a
   * history rebuilt as a new array (or wrapped in a reactive proxy) still appends cheaply.
   */
  sync(history: readonly T[]): boolean {
    const n = this.x.length;
    if (history.length < n || (n > 0 && !this.sameAsLast(history[n - 1]))) {
      this.clear();
      if (history.length === 0) return true;
    }
    if (history.length === this.x.length) return false;
    for (let i = this.x.length; i < history.length; i++) {
      const [e, tr, te] = this.pick(history[i]);
      this.x.push(e);
      this.train.push(plotValue(tr, this.log));
      this.test.push(plotValue(te, this.log));
      this.lastEpoch = e;
      this.lastTrain = tr;
    }
    return true;
  }

  private sameAsLast(r: T): boolean {
    const [e, tr] = this.pick(r);
    return e === this.lastEpoch && Object.is(tr, this.lastTrain);
  }

  /**
   * Switching the log scale re-derives the values from the history (values ≤ 0 become gaps).
   * Returns true when the mode changed.
   */
  setLog(log: boolean, history: readonly T[]): boolean {
    if (log === this.log) return false;
    this.log = log;
    this.clear();
    this.sync(history);
    return true;
  }

  columns(): [number[], (number | null)[], (number | null)[]] {
    return [this.x, this.train, this.test];
  }

  private clear(): void {
    this.x.length = 0;
    this.train.length = 0;
    this.test.length = 0;
    this.lastEpoch = Number.NaN;
    this.lastTrain = Number.NaN;
  }
}

export const pickLoss = (r: EpochRecord): [number, number, number] => [r.epoch, r.trainLoss, r.testLoss];
export const pickAccuracy = (r: EpochRecord): [number, number, number] => [r.epoch, r.trainAccuracy, r.testAccuracy];
export const pickR2 = (r: R2Record): [number, number, number] => [r.epoch, r.train, r.test];

/** The latest figures, for the charts' text alternative. */
export function latest(history: readonly EpochRecord[]): EpochRecord | null {
  return history.length === 0 ? null : history[history.length - 1];
}

/** The record of the epoch with the lowest finite test loss (where early stopping restores to). */
export function bestTestEpoch(history: readonly EpochRecord[]): EpochRecord | null {
  let best: EpochRecord | null = null;
  for (const r of history) {
    if (Number.isFinite(r.testLoss) && (best === null || r.testLoss < best.testLoss)) best = r;
  }
  return best;
}
