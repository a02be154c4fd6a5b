import { describe, expect, it } from 'vitest';
import { formatRate, schedulePicture, SCHEDULE_FIELDS } from './schedule-view';
import { defaultSchedule, SCHEDULE_KINDS } from '../../../../workers/engine';

describe('schedulePicture', () => {
  it('draws a step decay that falls to the bottom half after the first drop', () => {
    const picture = schedulePicture(1, { kind: 'step', every: 10, factor: 0.5 }, 0, 40, 20, 5);
    // span 40 epochs, points at 0, 10, 20, 30, 40: rates 1, 0.5, 0.25, 0.125, 0.0625
    const ys = picture.path.split(' ').map((p) => Number(p.slice(1).split(',')[1]));
    expect(ys[0]).toBeCloseTo(2, 5);
    expect(ys[1]).toBeCloseTo(10, 5);
    expect(ys[4]).toBeGreaterThan(ys[3]);
    expect(picture.marker).toEqual({ x: 0, y: 2 });
  });

  it('puts the marker at the current epoch and drops it past the span', () => {
    const schedule = { kind: 'cyclical', halfCycle: 5, maxRate: 1 } as const;
    const mid = schedulePicture(0, schedule, 5, 40, 20);
    expect(mid.marker?.x).toBeCloseTo(10, 5);
    expect(mid.marker?.y).toBeCloseTo(2, 5);
    expect(schedulePicture(0, schedule, 21, 40, 20).marker).toBeNull();
  });

  it('draws a flat line for a constant rate', () => {
    const ys = schedulePicture(0.03, undefined, 0, 40, 20).path.split(' ').map((p) => Number(p.slice(1).split(',')[1]));
    expect(new Set(ys).size).toBe(1);
  });
});

describe('the schedule fields', () => {
  it('name every number of each kind', () => {
    for (const kind of SCHEDULE_KINDS) {
      const keys = Object.keys(defaultSchedule(kind, 0.03)).filter((k) => k !== 'kind');
      expect(SCHEDULE_FIELDS[kind].map((f) => f.key).sort()).toEqual(keys.sort());
    }
  });
});

describe('formatRate', () => {
  it('shows three significant digits', () => {
    expect(formatRate(0.03)).toBe('0.03');
    expect(formatRate(0.0123456)).toBe('0.0123');
    expect(formatRate(0.000012345)).toBe('1.23e-5');
  });
});
