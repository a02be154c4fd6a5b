import { describe, expect, it } from 'vitest';
import { calibrate, formatRate, formatTable, interleaveOrder, median, timeInterleaved, type Contender } from './harness';

describe('median', () => {
  it('takes the middle of an odd count and the mean of the two middles of an even count', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });
  it('does not reorder its input and refuses an empty list', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('interleaveOrder', () => {
  it('rotates the contenders each round', () => {
    expect(interleaveOrder(3, 3)).toEqual([0, 1, 2, 1, 2, 0, 2, 0, 1]);
  });
  it('runs every contender once per round and in every position over count rounds', () => {
    const order = interleaveOrder(4, 8);
    expect(order).toHaveLength(32);
    for (let c = 0; c < 4; c++) expect(order.filter((i) => i === c)).toHaveLength(8);
    for (let position = 0; position < 4; position++) {
      const seen = new Set([0, 1, 2, 3].map((round) => order[round * 4 + position]));
      expect(seen.size).toBe(4);
    }
  });
});

/** A fake clock advanced by the fake workloads, so timings are exact. */
function fakeClock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('calibrate and timeInterleaved', () => {
  it('picks iterations so one repeat takes the target time', () => {
    const clock = fakeClock();
    const n = calibrate((iterations) => clock.advance(iterations * 0.5), 100, clock.now);
    expect(n).toBe(200);
  });

  it('reports the median rate of each contender, in items per second, whatever the order', async () => {
    const clock = fakeClock();
    const log: string[] = [];
    let slowCalls = 0;
    const fast: Contender = {
      name: 'fast',
      itemsPerIteration: 10,
      // untimed preparation: advances the clock a lot, and must not count
      before: async () => void clock.advance(1000),
      run: (n) => (log.push('fast'), clock.advance(n * 1))
    };
    // one outlier repeat (call 5: after 1 calibration call and 1 warm-up, the third timed call) must not move the median
    const slow: Contender = {
      name: 'slow',
      itemsPerIteration: 1,
      run: (n) => {
        slowCalls++;
        log.push('slow');
        clock.advance(n * 4 * (slowCalls === 5 ? 10 : 1));
      }
    };
    const results = await timeInterleaved([fast, slow], { warmupRounds: 1, rounds: 5, targetMs: 40, now: clock.now });
    expect(results.map((r) => r.name)).toEqual(['fast', 'slow']);
    expect(results[0].rate).toBeCloseTo(10 * 1000, 6); // 10 items per 1 ms
    expect(results[1].rate).toBeCloseTo(1000 / 4, 6); // 1 item per 4 ms
    expect(results[1].rates.some((r) => r < 100)).toBe(true);
    expect(results[0].rates).toHaveLength(5);
    // timed part alternates: fast slow, slow fast, ...
    expect(log.slice(-4)).toEqual(['slow', 'fast', 'fast', 'slow']);
  });
});

describe('formatting', () => {
  it('aligns a table and abbreviates rates', () => {
    const text = formatTable(['w', 'rate'], [['W1', '12.3k'], ['W22', '1.00']]);
    expect(text.split('\n')).toEqual(['w     rate', '---  -----', 'W1   12.3k', 'W22   1.00']);
    expect(formatRate(12345)).toBe('12.3k');
    expect(formatRate(2_500_000)).toBe('2.50M');
    expect(formatRate(0.5)).toBe('0.500');
  });
});
