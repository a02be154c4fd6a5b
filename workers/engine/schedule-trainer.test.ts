import { describe, expect, it } from 'vitest';
import type { LrSchedule, NetworkSpec, TrainSettings } from '../protocol';
import { compile } from './compile';
import { scheduledRate } from './schedule';
import { DEFAULT_SETTINGS } from './settings';
import { Trainer } from './trainer';
import { xorTable } from './__fixtures__/xor-table';

const SPEC: NetworkSpec = {
  groups: [
    { id: 'x', kind: 'input', units: 2, activation: 'linear', features: [{ op: 'id', a: 0 }, { op: 'id', a: 1 }] },
    { id: 'h', kind: 'hidden', units: 4, activation: 'tanh' },
    { id: 'out', kind: 'output', units: 1, activation: 'sigmoid' }
  ],
  edges: [
    { from: 'x', to: 'h' },
    { from: 'h', to: 'out' }
  ]
};

/** 60 training samples (every 4th of 80 held out), labelled by the sign of x0·x1. */
const table = () => xorTable(80, 3);

const SCHEDULES: LrSchedule[] = [
  { kind: 'step', every: 2, factor: 0.5 },
  { kind: 'exponential', every: 3, factor: 0.3 },
  { kind: 'cosine', epochs: 5, alpha: 0.1 },
  { kind: 'cyclical', halfCycle: 2, maxRate: 1 }
];

describe('the trainer follows the schedule', () => {
  for (const schedule of SCHEDULES) {
    it(`${schedule.kind}: each step uses the rate at its position in epochs`, () => {
      // batch 20 of 60 training samples: three steps an epoch, at 0, ⅓ and ⅔ of it.
      const base: TrainSettings = { ...DEFAULT_SETTINGS, learningRate: 0.2, batchSize: 20, optimizer: 'momentum' };
      const scheduled = new Trainer(compile(SPEC), table(), { ...base, schedule });
      const manual = new Trainer(compile(SPEC), table(), base);
      const rates: number[] = [];
      for (let k = 0; k < 24; k++) {
        const rate = scheduledRate(0.2, schedule, k / 3);
        expect(scheduled.currentLearningRate).toBeCloseTo(rate, 12);
        rates.push(rate);
        manual.setSettings({ learningRate: rate });
        scheduled.train(1);
        manual.train(1);
      }
      expect(Array.from(scheduled.params)).toEqual(Array.from(manual.params));
      // The schedule really moved the rate (a constant rate would make this test pass trivially).
      expect(Math.max(...rates) / Math.min(...rates)).toBeGreaterThan(1.5);
      const constant = new Trainer(compile(SPEC), table(), base);
      constant.train(24);
      expect(Array.from(constant.params)).not.toEqual(Array.from(scheduled.params));
    });
  }

  it('refuses a broken schedule and keeps the old settings', () => {
    const trainer = new Trainer(compile(SPEC), table(), DEFAULT_SETTINGS);
    expect(() => trainer.setSettings({ schedule: { kind: 'step', every: -1, factor: 0.5 } })).toThrow(/schedule\.every is -1/);
    expect(trainer.getSettings().schedule).toBeUndefined();
  });
});
