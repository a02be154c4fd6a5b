/**
 * The pictures and words of a learning-rate schedule for the small control beside the learning rate:
 * an SVG path of the rate over the epochs that show its shape, the marker for "now", and short labels.
 */
import { scheduleCurve, scheduledRate, scheduleSpan } from '../../../../workers/engine';
import type { LrSchedule, LrScheduleKind } from '../../../../workers/protocol';

export const SCHEDULE_LABELS: Record<LrScheduleKind, string> = {
  constant: 'constant',
  step: 'step decay',
  exponential: 'exponential',
  cosine: 'cosine',
  cyclical: 'cyclical'
};

/** The fields of each kind: key, label, and the rule the number must meet. */
export interface ScheduleField {
  key: string;
  label: string;
  min: number;
  max: number;
  exclusiveMin: boolean;
  title: string;
}

export const SCHEDULE_FIELDS: Record<LrScheduleKind, ScheduleField[]> = {
  constant: [],
  step: [
    { key: 'every', label: 'every (epochs)', min: 0, max: 1e9, exclusiveMin: true, title: 'Epochs between two drops of the rate' },
    { key: 'factor', label: 'factor', min: 0, max: 1, exclusiveMin: true, title: 'Each drop multiplies the rate by this' }
  ],
  exponential: [
    { key: 'every', label: 'decay epochs', min: 0, max: 1e9, exclusiveMin: true, title: 'Epochs over which the rate is multiplied by the factor once' },
    { key: 'factor', label: 'factor', min: 0, max: 1, exclusiveMin: true, title: 'rate × factor^(epoch / decay epochs)' }
  ],
  cosine: [
    { key: 'epochs', label: 'over (epochs)', min: 0, max: 1e9, exclusiveMin: true, title: 'Epochs from the full rate down to the floor' },
    { key: 'alpha', label: 'floor (× rate)', min: 0, max: 1, exclusiveMin: false, title: 'Where the rate ends, as a share of the starting rate' }
  ],
  cyclical: [
    { key: 'halfCycle', label: 'half cycle (epochs)', min: 0, max: 1e9, exclusiveMin: true, title: 'Epochs from the lowest rate to the highest (and as many back)' },
    { key: 'maxRate', label: 'max rate', min: 0, max: 10, exclusiveMin: true, title: 'The highest rate of each cycle; the learning rate is the lowest' }
  ]
};

export interface SchedulePicture {
  /** SVG path of the rate over [0, span] epochs, in a width × height box, 0 at the bottom */
  path: string;
  /** where "now" is, or null once the run is past the span */
  marker: { x: number; y: number } | null;
  span: number;
}

/** The rate curve in a width × height box; the marker sits at `epoch` (fractional). */
export function schedulePicture(learningRate: number, schedule: LrSchedule | undefined, epoch: number, width: number, height: number, points = 48): SchedulePicture {
  const span = scheduleSpan(schedule);
  const curve = scheduleCurve(learningRate, schedule, span, points);
  const now = scheduledRate(learningRate, schedule, epoch);
  // The marker's rate counts too: a sampled curve can miss a cyclical peak by a little.
  let top = epoch <= span ? now : 0;
  for (const r of curve) top = Math.max(top, r);
  const pad = 2;
  const y = (rate: number) => (top > 0 ? height - pad - (rate / top) * (height - 2 * pad) : height - pad);
  const x = (e: number) => (e / span) * width;
  const path = Array.from(curve, (rate, i) => `${i === 0 ? 'M' : 'L'}${x((span * i) / (points - 1)).toFixed(1)},${y(rate).toFixed(1)}`).join(' ');
  const marker = epoch <= span ? { x: x(epoch), y: y(now) } : null;
  return { path, marker, span };
}

/** A learning rate in the top bar: three significant digits, exponent only for tiny rates. */
export function formatRate(rate: number): string {
  if (!Number.isFinite(rate)) return String(rate);
  if (rate !== 0 && Math.abs(rate) < 1e-4) return rate.toExponential(2);
  return String(Number(rate.toPrecision(3)));
}
