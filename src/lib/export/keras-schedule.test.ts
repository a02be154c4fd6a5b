import { describe, expect, it } from 'vitest';
import { compile } from '../../../workers/engine';
import type { LrSchedule } from '../../../workers/protocol';
import { toSpec } from '../model/spec';
import { DENSE_STACK, readableParams } from './__fixtures__/networks';
import { kerasCode } from './keras';
import { scheduleCode, stepsPerEpoch } from './keras-schedule';

function exported(schedule: LrSchedule | undefined, trainCount = 120, batchSize = 10): string {
  const layout = compile(toSpec(DENSE_STACK.doc)).layout;
  const settings = { ...DENSE_STACK.settings!, learningRate: 0.05, optimizer: 'adam' as const, batchSize, schedule };
  return kerasCode(DENSE_STACK.doc, layout, readableParams(layout), { settings, columns: DENSE_STACK.columns, trainCount });
}

describe('stepsPerEpoch', () => {
  it('counts minibatches, rounding up; full batch is one step', () => {
    expect(stepsPerEpoch(120, 10)).toBe(12);
    expect(stepsPerEpoch(125, 10)).toBe(13);
    expect(stepsPerEpoch(125, 0)).toBe(1);
    expect(stepsPerEpoch(5, 10)).toBe(1);
  });
});

describe('schedules in the Keras export', () => {
  it('a constant rate stays a number in the optimizer', () => {
    const code = exported({ kind: 'constant' });
    expect(code).toContain('keras.optimizers.Adam(learning_rate=0.05,');
    expect(code).not.toContain('lr_schedule');
    expect(exported(undefined)).toBe(code);
  });

  it('exponential decay becomes ExponentialDecay in steps', () => {
    const code = exported({ kind: 'exponential', every: 20, factor: 0.5 });
    expect(code).toContain('STEPS_PER_EPOCH = 12');
    expect(code).toContain(
      'lr_schedule = keras.optimizers.schedules.ExponentialDecay(initial_learning_rate=0.05, decay_steps=20.0 * STEPS_PER_EPOCH, decay_rate=0.5)'
    );
    expect(code).toContain('keras.optimizers.Adam(learning_rate=lr_schedule,');
    // The schedule is defined before the optimizer uses it.
    expect(code.indexOf('lr_schedule =')).toBeLessThan(code.indexOf('learning_rate=lr_schedule'));
  });

  it('step decay is staircase ExponentialDecay; cosine is CosineDecay', () => {
    expect(exported({ kind: 'step', every: 50, factor: 0.1 })).toContain('decay_steps=50.0 * STEPS_PER_EPOCH, decay_rate=0.1, staircase=True)');
    expect(exported({ kind: 'cosine', epochs: 300, alpha: 0.05 }, 200, 0)).toContain(
      'keras.optimizers.schedules.CosineDecay(initial_learning_rate=0.05, decay_steps=int(300.0 * STEPS_PER_EPOCH), alpha=0.05)'
    );
  });

  it('cyclical defines a Triangular LearningRateSchedule subclass', () => {
    const code = exported({ kind: 'cyclical', halfCycle: 8, maxRate: 0.5 });
    expect(code).toContain('class Triangular(keras.optimizers.schedules.LearningRateSchedule):');
    expect(code).toContain('lr_schedule = Triangular(initial_learning_rate=0.05, maximal_learning_rate=0.5, step_size=8.0 * STEPS_PER_EPOCH)');
    expect(code).toContain('cycle = tf.floor(1 + step / (2 * self.step_size))');
  });

  it('every kind but constant yields code', () => {
    expect(scheduleCode(0.1, { kind: 'constant' }, 3)).toBeNull();
    for (const s of [
      { kind: 'step', every: 1, factor: 0.5 },
      { kind: 'exponential', every: 1, factor: 0.5 },
      { kind: 'cosine', epochs: 1, alpha: 0 },
      { kind: 'cyclical', halfCycle: 1, maxRate: 1 }
    ] as LrSchedule[]) {
      expect(scheduleCode(0.1, s, 3)?.argument).toBe('lr_schedule');
    }
  });
});
