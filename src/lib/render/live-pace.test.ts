import { describe, expect, it } from 'vitest';
import { LIVE_INTERVAL_MS, LIVE_MAX_INTERVAL_MS, liveDelay, liveInterval } from './live-pace';

describe('live redraw pacing', () => {
  it('spaces updates by the base interval when they are cheap, longer when they are slow, up to a cap', () => {
    expect(liveInterval(2)).toBe(LIVE_INTERVAL_MS);
    expect(liveInterval(20)).toBe(200);
    expect(liveInterval(500)).toBe(LIVE_MAX_INTERVAL_MS);
    expect(liveInterval(Number.NaN)).toBe(LIVE_INTERVAL_MS);
  });
  it('waits out the rest of the interval while training, and never when paused', () => {
    expect(liveDelay(1000, 980, 66, true)).toBe(46);
    expect(liveDelay(1100, 980, 66, true)).toBe(0);
    expect(liveDelay(1000, 980, 66, false)).toBe(0);
    expect(liveDelay(0, Number.NEGATIVE_INFINITY, 66, true)).toBe(0);
  });
});
