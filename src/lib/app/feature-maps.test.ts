import { describe, expect, it, vi } from 'vitest';
import type { FeatureMaps } from '../../../workers/protocol';
import { FeatureMapWatch, MIN_INTERVAL_MS } from './feature-maps.svelte';

const maps = (tag: number): FeatureMaps => ({ groups: [], output: Float32Array.of(tag) });

/** An ask that the test answers by hand, and a clock it moves. */
function harness() {
  const pending: { input: Float32Array | { sample: number }; resolve: (m: FeatureMaps) => void; reject: (e: Error) => void }[] = [];
  let time = 1000;
  const watch = new FeatureMapWatch(
    (input) => new Promise<FeatureMaps>((resolve, reject) => pending.push({ input, resolve, reject })),
    () => time
  );
  return { watch, pending, advance: (ms: number) => (time += ms) };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('FeatureMapWatch', () => {
  it('asks for the watched sample, one question at a time, and asks again once the answer is in', async () => {
    const { watch, pending, advance } = harness();
    watch.setSource({ kind: 'sample', row: 4 });
    expect(pending.map((p) => p.input)).toEqual([{ sample: 4 }]);
    watch.refresh();
    watch.refresh();
    expect(pending).toHaveLength(1);
    advance(MIN_INTERVAL_MS);
    pending[0].resolve(maps(1));
    await flush();
    expect(watch.maps?.output[0]).toBe(1);
    expect(watch.answered).toBe(watch.source);
    // the refreshes that came while the first was in flight become one more question
    expect(pending).toHaveLength(2);
  });

  it('waits out the minimum interval between questions', async () => {
    vi.useFakeTimers();
    try {
      const { watch, pending, advance } = harness();
      watch.setSource({ kind: 'sample', row: 0 });
      pending[0].resolve(maps(1));
      await vi.advanceTimersByTimeAsync(0);
      watch.refresh();
      // too soon after the last question: it waits
      expect(pending).toHaveLength(1);
      advance(MIN_INTERVAL_MS);
      await vi.advanceTimersByTimeAsync(MIN_INTERVAL_MS);
      expect(pending).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('drops an answer about the previous sample, and says why a question failed', async () => {
    const { watch, pending, advance } = harness();
    watch.setSource({ kind: 'sample', row: 1 });
    const drawn = new Float32Array(4);
    watch.setSource({ kind: 'drawn', values: drawn });
    pending[0].resolve(maps(1));
    await flush();
    expect(watch.maps).toBeNull();
    expect(watch.answered).toBeNull();
    expect(pending[1].input).toBe(drawn);
    advance(MIN_INTERVAL_MS);
    pending[1].reject(new Error('A raw input needs 784 values'));
    await flush();
    expect(watch.error).toBe('A raw input needs 784 values');
    watch.setSource(null);
    expect(watch.maps).toBeNull();
    watch.dispose();
  });
});
