import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosaver } from './autosave';
import type { SavedRecord } from './record';

function record(savedAt: number): SavedRecord {
  return { savedAt } as unknown as SavedRecord;
}

function recordingStore() {
  const saved: number[] = [];
  return {
    saved,
    async saveCurrent(r: SavedRecord) {
      saved.push(r.savedAt);
    }
  };
}

describe('createAutosaver', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes once, a delay after the last of a burst, with the latest record', async () => {
    const store = recordingStore();
    const saver = createAutosaver(store, { delayMs: 400 });
    const built: number[] = [];
    for (let i = 1; i <= 5; i++) {
      saver.schedule(() => {
        built.push(i);
        return record(i);
      });
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(store.saved).toEqual([]);
    expect(saver.pending).toBe(true);
    // 100 ms have passed since the last schedule: 299 more is still too early.
    await vi.advanceTimersByTimeAsync(299);
    expect(store.saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await saver.flush();
    expect(store.saved).toEqual([5]);
    // Only the record that was written was ever built.
    expect(built).toEqual([5]);
    expect(saver.pending).toBe(false);
  });

  it('flush writes a pending save at once and is a no-op when nothing is pending', async () => {
    const store = recordingStore();
    const saver = createAutosaver(store);
    await saver.flush();
    expect(store.saved).toEqual([]);
    saver.schedule(() => record(7));
    await saver.flush();
    expect(store.saved).toEqual([7]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.saved).toEqual([7]);
  });

  it('flushes on pagehide and when the page is hidden, and not after dispose', async () => {
    const store = recordingStore();
    const win = new EventTarget();
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    const saver = createAutosaver(store, { lifecycle: win, visibility: doc });
    saver.schedule(() => record(1));
    win.dispatchEvent(new Event('pagehide'));
    await saver.flush();
    expect(store.saved).toEqual([1]);

    saver.schedule(() => record(2));
    doc.dispatchEvent(new Event('visibilitychange'));
    await Promise.resolve();
    expect(store.saved).toEqual([1]);
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    await saver.flush();
    expect(store.saved).toEqual([1, 2]);

    saver.schedule(() => record(3));
    saver.dispose();
    win.dispatchEvent(new Event('pagehide'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.saved).toEqual([1, 2]);
  });

  it('keeps writes in order and survives a store that rejects', async () => {
    const order: number[] = [];
    let fail = true;
    const store = {
      async saveCurrent(r: SavedRecord) {
        await new Promise((resolve) => setTimeout(resolve, r.savedAt === 1 ? 50 : 1));
        if (fail) {
          fail = false;
          throw new Error('disk full');
        }
        order.push(r.savedAt);
      }
    };
    const saver = createAutosaver(store, { delayMs: 10 });
    saver.schedule(() => record(1));
    const first = saver.flush();
    saver.schedule(() => record(2));
    const second = saver.flush();
    await vi.advanceTimersByTimeAsync(100);
    await expect(first).resolves.toBeUndefined();
    await expect(second).resolves.toBeUndefined();
    // The slow first write failed; the second still landed, after it.
    expect(order).toEqual([2]);
    saver.schedule(() => record(3));
    await vi.advanceTimersByTimeAsync(20);
    await saver.flush();
    expect(order).toEqual([2, 3]);
  });
});
