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

/** Most points a chart column holds: a few per pixel of a chart, however long the run. */
export const MAX_POINTS = 1024;

/**
 * Three columns (epoch, train, test) kept in step with a growing history.
 * `sync` appends when the new history extends the old one and rebuilds when it does not
 * (a reset starts the history again from epoch 1).
 * A long run is thinned as it grows: every `stride`-th record is kept, and when the columns reach
 * MAX_POINTS every other point is dropped and the stride doubles, so drawing a chart costs the same after
 * a million epochs as after a thousand. The newest record is always the last point (the curve reaches now).
 */
export class SeriesBuffer<T> {
  readonly x: number[] = [];
  readonly train: (number | null)[] = [];
  readonly test: (number | null)[] = [];
  /** history records read so far */
  private read = 0;
  /** every stride-th record (by position in the history) is kept */
  private stride = 1;
  /** the last point is the newest record, off the stride grid (replaced on the next sync) */
  private tail = false;
  /** raw (epoch, train) of the last record read, to recognise a history that merely grew */
  private lastEpoch = Number.NaN;
  private lastTrain = Number.NaN;

  constructor(
    private readonly pick: (r: T) => [number, number, number],
    private log = false,
    private readonly maxPoints = MAX_POINTS
  ) {}

  /**
   * Returns true when anything changed. Records are compared by value, not identity, so a
   * history rebuilt as a new array (or wrapped in a reactive proxy) still appends cheaply.
   */
  sync(history: readonly T[]): boolean {
    const n = this.read;
    if (history.length < n || (n > 0 && !this.sameAsLast(history[n - 1]))) {
      this.clear();
      if (history.length === 0) return true;
    }
    if (history.length === this.read) return false;
    if (this.tail) this.pop();
    for (let i = this.read; i < history.length; i++) {
      const last = i === history.length - 1;
      if (i % this.stride !== 0 && !last) continue;
      this.push(history[i]);
      this.tail = i % this.stride !== 0;
      if (this.x.length > this.maxPoints) this.thin();
    }
    const [e, tr] = this.pick(history[history.length - 1]);
    this.lastEpoch = e;
    this.lastTrain = tr;
    this.read = history.length;
    return true;
  }

  private push(r: T): void {
    const [e, tr, te] = this.pick(r);
    this.x.push(e);
    this.train.push(plotValue(tr, this.log));
    this.test.push(plotValue(te, this.log));
  }

  private pop(): void {
    this.x.pop();
    this.train.pop();
    this.test.pop();
    this.tail = false;
  }

  /** Keep every other point (the ones on the doubled stride) and double the stride. */
  private thin(): void {
    const tail = this.tail;
    const keep = tail ? this.x.length - 1 : this.x.length;
    let w = 0;
    for (let k = 0; k < keep; k += 2, w++) {
      this.x[w] = this.x[k];
      this.train[w] = this.train[k];
      this.test[w] = this.test[k];
    }
    if (tail) {
      this.x[w] = this.x[keep];
      this.train[w] = this.train[keep];
      this.test[w] = this.test[keep];
      w++;
    }
    this.x.length = w;
    this.train.length = w;
    this.test.length = w;
    this.stride *= 2;
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
    this.read = 0;
    this.stride = 1;
    this.tail = false;
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
