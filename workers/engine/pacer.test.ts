import { describe, expect, it } from 'vitest';
import { REST_MAX_MS, REST_SHARE, restAfterSnapshot } from './pacer';

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
