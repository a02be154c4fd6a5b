/**
 * How often the network canvas redraws from live snapshots. Snapshots arrive up to 60 times a second while
 * training; redrawing every link and heat-map that often costs more than it shows (software GL drops to a
 * few frames a second). Live updates are spaced by at least LIVE_INTERVAL_MS, and further on a slow machine
 * so that they take at most 1/LIVE_BUDGET of the main thread. A paused network (step, reset, an edited
 * weight) is drawn at once. Pure, so the pacing is tested without a browser.
 */

/** ~15 redraws a second: link widths and heat-maps still move smoothly to the eye. */
export const LIVE_INTERVAL_MS = 66;
/** a live update may use one tenth of the time between updates */
export const LIVE_BUDGET = 10;
/** never wait longer than this between updates, however slow the last one was */
export const LIVE_MAX_INTERVAL_MS = 1000;

/** The spacing after a live update that took `costMs` of main-thread time. */
export function liveInterval(costMs: number): number {
  const cost = Number.isFinite(costMs) && costMs > 0 ? costMs : 0;
  return Math.min(LIVE_MAX_INTERVAL_MS, Math.max(LIVE_INTERVAL_MS, cost * LIVE_BUDGET));
}

/** Milliseconds to wait before drawing a snapshot that arrived at `now` (0: draw it in the next frame). */
export function liveDelay(now: number, lastDrawn: number, interval: number, running: boolean): number {
  if (!running) return 0;
  return Math.max(0, lastDrawn + interval - now);
}
