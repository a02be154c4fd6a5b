/**
 * The page's one frame scheduler. Every live view (the network canvas, the output boundary, the charts)
 * registers here and draws only when the scheduler calls it, in one requestAnimationFrame callback per frame.
 *
 * Each frame, while training:
 *   1. the frame's timestamp goes to the pacer (frame-pacer), which adapts the live-update periods
 *      from the frame rate the screen actually got;
 *   2. a view with new data ("dirty") redraws when its period has passed since its last live draw, it is
 *      visible (on screen, page not hidden) and, for expensive views, fresh data arrived since the last
 *      frame (so the expensive canvases change in the same frames as everything else, and each slow
 *      composited frame carries as much change as possible);
 *   3. a view that asked for an interactive redraw (camera, hover, drag) draws now, whatever the period;
 *      while such requests keep coming (a person is hovering, dragging, panning), or any input arrives
 *      (noteInput: typing, pressing a button), the live views drop to the ladder's slowest rung for
 *      INTERACTION_HOLD_MS after the last one, and live data is drawn in the frames the input makes anyway
 *      (or after LIVE_FLOOR_MS without one), so no heavy live frame of its own stands between an
 *      input and its picture;
 *   4. once the cheap period has nearly passed since the last time, the callbacks waiting for "the next live update" run:
 *      the engine client acknowledges the last snapshot there, so the worker sends the next one just in
 *      time and no faster than the page shows them (and the page's text figures follow the same beat).
 * When training stops, every view draws at once with `full: true`.
 * The class is pure (the clock and the frame request are injected) and tested with a fake clock; the
 * browser driver at the end of the file connects it to requestAnimationFrame and document.hidden.
 */
import { LADDER, LivePacer, type LivePeriods } from './frame-pacer';

export type ViewCost = 'cheap' | 'expensive';

export interface FrameInfo {
  /** apply the newest live data in this draw */
  live: boolean;
  /** training is not running: draw at full quality */
  full: boolean;
}

export interface FrameView {
  /** for the stats (the bench prints updates per second per view) */
  name: string;
  cost: ViewCost;
  draw(frame: FrameInfo): void;
}

export interface ViewHandle {
  /** new live data: drawn when the view's live period allows */
  invalidate(): void;
  /** an interactive change: drawn in the next frame */
  request(): void;
  /** off screen views do not draw; coming back into view draws the newest data at once */
  setVisible(visible: boolean): void;
  dispose(): void;
}

export interface FrameHost {
  requestFrame(callback: (now: number) => void): void;
  /** where a throwing view is reported (the other views still draw) */
  report?(error: unknown): void;
}

export interface SchedulerStats {
  rung: number;
  periods: LivePeriods;
  frames: number;
  /** live draws per view name since the page loaded */
  views: Record<string, number>;
}

interface Entry {
  view: FrameView;
  dirty: boolean;
  requested: boolean;
  visible: boolean;
  lastLive: number;
}

/** The next snapshot is asked for this long before the period ends: it arrives in time for its frame. */
export const ACK_LEAD_MS = 16;
/** After an interactive redraw, live views keep to the slowest rung this long. */
export const INTERACTION_HOLD_MS = 300;
/** Live data waits at most this long (for fresh data to batch with, or for a frame a person's input makes). */
export const LIVE_FLOOR_MS = 250;

export class FrameScheduler {
  readonly #host: FrameHost;
  readonly #pacer = new LivePacer();
  readonly #entries = new Set<Entry>();
  #waiters: (() => void)[] = [];
  #training = false;
  #hidden = false;
  #scheduled = false;
  #fresh = false;
  #lastFlush = Number.NEGATIVE_INFINITY;
  #lastInteraction = Number.NEGATIVE_INFINITY;
  #frames = 0;
  readonly #counts: Record<string, number> = {};

  constructor(host: FrameHost) {
    this.#host = host;
  }

  get training(): boolean {
    return this.#training;
  }

  register(view: FrameView, visible = true): ViewHandle {
    const entry: Entry = { view, dirty: false, requested: true, visible, lastLive: Number.NEGATIVE_INFINITY };
    this.#entries.add(entry);
    this.#counts[view.name] ??= 0;
    this.#want();
    return {
      invalidate: () => {
        entry.dirty = true;
        this.#fresh = true;
        this.#want();
      },
      request: () => {
        entry.requested = true;
        this.#want();
      },
      setVisible: (next) => {
        if (next === entry.visible) return;
        entry.visible = next;
        // Back in view: show the newest data now rather than after a period.
        if (next) {
          entry.requested = true;
          entry.lastLive = Number.NEGATIVE_INFINITY;
          this.#want();
        }
      },
      dispose: () => {
        this.#entries.delete(entry);
      }
    };
  }

  setTraining(training: boolean): void {
    if (training === this.#training) return;
    this.#training = training;
    if (!training) {
      this.#pacer.break();
      // Paused: every view draws its last data at full quality in the next frame.
      for (const entry of this.#entries) entry.requested = true;
    }
    this.#want();
  }

  setPageHidden(hidden: boolean): void {
    this.#hidden = hidden;
    if (hidden) this.#pacer.break();
    else {
      for (const entry of this.#entries) entry.requested = true;
      this.#want();
    }
  }

  /**
   * A person used the page at `now` (performance.now()): a pointer, the wheel or a key, anywhere. Live views
   * keep to the slowest rung for INTERACTION_HOLD_MS, as after an interactive redraw, so typing a number or
   * pressing a button is not answered behind a queue of heavy live frames.
   */
  noteInput(now: number): void {
    if (now > this.#lastInteraction) this.#lastInteraction = now;
  }

  /** Run `callback` when the page is ready for the next live data (the engine client's acknowledgement). */
  afterLive(callback: () => void): void {
    this.#waiters.push(callback);
    this.#want();
  }

  /** One frame; `now` is the requestAnimationFrame timestamp. */
  frame(now: number): void {
    this.#scheduled = false;
    if (this.#hidden) return;
    this.#frames++;
    const training = this.#training;
    if (training) this.#pacer.frame(now);
    let inputFrame = false;
    for (const entry of this.#entries) if (entry.requested && entry.visible) inputFrame = true;
    if (inputFrame) this.#lastInteraction = now;
    const interacting = now - this.#lastInteraction < INTERACTION_HOLD_MS;
    const periods = !training ? { cheap: 0, expensive: 0 } : interacting ? LADDER[LADDER.length - 1] : this.#pacer.periods;
    const fresh = this.#fresh;
    this.#fresh = false;
    for (const entry of [...this.#entries]) {
      if (!entry.visible) continue;
      const period = periods[entry.view.cost];
      const since = now - entry.lastLive;
      // Live data never waits longer than LIVE_FLOOR_MS: every visible view updates 4 times a second or more.
      const late = since >= LIVE_FLOOR_MS - ACK_LEAD_MS;
      // An expensive view waits for fresh data to batch with, unless it is a whole period late (or just late).
      const waited = late || since >= 2 * period - ACK_LEAD_MS;
      const due = since >= period - ACK_LEAD_MS && (entry.view.cost === 'cheap' || fresh || waited || !training);
      // While a person interacts, live data rides on a frame their input makes anyway rather than costing a
      // slow frame of its own between two of theirs, unless it is late.
      const rides = !training || !interacting || inputFrame || late;
      const live = entry.dirty && due && rides;
      if (!live && !entry.requested) continue;
      entry.requested = false;
      if (live) {
        entry.dirty = false;
        entry.lastLive = now;
        this.#counts[entry.view.name]++;
      }
      try {
        entry.view.draw({ live, full: !training });
      } catch (error) {
        this.#host.report?.(error);
      }
    }
    if (this.#waiters.length && (!training || now - this.#lastFlush >= periods.cheap - ACK_LEAD_MS)) {
      this.#lastFlush = now;
      const waiters = this.#waiters;
      this.#waiters = [];
      for (const w of waiters) w();
    }
    this.#want();
  }

  stats(): SchedulerStats {
    return { rung: this.#pacer.rung, periods: this.#pacer.periods, frames: this.#frames, views: { ...this.#counts } };
  }

  /** Ask for a frame when there is anything to do: a draw, a waiter, or frames to measure while training. */
  #want(): void {
    if (this.#scheduled || this.#hidden) return;
    let needed = this.#training || this.#waiters.length > 0;
    for (const entry of this.#entries) if (entry.visible && (entry.requested || entry.dirty)) needed = true;
    if (!needed) return;
    this.#scheduled = true;
    this.#host.requestFrame((now) => this.frame(now));
  }
}

let shared: FrameScheduler | null = null;

/** The page's scheduler, driven by requestAnimationFrame and document visibility (created on first use). */
export function pageFrames(): FrameScheduler {
  if (shared) return shared;
  const scheduler = new FrameScheduler({
    requestFrame: (callback) => requestAnimationFrame(callback),
    report: (error) => console.error('A live view failed to draw:', error)
  });
  shared = scheduler;
  if (typeof document !== 'undefined') {
    scheduler.setPageHidden(document.hidden);
    document.addEventListener('visibilitychange', () => scheduler.setPageHidden(document.hidden));
  }
  if (typeof window !== 'undefined') {
    // For the page bench and the curious: what the scheduler decided.
    (window as unknown as { __axonFrames?: { stats(): SchedulerStats } }).__axonFrames = { stats: () => scheduler.stats() };
  }
  return scheduler;
}

/** Keep a view's visibility in step with whether `element` is on screen. Returns the disconnect. */
export function observeVisibility(element: Element, handle: ViewHandle): () => void {
  if (typeof IntersectionObserver === 'undefined') return () => {};
  const observer = new IntersectionObserver((entries) => {
    const last = entries[entries.length - 1];
    if (last) handle.setVisible(last.isIntersecting);
  });
  observer.observe(element);
  return () => observer.disconnect();
}
