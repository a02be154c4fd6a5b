/**
 * How much to train in one slice, and how fast training went: slices sized to about SLICE_MS of work
 * (so pause feels instant), an optional pace in epochs per second (so a person can watch the curves
 * grow), and a steps-per-second meter over the last second. Pure: times come in as arguments.
 */

/** Work per slice before yielding to the message queue. */
export const SLICE_MS = 12;
/** Under a pace, wait at least this long between slices (and at most a frame). */
const PACED_WAIT_MIN_MS = 4;
const PACED_WAIT_MAX_MS = 16;
/** The teaching pace: about one epoch per displayed frame. */
export const TEACHING_PACE = 60;

export class Pacer {
  /** epochs per second while playing; 0 = as fast as the machine can */
  private epochsPerSecond = TEACHING_PACE;
  private stepsPerSlice = 1;
  /** fractional steps owed under a pace */
  private credit = 0;
  private lastSliceAt = 0;
  private windowStart = 0;
  private windowSteps = 0;
  private rate = 0;

  get pace(): number {
    return this.epochsPerSecond;
  }

  setPace(epochsPerSecond: number, now: number): void {
    this.epochsPerSecond = Number.isFinite(epochsPerSecond) && epochsPerSecond > 0 ? epochsPerSecond : 0;
    this.credit = 0;
    this.lastSliceAt = now;
  }

  /** Play pressed: owe nothing, start measuring the rate afresh. */
  start(now: number): void {
    this.credit = 0;
    this.lastSliceAt = now;
    this.windowStart = now;
    this.windowSteps = 0;
  }

  /** Steps this slice may run (0 = wait for the pace to owe a step). */
  budget(now: number, stepsPerEpoch: number): number {
    if (this.epochsPerSecond === 0) return this.stepsPerSlice;
    const stepsPerSecond = this.epochsPerSecond * stepsPerEpoch;
    // Owe at most a tenth of a second: a stalled page does not bank a burst of steps.
    this.credit = Math.min(this.credit + ((now - this.lastSliceAt) / 1000) * stepsPerSecond, Math.max(1, stepsPerSecond / 10));
    this.lastSliceAt = now;
    const budget = Math.min(this.stepsPerSlice, Math.floor(this.credit));
    this.credit -= budget;
    return budget;
  }

  /** After a slice: grow or shrink the slice towards SLICE_MS of work and count the steps. */
  record(steps: number, elapsedMs: number, now: number): void {
    if (steps > 0) {
      const perStep = elapsedMs / steps;
      this.stepsPerSlice = Math.max(1, Math.min(100_000, Math.round(SLICE_MS / Math.max(perStep, 1e-4))));
    }
    this.windowSteps += steps;
    if (now - this.windowStart >= 1000) {
      this.rate = (this.windowSteps * 1000) / (now - this.windowStart);
      this.windowStart = now;
      this.windowSteps = 0;
    }
  }

  /**
   * Milliseconds until the next slice: 0 (yield, then go on) when unpaced or when the pace still owes a
   * step (a pace faster than the machine, e.g. MNIST at 60 epochs/s, must not cost a timer per slice);
   * else about the time until the pace owes one, between 4 ms and a frame.
   */
  wait(stepsPerEpoch: number): number {
    if (this.epochsPerSecond === 0 || this.credit >= 1) return 0;
    const msPerStep = 1000 / (this.epochsPerSecond * stepsPerEpoch);
    return Math.max(PACED_WAIT_MIN_MS, Math.min(PACED_WAIT_MAX_MS, (1 - this.credit) * msPerStep));
  }

  /** steps per second over the last full second */
  get stepsPerSecond(): number {
    return this.rate;
  }
}

/**
 * The worker's rest after each snapshot it sends while training flat out. The page draws a snapshot in
 * the frames that follow its arrival, and on a machine without GPU acceleration that frame is rasterised
 * and composited on the CPU (SwiftShader's threads in the browser's GPU process). With two cores, a
 * worker that keeps training straight on takes one of them and starves those threads, so each live frame
 * takes several times longer. Resting just then, and only for a share of the time since the previous
 * snapshot, gives the page's frame the CPU when it needs it and costs training at most REST_SHARE of its
 * steps.
 */
export const REST_SHARE = 0.25;
/** A rest never lasts longer than this (a slow page must not slow training further). */
export const REST_MAX_MS = 50;

/** Milliseconds to rest after sending a snapshot at `now`, when the previous one went at `previous`. */
export function restAfterSnapshot(now: number, previous: number): number {
  const since = now - previous;
  if (!Number.isFinite(since) || since <= 0) return 0;
  return Math.min(REST_MAX_MS, since * REST_SHARE);
}

/**
 * While a person is using the page (pointer, wheel or keys), training flat out leaves them the CPU: after
 * each slice the worker rests INPUT_REST_RATIO times as long as the slice took, until INPUT_HOLD_MS after
 * the page last said so. On two cores without GPU acceleration the worker otherwise holds one core while
 * SwiftShader's raster threads need both for the frame that answers the input; measured in the page bench
 * (2 → 6×8 → 1), a hover's p95 input-to-frame fell from about 100 ms to about 60 ms at a third of the
 * steps, and training returns to full speed as soon as the input stops.
 */
export const INPUT_REST_RATIO = 2;
export const INPUT_HOLD_MS = 300;

/**
 * After a press, a release or a key the worker rests this long outright: the frame that answers it needs
 * both cores for the moment it is drawn, and a person typing or clicking loses little training to it. In
 * the page bench (6×8 training, two runs each, with the page's quiet window after such input) the pooled
 * input p95 was 44 and 54 ms with this rest, 51 and 56 ms without; keystrokes 40–48 ms against 64–80 ms.
 */
export const DISCRETE_INPUT_REST_MS = 100;

/** Milliseconds to rest after a slice that took `sliceMs`, when input was last noted at `inputAt`. */
export function restForInput(now: number, inputAt: number, sliceMs: number): number {
  if (!(now - inputAt < INPUT_HOLD_MS) || now < inputAt) return 0;
  return Math.max(0, sliceMs) * INPUT_REST_RATIO;
}
