import { describe, expect, it } from 'vitest';
import type { EpochRecord } from '../protocol';
import { SnapshotMaker, type RunState } from './session-snapshot';
import type { Trainer } from './trainer';

const record = (epoch: number): EpochRecord => ({
  epoch,
  trainLoss: 1 / (epoch + 1),
  testLoss: NaN,
  trainAccuracy: NaN,
  testAccuracy: NaN,
  trainR2: NaN,
  testR2: NaN
});

/** A trainer stand-in whose whole-set evaluation is slow (1 s) and counted. */
function slowTrainer(clock: { now: number }) {
  const counts = { evaluations: 0 };
  const trainer = {
    evaluate: () => {
      counts.evaluations++;
      clock.now += 1000;
      return record(0);
    },
    confusion: () => null,
    regression: () => null,
    evaluateGrid: () => undefined,
    program: { groups: [], layout: { unitCount: 0 } },
    stepCount: 0,
    epochCount: 0,
    params: new Float32Array(0),
    frozen: new Uint8Array(0)
  } as unknown as Trainer;
  return { trainer, counts };
}

const running: RunState = { run: 1, running: true, stepsPerSecond: 0, diverged: null, stopReason: null, stopKind: null };

describe('SnapshotMaker', () => {
  it('takes the record of an epoch that just ended as the current figure instead of waiting out a slow evaluation', () => {
    const clock = { now: 0 };
    const maker = new SnapshotMaker(() => clock.now);
    const { trainer, counts } = slowTrainer(clock);
    maker.connect();
    const first = maker.take(trainer, running, clock.now).snapshot!;
    expect(first.current?.epoch).toBe(0);
    expect(counts.evaluations).toBe(1);

    // One second later (the throttle allows a 1 s evaluation only every 10 s) epoch 1 ends.
    clock.now += 1000;
    maker.acknowledge(first.seq);
    maker.addEpochs([record(1)]);
    maker.changed(false);
    const second = maker.take(trainer, running, clock.now).snapshot!;
    expect(second.current?.epoch).toBe(1);
    expect(counts.evaluations).toBe(1);
  });
});
