import { describe, expect, it } from 'vitest';
import { INPUT_HOLD_MS, INPUT_REST_RATIO, REST_MAX_MS, REST_SHARE, restAfterSnapshot, restForInput } from './pacer';

describe('the worker rests after a snapshot', () => {
  it('rests a share of the time since the previous snapshot', () => {
    expect(restAfterSnapshot(1100, 1000)).toBeCloseTo(100 * REST_SHARE);
    expect(restAfterSnapshot(1033, 1000)).toBeCloseTo(33 * REST_SHARE);
  });

  it('never longer than REST_MAX_MS, however slow the snapshots come', () => {
    expect(restAfterSnapshot(5000, 1000)).toBe(REST_MAX_MS);
  });

  it('does not rest after the first snapshot of a run or on a clock that went back', () => {
    expect(restAfterSnapshot(1000, Number.NaN)).toBe(0);
    expect(restAfterSnapshot(1000, 1000)).toBe(0);
    expect(restAfterSnapshot(900, 1000)).toBe(0);
  });

  it('keeps training at least (1 − REST_SHARE) of the time at any snapshot rate', () => {
    for (const interval of [5, 16, 33, 100, 200, 1000]) {
      expect(restAfterSnapshot(interval, 0) / interval).toBeLessThanOrEqual(REST_SHARE + 1e-9);
    }
  });
});

describe('the worker leaves the CPU to a person using the page', () => {
  it('rests INPUT_REST_RATIO times each slice while input is recent', () => {
    expect(restForInput(1000, 990, 12)).toBe(12 * INPUT_REST_RATIO);
    expect(restForInput(1000 + INPUT_HOLD_MS - 1, 1000, 8)).toBe(8 * INPUT_REST_RATIO);
  });

  it('trains flat out again INPUT_HOLD_MS after the last input, and before any', () => {
    expect(restForInput(1000 + INPUT_HOLD_MS, 1000, 12)).toBe(0);
    expect(restForInput(1000, Number.NEGATIVE_INFINITY, 12)).toBe(0);
    expect(restForInput(1000, Number.NaN, 12)).toBe(0);
  });

  it('never rests for a clock that went back or a negative slice', () => {
    expect(restForInput(900, 1000, 12)).toBe(0);
    expect(restForInput(1000, 990, -5)).toBe(0);
  });

  it('keeps training 1 / (1 + INPUT_REST_RATIO) of the time while input lasts', () => {
    const slice = 12;
    expect(slice / (slice + restForInput(1000, 999, slice))).toBeCloseTo(1 / (1 + INPUT_REST_RATIO));
  });
});
