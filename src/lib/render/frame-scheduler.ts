/**
 * The page's one frame scheduler. Every live view (the network canvas, the output boundary, the charts)
 * registers here and draws only when the scheduler calls it, in one requestAnimationFrame callback per frame.
 *
 * On software GL every frame that changes anything on screen costs a whole-page composite (30–50 ms on a
 * 2-core machine), so while training everything live changes together, in one frame per live update: the
 * beat. In a beat frame:
 *   1. the snapshots that arrived since the last beat are handed to the page (`deliver`), and the page is
 *      settled (the host's `settle`: Svelte's flushSync), so its text figures change in this frame and its
 *      views are marked dirty now;
 *   2. every visible dirty view draws its newest data;
 *   3. the callbacks waiting for "the next live update" run: the engine client acknowledges the last
 *      snapshot there, so the worker sends the next one during the period, no faster than the page shows them.
 * A beat comes when something live waits and the live period has passed since the last one. The period comes
 * from the pacer (frame-pacer), which adapts it from the frame rate the screen actually got.
 * Input first: for INTERACTION_HOLD_MS after any input (noteInput: a pointer, the wheel, a key) or an
 * interactive redraw (camera, drag: drawn in the next frame, whatever the beat), there is no beat: the live
 * views take turns (see #turn), one view's live draw riding on a frame that answers the input anyway (one
 * composite for both), not a slow frame of its own between two of a person's, and never the whole page's
 * live drawing in the frame the next press or key waits behind. A press or a key gets a quiet window of
 * DISCRETE_QUIET_MS with no live draw at all (see noteInput). Live data still never waits longer than
 * LIVE_FLOOR_MS: every visible view updates at least 4 times a second.
 * When training stops, every view draws at once with `full: true`; while not training, arrivals are handed
 * over at once.
 * The class is pure (the clock and the frame request are injected) and tested with a fake clock; the
 * browser driver at the end of the file connects it to requestAnimationFrame, document.hidden and Svelte.
 */
import { flushSync } from 'svelte';
import { LADDER, LivePacer } from './frame-pacer';

export interface FrameInfo {
  /** apply the newest live data in this draw */
  live: boolean;
  /** training is not running: draw at full quality */
  full: boolean;
}

export interface FrameView {
  /** for the stats (the bench prints updates per second per view) */
  name: string;
  draw(frame: FrameInfo): void;
}

export interface ViewHandle {
  /** new live data: drawn in the next beat (at once while not training) */
  invalidate(): void;
  /** an interactive change: drawn in the next frame */
  request(): void;
  /**
   * A redraw nobody is waiting for (a picture moved by CSS, drawn sharp again): drawn in the first frame
   * outside a press's or key's quiet window (DISCRETE_QUIET_MS), or with a beat while training (the live
   * draw does it anyway), so its heavy frame does not come between a person's keys or clicks and their answer.
   */
  requestWhenQuiet(): void;
  /** off screen views do not draw; coming back into view draws the newest data at once */
  setVisible(visible: boolean): void;
  dispose(): void;
}

export interface FrameHost {
  requestFrame(callback: (now: number) => void): void;
  /** performance.now(): when a requestWhenQuiet was made */
  now(): number;
  /** where a throwing view is reported (the other views still draw) */
  report?(error: unknown): void;
  /** bring the page up to date with what was delivered (Svelte's flushSync), before the views draw */
  settle?(): void;
}

export interface SchedulerStats {
  rung: number;
  /** ms between beats */
  period: number;
  frames: number;
  /** live draws per view name since the page loaded */
  views: Record<string, number>;
}

interface Entry {
  view: FrameView;
  dirty: boolean;
  requested: boolean;
  /** requestWhenQuiet since the last draw, and when (performance.now()) */
  quietRequestAt: number | null;
  visible: boolean;
  lastLive: number;
}

/** Frames come every 16.7 ms: a period counts as passed this much before its end. */
export const FRAME_SLACK_MS = 16;
/** After an interactive redraw or any input, the beat keeps to the slowest rung this long. */
export const INTERACTION_HOLD_MS = 300;
/** Live data waits at most this long (for a frame a person's input makes). */
export const LIVE_FLOOR_MS = 250;
/** After a press, a release or a key, no beat for this long (unless live data is late: see noteInput). */
export const DISCRETE_QUIET_MS = 100;

export class FrameScheduler {
  readonly #host: FrameHost;
  readonly #pacer = new LivePacer();
  readonly #entries = new Set<Entry>();
  #waiters: (() => void)[] = [];
  #training = false;
  #hidden = false;
  #scheduled = false;
  /** snapshots (and the like) that arrived while training, handed to the page in the next beat */
  #arrivals: (() => void)[] = [];
  #lastBeat = Number.NEGATIVE_INFINITY;
  /** the last turn's frame (see #turn) */
  #lastTurn = Number.NEGATIVE_INFINITY;
  #lastInteraction = Number.NEGATIVE_INFINITY;
  /** input arrived since the last frame: the next frame answers it */
  #inputSinceFrame = false;
  /** no beat before this time (a press or a key is being answered) */
  #quietUntil = Number.NEGATIVE_INFINITY;
  #frames = 0;
  readonly #counts: Record<string, number> = {};

  constructor(host: FrameHost) {
    this.#host = host;
  }

  get training(): boolean {
    return this.#training;
  }

  register(view: FrameView, visible = true): ViewHandle {
    const entry: Entry = { view, dirty: false, requested: true, quietRequestAt: null, visible, lastLive: Number.NEGATIVE_INFINITY };
    this.#entries.add(entry);
    this.#counts[view.name] ??= 0;
    this.#want();
    return {
      invalidate: () => {
        entry.dirty = true;
        this.#want();
      },
      request: () => {
        entry.requested = true;
        this.#want();
      },
      requestWhenQuiet: () => {
        entry.quietRequestAt ??= this.#host.now();
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
      this.#handOver();
      this.#pacer.break();
      // Paused: every view draws its last data at full quality in the next frame.
      for (const entry of this.#entries) entry.requested = true;
    }
    this.#want();
  }

  setPageHidden(hidden: boolean): void {
    this.#hidden = hidden;
    if (hidden) {
      // No frames while hidden: what arrived goes to the page now.
      this.#handOver();
      this.#pacer.break();
    } else {
      for (const entry of this.#entries) entry.requested = true;
      this.#want();
    }
  }

  /**
   * A person used the page at `now` (performance.now()): a pointer, the wheel or a key, anywhere. The next
   * frame answers it (a due turn rides on it), and for INTERACTION_HOLD_MS the live views take turns instead
   * of beating together, so typing a number or pressing a button is not answered behind heavy live frames.
   * A `discrete` input (a press, a release, a key) is one a person waits to see answered, and the frame
   * that answers it is presented only after the frames before it: for DISCRETE_QUIET_MS no live draw comes,
   * on its frame or after, unless live data would wait past LIVE_FLOOR_MS. Page bench, 6×8 training, two runs
   * each, with the worker resting after such input too: pooled p95 44 and 54 ms with this window, 56 and 56
   * ms without it. Nor does a requestWhenQuiet redraw, training or not.
   */
  noteInput(now: number, discrete = false): void {
    if (now > this.#lastInteraction) this.#lastInteraction = now;
    if (discrete) this.#quietUntil = Math.max(this.#quietUntil, now + DISCRETE_QUIET_MS);
    this.#inputSinceFrame = true;
    this.#want();
  }

  /**
   * Hand something that arrived (a snapshot) to the page: in the next beat while training, so it changes
   * the page in the same frame as the live views; at once otherwise (or while the page is hidden).
   */
  deliver(arrival: () => void): void {
    this.#arrivals.push(arrival);
    if (!this.#training || this.#hidden) this.#handOver();
    else this.#want();
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
    let answering = this.#inputSinceFrame;
    this.#inputSinceFrame = false;
    for (const entry of this.#entries) if (entry.requested && entry.visible) answering = true;
    if (answering) this.#lastInteraction = now;
    const interacting = now - this.#lastInteraction < INTERACTION_HOLD_MS;
    const liveNow = training && interacting ? this.#turn(now, answering) : this.#beat(now, training);
    const quiet = now >= this.#quietUntil;
    for (const entry of [...this.#entries]) {
      if (!entry.visible) continue;
      // A view back in view catches up at once, beat or not.
      const live = entry.dirty && (liveNow(entry) || entry.lastLive === Number.NEGATIVE_INFINITY);
      if (!live && !entry.requested && !this.#quietDrawDue(entry, now, quiet, training)) continue;
      entry.requested = false;
      entry.quietRequestAt = null;
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
    this.#want();
  }

  /**
   * The beat, while training and nobody interacts: when something live waits and the period has passed, the
   * arrivals go to the page and every visible view with new data draws it, in this one frame. Not training,
   * every frame is one. Returns which views draw live.
   */
  #beat(now: number, training: boolean): (entry: Entry) => boolean {
    let waiting = this.#arrivals.length > 0 || this.#waiters.length > 0;
    for (const entry of this.#entries) if (entry.dirty && entry.visible) waiting = true;
    if (training && !(waiting && now - this.#lastBeat >= this.#pacer.period - FRAME_SLACK_MS)) return () => false;
    if (waiting) {
      this.#lastBeat = now;
      this.#handOver();
    }
    this.#releaseWaiters();
    return () => true;
  }

  /**
   * While a person interacts with a training page, the live views take turns: a frame that answers their
   * input carries at most one view's live draw, so the next press or key never waits behind a frame that
   * redraws every view at once (on software GL such a frame keeps the GPU process 30–35 ms for 6×8: the
   * page's composite ~12, the network canvas ~10, the other views and the text ~9). A round starts when every visible view has drawn the data of the last: the arrivals
   * go to the page (its text figures change then) and the worker is told it may send the next; then the views
   * draw it one a turn, the one waiting longest first. Turns come every LIVE_FLOOR_MS / (visible views), so
   * every view still updates at least 4 times a second, ride on frames that answer input outside a press's
   * quiet window, and come on their own only when live data would wait past LIVE_FLOOR_MS.
   */
  #turn(now: number, answering: boolean): (entry: Entry) => boolean {
    const visible = [...this.#entries].filter((entry) => entry.visible);
    const period = Math.min(LADDER[LADDER.length - 1], LIVE_FLOOR_MS / Math.max(1, visible.length));
    // The view whose live data has waited longest (none: the round is over, or none has begun).
    const longestWaiting = () =>
      visible.reduce<Entry | null>((oldest, entry) => (entry.dirty && (oldest === null || entry.lastLive < oldest.lastLive) ? entry : oldest), null);
    let next = longestWaiting();
    const late = now - (next ? next.lastLive : this.#lastBeat) >= LIVE_FLOOR_MS - FRAME_SLACK_MS;
    const fits = late || (answering && now >= this.#quietUntil);
    if (now - this.#lastTurn < period - FRAME_SLACK_MS || !fits) return () => false;
    if (next === null) {
      if (this.#arrivals.length === 0 && this.#waiters.length === 0) return () => false;
      this.#lastBeat = now;
      this.#handOver();
      this.#releaseWaiters();
      next = longestWaiting();
      if (next === null) return () => false;
    }
    this.#lastTurn = now;
    return (entry) => entry === next;
  }

  /** The callbacks waiting for the next live update run (the engine client acknowledges a snapshot there). */
  #releaseWaiters(): void {
    if (this.#waiters.length === 0) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }

  /**
   * A requestWhenQuiet is drawn outside the quiet window; while training it waits for the beat's live draw
   * (the draw above takes it along), or up to LIVE_FLOOR_MS when no live data comes.
   */
  #quietDrawDue(entry: Entry, now: number, quiet: boolean, training: boolean): boolean {
    if (entry.quietRequestAt === null || !quiet) return false;
    return !training || now - entry.quietRequestAt >= LIVE_FLOOR_MS - FRAME_SLACK_MS;
  }

  /** Hand the arrivals to the page, in order, and let the page settle (its views are marked dirty then). */
  #handOver(): void {
    if (this.#arrivals.length === 0) return;
    const arrivals = this.#arrivals;
    this.#arrivals = [];
    for (const arrival of arrivals) {
      try {
        arrival();
      } catch (error) {
        this.#host.report?.(error);
      }
    }
    try {
      this.#host.settle?.();
    } catch (error) {
      this.#host.report?.(error);
    }
  }

  stats(): SchedulerStats {
    return { rung: this.#pacer.rung, period: this.#pacer.period, frames: this.#frames, views: { ...this.#counts } };
  }

  /** Ask for a frame when there is anything to do: a draw, a waiter, or frames to measure while training. */
  #want(): void {
    if (this.#scheduled || this.#hidden) return;
    let needed = this.#training || this.#waiters.length > 0 || this.#arrivals.length > 0;
    for (const entry of this.#entries) if (entry.visible && (entry.requested || entry.dirty || entry.quietRequestAt !== null)) needed = true;
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
    now: () => performance.now(),
    report: (error) => console.error('A live view failed to draw:', error),
    // The page's effects (text figures, the views' new data) run now, inside the beat, not a frame later.
    settle: () => flushSync()
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
