/**
 * The rules that end a run, as pure pieces: the divergence message (which group went non-finite),
 * early stopping on the test loss, the epoch limit, and the instability check (a finite blow-up read
 * from the loss curve). The Trainer applies the first three inside its loop; the session the last.
 */
import type { Divergence, EpochRecord } from '../protocol';
import type { Program } from './compile';
import { firstNonFiniteGroup } from './forward';
import type { Workspace } from './workspace';

export interface Stop {
  reason: string;
  kind: 'early-stopping' | 'max-epochs';
}

const word = (v: number): string => (Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity');

/**
 * Names the first group (topological order) with a non-finite z or a in the last pass, else the group
 * whose parameter `badParam` overflowed, else the loss.
 */
export function describeDivergence(
  program: Program,
  ws: Workspace,
  n: number,
  step: number,
  learningRate: number,
  badParam: number,
  value: number
): Divergence {
  const advice = `Lower the learning rate (now ${learningRate}) and press reset.`;
  const hit = firstNonFiniteGroup(program, ws, n);
  if (hit) {
    const g = program.groups[hit.group];
    return { step, group: g.id, message: `Training diverged at step ${step}: group "${g.name}" produced ${word(hit.value)}. ${advice}` };
  }
  if (badParam >= 0) {
    // A group's parameters are contiguous: its incoming weights, then biases, then PReLU slopes.
    const g = program.groups.find((x) => {
      if (x.kind === 'input') return false;
      const start = x.inEdges.length > 0 ? x.inEdges[0].offset : x.biasOffset;
      return badParam >= start && badParam < start + x.paramCount;
    });
    const what = g ? `the parameters of group "${g.name}" became ${word(value)}` : `a parameter became ${word(value)}`;
    return { step, group: g ? g.id : 'loss', message: `Training diverged at step ${step}: ${what}. ${advice}` };
  }
  return { step, group: 'loss', message: `Training diverged at step ${step}: the loss became ${word(value)}. ${advice}` };
}

/** Stops when the test loss has not improved for `patience` epochs (0 = off; no test set = off). */
export class EarlyStopping {
  private best = Infinity;
  private bestEpoch = 0;
  private since = 0;

  reset(): void {
    this.best = Infinity;
    this.bestEpoch = 0;
    this.since = 0;
  }

  /** Called once per epoch; the reason to stop, or null. */
  judge(record: EpochRecord, patience: number, hasTestSet: boolean): string | null {
    if (patience <= 0 || !hasTestSet) return null;
    if (record.testLoss < this.best) {
      this.best = record.testLoss;
      this.bestEpoch = record.epoch;
      this.since = 0;
      return null;
    }
    if (++this.since < patience) return null;
    return `Early stopping: the test loss has not improved for ${this.since} epochs (best ${this.best.toPrecision(4)} at epoch ${this.bestEpoch}).`;
  }
}

export function maxEpochsReason(maxEpochs: number): string {
  return `Reached the maximum of ${maxEpochs} epochs.`;
}

/** how many recent epochs the instability check judges together */
export const INSTABILITY_WINDOW = 20;
/** the median loss of the window must exceed the starting loss by this factor */
export const INSTABILITY_FACTOR = 1.2;

/**
 * A network can fail to learn without any value going non-finite: with a learning rate far too high,
 * tanh and sigmoid units saturate and the loss jumps around above where it started (spiral at rate 10
 * does exactly this). A sentence explaining why training should pause, or null when the loss behaves.
 */
export function instability(curve: readonly EpochRecord[], initialLoss: number, learningRate: number): string | null {
  if (!Number.isFinite(initialLoss) || initialLoss <= 0 || curve.length < INSTABILITY_WINDOW) return null;
  const sorted = curve
    .slice(-INSTABILITY_WINDOW)
    .map((r) => r.trainLoss)
    .sort((a, b) => a - b);
  const median = sorted[Math.floor(INSTABILITY_WINDOW / 2)];
  if (!(median > initialLoss * INSTABILITY_FACTOR)) return null;
  return (
    `Training is unstable: over the last ${INSTABILITY_WINDOW} epochs the loss (median ${median.toFixed(3)}) stayed above ` +
    `where it started (${initialLoss.toFixed(3)}). Paused — lower the learning rate (now ${learningRate}) and press reset.`
  );
}
