/**
 * How often live views may redraw while training, adapted from the frames that actually reach the screen.
 *
 * On software WebGL most of a live update's cost is paid outside the main thread (rasterising and
 * compositing in the GPU process), so main-thread timers cannot see it; the interval between
 * requestAnimationFrame callbacks can. The pacer looks at those intervals in windows of about half a
 * second: when the window's frame rate falls below FPS_LOW it moves one rung up a ladder of update
 * periods, and when the window ran at FPS_HIGH or better it moves one rung down. The slowest rung still
 * updates every view more than 4 times a second.
 * Pure: the scheduler feeds it frame timestamps, tests feed it a fake clock.
 */

/**
 * Milliseconds between live updates (beats), rungs from fastest to slowest; the last one is the floor of the
 * live-update rate (5 updates a second). Every view changes in the same beat: with software GL every frame
 * that changes anything on screen costs a whole-page composite.
 * The fastest rung is 10 updates a second, not 30: each beat also costs the worker a snapshot (every unit's
 * heat-map). In the page bench (2 → 6×8 → 1, 58–60 fps in every case) training kept 73–74 % of its undrawn
 * speed with 20 beats a second, 69–84 % with 16–18, and 86–88 % with 10.
 */
export const LADDER: readonly number[] = [100, 133, 166, 200];

/** Below this frame rate the live views slow down… */
export const FPS_LOW = 54;
/** …and at or above this one they speed up again. */
export const FPS_HIGH = 58;
/** A window is judged once it spans this long. */
export const WINDOW_MS = 500;
/** A gap this long is not a frame (a hidden tab, a paused loop): the window restarts. */
export const GAP_MS = 1000;
/** Where a new pacer starts: 10 updates a second, the fastest rung, which a frame rate that drops leaves. */
export const START_RUNG = 0;

export class LivePacer {
  #rung = START_RUNG;
  #windowStart = Number.NaN;
  #last = Number.NaN;
  #frames = 0;

  /** The current period between beats, in ms. */
  get period(): number {
    return LADDER[this.#rung];
  }

  get rung(): number {
    return this.#rung;
  }

  /** A frame was shown at `now` (a requestAnimationFrame timestamp, in ms) while live views were running. */
  frame(now: number): void {
    if (!Number.isFinite(this.#last) || now - this.#last > GAP_MS || now < this.#last) {
      this.#windowStart = now;
      this.#last = now;
      this.#frames = 0;
      return;
    }
    this.#last = now;
    this.#frames++;
    const span = now - this.#windowStart;
    if (span < WINDOW_MS) return;
    const fps = (this.#frames * 1000) / span;
    if (fps < FPS_LOW) this.#rung = Math.min(LADDER.length - 1, this.#rung + 1);
    else if (fps >= FPS_HIGH) this.#rung = Math.max(0, this.#rung - 1);
    this.#windowStart = now;
    this.#frames = 0;
  }

  /** Forget the frame history (training stopped): the next run starts a fresh window at the same rung. */
  break(): void {
    this.#last = Number.NaN;
  }
}
