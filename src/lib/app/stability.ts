/**
 * A network can fail to learn without any value going non-finite: with a learning rate far too high, tanh and
 * sigmoid units saturate and the loss jumps around above where it started (spiral at rate 10 does exactly this).
 * The engine only stops on NaN/Infinity; this notices the finite kind of blow-up from the loss curve. Pure.
 */
import type { EpochRecord } from '../../../workers/protocol';

/** how many recent epochs are judged together */
export const WINDOW = 20;
/** the median loss of the window must exceed the starting loss by this factor */
export const FACTOR = 1.2;

/** A sentence explaining why training should pause, or null when the loss is behaving. */
export function instability(curve: readonly EpochRecord[], initialLoss: number, learningRate: number): string | null {
  if (!Number.isFinite(initialLoss) || initialLoss <= 0 || curve.length < WINDOW) return null;
  const recent = curve.slice(-WINDOW).map((r) => r.trainLoss);
  const sorted = [...recent].sort((a, b) => a - b);
  const median = sorted[Math.floor(WINDOW / 2)];
  if (!(median > initialLoss * FACTOR)) return null;
  return (
    `Training is unstable: over the last ${WINDOW} epochs the loss (median ${median.toFixed(3)}) stayed above ` +
    `where it started (${initialLoss.toFixed(3)}). Paused — lower the learning rate (now ${learningRate}) and press reset.`
  );
}
