import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Busy, SHOW_AFTER_MS } from './busy.svelte';

describe('Busy', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('is active at once, shown only after the delay, and idle when the work ends (even when it fails)', async () => {
    const busy = new Busy();
    let finish!: () => void;
    const running = busy.during('Building the network', new Promise<void>((resolve) => (finish = resolve)));
    expect(busy.active?.label).toBe('Building the network');
    expect(busy.shown).toBeNull();
    vi.advanceTimersByTime(SHOW_AFTER_MS + 1);
    expect(busy.shown?.label).toBe('Building the network');
    finish();
    await running;
    expect(busy.active).toBeNull();
    expect(busy.shown).toBeNull();

    await expect(busy.during('Loading', Promise.reject(new Error('offline')))).rejects.toThrow('offline');
    expect(busy.active).toBeNull();
  });

  it('reports progress where the work knows it', async () => {
    const busy = new Busy();
    let seen: number | null = null;
    await busy.during('Loading the digits', async (report) => {
      report(0.5);
      seen = busy.active?.progress ?? null;
    });
    expect(seen).toBe(0.5);
  });
});
