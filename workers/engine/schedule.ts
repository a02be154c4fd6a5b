/**
 * Learning-rate schedules: the rate at a point of the run, as a pure function of the base rate, the
 * schedule and the position in epochs (fractional within an epoch). The formulas are Keras' own
 * (ExponentialDecay, CosineDecay, staircase ExponentialDecay for step decay) and Smith's triangular
 * cyclical rate, with Keras' optimizer step replaced by epochs, so an export with
 * `steps = epochs × steps_per_epoch` follows the same curve.
 */
import type { LrSchedule, LrScheduleKind } from '../protocol';

export const SCHEDULE_KINDS = ['constant', 'step', 'exponential', 'cosine', 'cyclical'] as const satisfies readonly LrScheduleKind[];

/** A sensible schedule of each kind for a run of a few hundred epochs: what the page offers when the kind is picked. */
export function defaultSchedule(kind: LrScheduleKind, learningRate: number): LrSchedule {
  switch (kind) {
    case 'constant':
      return { kind };
    case 'step':
      return { kind, every: 100, factor: 0.5 };
    case 'exponential':
      return { kind, every: 100, factor: 0.5 };
    case 'cosine':
      return { kind, epochs: 500, alpha: 0 };
    case 'cyclical':
      return { kind, halfCycle: 50, maxRate: learningRate * 10 };
  }
}

/** The learning rate `epoch` epochs into the run (epoch ≥ 0; fractions are progress within an epoch). */
export function scheduledRate(learningRate: number, schedule: LrSchedule | undefined, epoch: number): number {
  const t = Math.max(0, epoch);
  if (!schedule) return learningRate;
  switch (schedule.kind) {
    case 'constant':
      return learningRate;
    case 'step':
      return learningRate * Math.pow(schedule.factor, Math.floor(t / schedule.every));
    case 'exponential':
      return learningRate * Math.pow(schedule.factor, t / schedule.every);
    case 'cosine': {
      const progress = Math.min(t, schedule.epochs) / schedule.epochs;
      const cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
      return learningRate * ((1 - schedule.alpha) * cosine + schedule.alpha);
    }
    case 'cyclical': {
      const cycle = Math.floor(1 + t / (2 * schedule.halfCycle));
      const x = Math.abs(t / schedule.halfCycle - 2 * cycle + 1);
      return learningRate + (schedule.maxRate - learningRate) * Math.max(0, 1 - x);
    }
  }
}

/** Every problem with a schedule, in words (empty when it is usable). */
export function scheduleProblems(schedule: LrSchedule | undefined, learningRate: number): string[] {
  if (schedule === undefined) return [];
  if (schedule === null || typeof schedule !== 'object') return [`schedule is ${String(schedule)}; it must be an object`];
  const problems: string[] = [];
  const positive = (name: string, value: unknown, max = Infinity): void => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max) {
      problems.push(`schedule.${name} is ${String(value)}; it must be a number > 0${max < Infinity ? ` and ≤ ${max}` : ''}`);
    }
  };
  switch (schedule.kind) {
    case 'constant':
      break;
    case 'step':
    case 'exponential':
      positive('every', schedule.every);
      positive('factor', schedule.factor, 1);
      break;
    case 'cosine':
      positive('epochs', schedule.epochs);
      if (typeof schedule.alpha !== 'number' || !(schedule.alpha >= 0 && schedule.alpha <= 1)) {
        problems.push(`schedule.alpha is ${String(schedule.alpha)}; it must be a number from 0 to 1`);
      }
      break;
    case 'cyclical':
      positive('halfCycle', schedule.halfCycle);
      positive('maxRate', schedule.maxRate);
      if (typeof schedule.maxRate === 'number' && schedule.maxRate < learningRate) {
        problems.push(`schedule.maxRate is ${schedule.maxRate}; it must be at least the learning rate (${learningRate})`);
      }
      break;
    default:
      problems.push(`unknown schedule "${String((schedule as { kind: unknown }).kind)}"`);
  }
  return problems;
}

/** Points of the rate over the first `epochs` epochs, for the small curve beside the learning-rate control. */
export function scheduleCurve(learningRate: number, schedule: LrSchedule | undefined, epochs: number, points: number): Float64Array {
  const out = new Float64Array(points);
  for (let i = 0; i < points; i++) out[i] = scheduledRate(learningRate, schedule, (epochs * i) / Math.max(1, points - 1));
  return out;
}

/** How many epochs make the schedule's shape visible (two periods, or the cosine's length and a little after). */
export function scheduleSpan(schedule: LrSchedule | undefined): number {
  if (!schedule) return 100;
  switch (schedule.kind) {
    case 'constant':
      return 100;
    case 'step':
    case 'exponential':
      return schedule.every * 4;
    case 'cosine':
      return schedule.epochs * 1.2;
    case 'cyclical':
      return schedule.halfCycle * 4;
  }
}
