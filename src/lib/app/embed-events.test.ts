// The host hears about every stop: the engine's own (max epochs, early stopping), divergence, and any
// other pause (the page's instability pause, the learner's Pause) — once each.
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../workers/protocol';
import type { AxonEvent } from '../embed/messages';
import { eventsFromSnapshots } from './embed-commands.svelte';

const record = { epoch: 1, trainLoss: 0.5, testLoss: 0.6, trainAccuracy: 0.8, testAccuracy: 0.7 };
function snap(patch: Partial<Snapshot>): Snapshot {
  return { epochs: [], running: true, diverged: null, stopReason: null, current: record, ...patch } as unknown as Snapshot;
}

function hear(reason: () => string | null = () => null) {
  const events: AxonEvent[] = [];
  const on = eventsFromSnapshots((e) => events.push(e), () => true, reason);
  const stops = () => events.filter((e) => e.type === 'stopped' || e.type === 'diverged');
  return { on, stops };
}

describe('eventsFromSnapshots: one event for every stop', () => {
  it('an instability pause (no engine reason) is a stopped event carrying the page’s reason', () => {
    const { on, stops } = hear(() => 'The loss is growing: training paused.');
    on(snap({ running: true }));
    on(snap({ running: false }));
    on(snap({ running: false }));
    expect(stops()).toEqual([{ axon: 1, type: 'stopped', reason: 'The loss is growing: training paused.' }]);
  });

  it('a plain pause says "paused"; the engine’s reason is passed on once; divergence is a diverged event only', () => {
    const paused = hear();
    paused.on(snap({ running: true }));
    paused.on(snap({ running: false }));
    expect(paused.stops()).toEqual([{ axon: 1, type: 'stopped', reason: 'paused' }]);

    const limit = hear(() => 'ignored');
    limit.on(snap({ running: true }));
    limit.on(snap({ running: false, stopReason: 'Reached 100 epochs.' }));
    limit.on(snap({ running: false, stopReason: 'Reached 100 epochs.' }));
    expect(limit.stops()).toEqual([{ axon: 1, type: 'stopped', reason: 'Reached 100 epochs.' }]);

    const nan = hear();
    nan.on(snap({ running: true }));
    nan.on(snap({ running: false, diverged: { step: 9, group: 'loss', message: 'NaN at step 9' } }));
    expect(nan.stops()).toEqual([{ axon: 1, type: 'diverged', step: 9, message: 'NaN at step 9' }]);
  });
});
