import { describe, expect, it } from 'vitest';
import type { EpochRecord } from '../../../../workers/protocol';
import { bestTestEpoch, latest, pickAccuracy, pickLoss, plotValue, SeriesBuffer } from './chart-data';

function rec(epoch: number, trainLoss: number, testLoss: number, acc = Number.NaN): EpochRecord {
  return { epoch, trainLoss, testLoss, trainAccuracy: acc, testAccuracy: acc };
}

describe('plotValue', () => {
  it('turns non-finite values into gaps and hides non-positive values on a log axis', () => {
    expect(plotValue(0.5, false)).toBe(0.5);
    expect(plotValue(Number.NaN, false)).toBeNull();
    expect(plotValue(Infinity, false)).toBeNull();
    expect(plotValue(0, false)).toBe(0);
    expect(plotValue(0, true)).toBeNull();
    expect(plotValue(-1, true)).toBeNull();
  });
});

describe('SeriesBuffer', () => {
  it('appends only the new epochs when the history grows', () => {
    const h = [rec(1, 0.9, 1.0), rec(2, 0.7, 0.8)];
    const buf = new SeriesBuffer(pickLoss);
    expect(buf.sync(h)).toBe(true);
    const xRef = buf.x;
    expect(buf.columns()).toEqual([[1, 2], [0.9, 0.7], [1.0, 0.8]]);
    const h2 = [...h, rec(3, 0.5, Number.NaN)];
    expect(buf.sync(h2)).toBe(true);
    expect(buf.x).toBe(xRef); // same array, appended in place
    expect(buf.columns()).toEqual([[1, 2, 3], [0.9, 0.7, 0.5], [1.0, 0.8, null]]);
    expect(buf.sync(h2)).toBe(false);
  });

  it('rebuilds after a reset starts a new history', () => {
    const buf = new SeriesBuffer(pickLoss);
    buf.sync([rec(1, 0.9, 1.0), rec(2, 0.7, 0.8), rec(3, 0.6, 0.7)]);
    expect(buf.sync([rec(1, 2, 3)])).toBe(true);
    expect(buf.columns()).toEqual([[1], [2], [3]]);
    expect(buf.sync([])).toBe(true);
    expect(buf.x).toEqual([]);
    expect(buf.sync([])).toBe(false);
  });

  it('re-derives values when switching to a log scale', () => {
    const h = [rec(1, 0, 0.5), rec(2, 0.25, -1)];
    const buf = new SeriesBuffer(pickLoss);
    buf.sync(h);
    buf.setLog(true, h);
    expect(buf.columns()).toEqual([[1, 2], [null, 0.25], [0.5, null]]);
    buf.setLog(false, h);
    expect(buf.columns()).toEqual([[1, 2], [0, 0.25], [0.5, -1]]);
  });

  it('picks accuracy columns', () => {
    const buf = new SeriesBuffer(pickAccuracy);
    buf.sync([rec(1, 1, 1, 0.75)]);
    expect(buf.columns()).toEqual([[1], [0.75], [0.75]]);
  });
});

describe('latest and bestTestEpoch', () => {
  it('finds the last record and the lowest finite test loss', () => {
    const h = [rec(1, 1, 0.9), rec(2, 0.8, 0.6), rec(3, 0.7, Number.NaN), rec(4, 0.6, 0.7)];
    expect(latest(h)?.epoch).toBe(4);
    expect(bestTestEpoch(h)?.epoch).toBe(2);
    expect(latest([])).toBeNull();
    expect(bestTestEpoch([])).toBeNull();
  });
});

describe('SeriesBuffer identity', () => {
  it('appends when the history is rebuilt as new objects with the same values', () => {
    const buf = new SeriesBuffer(pickLoss);
    buf.sync([rec(1, 0.9, 1.0), rec(2, 0.7, 0.8)]);
    const xRef = buf.x;
    expect(buf.sync([rec(1, 0.9, 1.0), rec(2, 0.7, 0.8), rec(3, 0.6, 0.7)])).toBe(true);
    expect(buf.x).toBe(xRef);
    expect(buf.x).toEqual([1, 2, 3]);
  });
  it('rebuilds when a reset history overtook the old length before the next sync', () => {
    const buf = new SeriesBuffer(pickLoss);
    buf.sync([rec(1, 0.9, 1.0), rec(2, 0.7, 0.8)]);
    buf.sync([rec(1, 0.95, 1.1), rec(2, 0.75, 0.85), rec(3, 0.5, 0.6)]);
    expect(buf.columns()).toEqual([[1, 2, 3], [0.95, 0.75, 0.5], [1.1, 0.85, 0.6]]);
  });
});

describe('SeriesBuffer thinning', () => {
  const long = (n: number) => Array.from({ length: n }, (_, i) => rec(i + 1, 1 / (i + 1), 2 / (i + 1)));

  it('keeps a long run under the point limit, from the first epoch to the newest', () => {
    const buf = new SeriesBuffer(pickLoss, false, 64);
    const h = long(10_000);
    buf.sync(h);
    expect(buf.x.length).toBeLessThanOrEqual(64);
    expect(buf.x.length).toBeGreaterThan(16);
    expect(buf.x[0]).toBe(1);
    expect(buf.x.at(-1)).toBe(10_000);
    expect(buf.train.at(-1)).toBeCloseTo(1 / 10_000);
    // Epochs stay in order and evenly spaced apart from the newest point.
    const gaps = new Set(buf.x.slice(1, -1).map((e, k) => e - buf.x[k]));
    expect(gaps.size).toBe(1);
  });

  it('appending in small pieces gives the same columns as reading the history at once', () => {
    const h = long(3000);
    const once = new SeriesBuffer(pickLoss, false, 100);
    once.sync(h);
    const pieces = new SeriesBuffer(pickLoss, false, 100);
    for (let n = 7; n < h.length; n += 37) pieces.sync(h.slice(0, n));
    pieces.sync(h);
    expect(pieces.columns()).toEqual(once.columns());
  });
});
