import { describe, expect, it } from 'vitest';
import type { LrSchedule } from '../protocol';
import { defaultSchedule, scheduleCurve, scheduledRate, scheduleProblems, SCHEDULE_KINDS } from './schedule';

/*
 * Keras' formulas, transcribed from keras/src/optimizers/schedules/learning_rate_schedule.py (Keras 3),
 * in optimizer steps. Ours count epochs; with steps = epochs × STEPS they must agree.
 */
const STEPS = 7;
function kerasExponentialDecay(initial: number, decaySteps: number, decayRate: number, staircase: boolean, step: number): number {
  let p = step / decaySteps;
  if (staircase) p = Math.floor(p);
  return initial * Math.pow(decayRate, p);
}
function kerasCosineDecay(initial: number, decaySteps: number, alpha: number, step: number): number {
  const s = Math.min(step, decaySteps);
  const cosineDecayed = 0.5 * (1 + Math.cos(Math.PI * (s / decaySteps)));
  const decayed = (1 - alpha) * cosineDecayed + alpha;
  return initial * decayed;
}
/** PiecewiseConstant: values[i] while boundaries[i-1] < step ≤ boundaries[i]. */
function kerasPiecewiseConstant(boundaries: number[], values: number[], step: number): number {
  for (let i = 0; i < boundaries.length; i++) if (step <= boundaries[i]) return values[i];
  return values[values.length - 1];
}
/** Smith (2017), "Cyclical Learning Rates for Training Neural Networks", triangular policy. */
function triangular(base: number, max: number, stepSize: number, iteration: number): number {
  const cycle = Math.floor(1 + iteration / (2 * stepSize));
  const x = Math.abs(iteration / stepSize - 2 * cycle + 1);
  return base + (max - base) * Math.max(0, 1 - x);
}

const STEP_POINTS = Array.from({ length: 400 }, (_, i) => i);

describe('scheduledRate', () => {
  it('constant (and no schedule) is the base rate everywhere', () => {
    for (const e of [0, 1.5, 1000]) {
      expect(scheduledRate(0.03, { kind: 'constant' }, e)).toBe(0.03);
      expect(scheduledRate(0.03, undefined, e)).toBe(0.03);
    }
  });

  it('exponential decay is Keras ExponentialDecay with decay_steps = every × steps per epoch', () => {
    const s: LrSchedule = { kind: 'exponential', every: 10, factor: 0.5 };
    for (const step of STEP_POINTS) {
      expect(scheduledRate(0.1, s, step / STEPS)).toBeCloseTo(kerasExponentialDecay(0.1, 10 * STEPS, 0.5, false, step), 12);
    }
    expect(scheduledRate(0.1, s, 10)).toBeCloseTo(0.05, 12);
    expect(scheduledRate(0.1, s, 5)).toBeCloseTo(0.1 / Math.SQRT2, 12);
  });

  it('step decay is staircase ExponentialDecay, and PiecewiseConstant between the drops', () => {
    const s: LrSchedule = { kind: 'step', every: 20, factor: 0.1 };
    for (const step of STEP_POINTS) {
      expect(scheduledRate(1, s, step / STEPS)).toBeCloseTo(kerasExponentialDecay(1, 20 * STEPS, 0.1, true, step), 12);
    }
    // PiecewiseConstant switches just after a boundary, staircase at it: they agree everywhere but on the boundary steps.
    const boundaries = [20 * STEPS, 40 * STEPS];
    const values = [1, 0.1, 0.01];
    for (const step of STEP_POINTS.filter((k) => !boundaries.includes(k))) {
      expect(scheduledRate(1, s, step / STEPS)).toBeCloseTo(kerasPiecewiseConstant(boundaries, values, step), 12);
    }
    expect(scheduledRate(1, s, 19.99)).toBe(1);
    expect(scheduledRate(1, s, 20)).toBeCloseTo(0.1, 12);
  });

  it('cosine is Keras CosineDecay, holding rate × alpha after the decay', () => {
    const s: LrSchedule = { kind: 'cosine', epochs: 30, alpha: 0.1 };
    for (const step of STEP_POINTS) {
      expect(scheduledRate(0.2, s, step / STEPS)).toBeCloseTo(kerasCosineDecay(0.2, 30 * STEPS, 0.1, step), 12);
    }
    expect(scheduledRate(0.2, s, 0)).toBeCloseTo(0.2, 12);
    expect(scheduledRate(0.2, s, 15)).toBeCloseTo(0.2 * (0.9 * 0.5 + 0.1), 12);
    expect(scheduledRate(0.2, s, 30)).toBeCloseTo(0.02, 12);
    expect(scheduledRate(0.2, s, 300)).toBeCloseTo(0.02, 12);
  });

  it('cyclical follows the triangular CLR formula: base → max in halfCycle epochs and back', () => {
    const s: LrSchedule = { kind: 'cyclical', halfCycle: 8, maxRate: 0.5 };
    for (const step of STEP_POINTS) {
      expect(scheduledRate(0.01, s, step / STEPS)).toBeCloseTo(triangular(0.01, 0.5, 8 * STEPS, step), 12);
    }
    expect(scheduledRate(0.01, s, 0)).toBeCloseTo(0.01, 12);
    expect(scheduledRate(0.01, s, 8)).toBeCloseTo(0.5, 12);
    expect(scheduledRate(0.01, s, 16)).toBeCloseTo(0.01, 12);
    expect(scheduledRate(0.01, s, 4)).toBeCloseTo(0.255, 12);
  });
});

describe('scheduleProblems', () => {
  it('accepts every default schedule', () => {
    for (const kind of SCHEDULE_KINDS) expect(scheduleProblems(defaultSchedule(kind, 0.03), 0.03)).toEqual([]);
    expect(scheduleProblems(undefined, 0.03)).toEqual([]);
  });

  it('names each bad field', () => {
    expect(scheduleProblems({ kind: 'step', every: 0, factor: 0.5 }, 0.1)).toEqual(['schedule.every is 0; it must be a number > 0']);
    expect(scheduleProblems({ kind: 'exponential', every: 5, factor: 2 }, 0.1)[0]).toMatch(/factor is 2.*≤ 1/);
    expect(scheduleProblems({ kind: 'cosine', epochs: 5, alpha: -1 }, 0.1)[0]).toMatch(/alpha/);
    expect(scheduleProblems({ kind: 'cyclical', halfCycle: 5, maxRate: 0.01 }, 0.1)[0]).toMatch(/at least the learning rate/);
    expect(scheduleProblems({ kind: 'cyclical', halfCycle: NaN, maxRate: 1 }, 0.1)[0]).toMatch(/halfCycle is NaN/);
    expect(scheduleProblems({ kind: 'warp' } as unknown as LrSchedule, 0.1)).toEqual(['unknown schedule "warp"']);
  });
});

describe('scheduleCurve', () => {
  it('samples the rate evenly from epoch 0 to the span', () => {
    const curve = scheduleCurve(1, { kind: 'step', every: 1, factor: 0.5 }, 2, 5);
    expect(Array.from(curve)).toEqual([1, 1, 0.5, 0.5, 0.25]);
  });
});
