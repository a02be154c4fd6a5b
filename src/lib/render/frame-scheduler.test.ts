import { describe, expect, it } from 'vitest';
import { DISCRETE_QUIET_MS, FRAME_SLACK_MS, FrameScheduler, LIVE_FLOOR_MS, INTERACTION_HOLD_MS, type FrameInfo } from './frame-scheduler';
import { LADDER, LivePacer, START_RUNG } from './frame-pacer';

/** live draws a second at the fastest rung, at least (a second's window can miss one) */
const FASTEST_PER_SECOND = Math.floor(1000 / LADDER[0]) - 1;

/**
 * A fake requestAnimationFrame: frames run only when the test says so, at the time it says; its clock reads
 * the time of the last frame run.
 */
function fakeHost() {
  let pending: ((now: number) => void) | null = null;
  let clock = 0;
  const errors: unknown[] = [];
  return {
    errors,
    host: {
      requestFrame(cb: (now: number) => void) {
        pending = cb;
      },
      now: () => clock,
      report: (e: unknown) => errors.push(e)
    },
    /** run the requested frame at `now`; false when no frame was requested */
    run(now: number): boolean {
      const cb = pending;
      pending = null;
      clock = now;
      cb?.(now);
      return cb !== null;
    },
    get requested() {
      return pending !== null;
    }
  };
}

function view(name: string) {
  const draws: (FrameInfo & { at: number })[] = [];
  let clock = 0;
  return {
    draws,
    setClock: (t: number) => (clock = t),
    view: { name, draw: (f: FrameInfo) => draws.push({ ...f, at: clock }) }
  };
}

/** Run frames every `step` ms from `from` to `to`, invalidating `handles` every `dataEvery` ms. */
function runFrames(
  fake: ReturnType<typeof fakeHost>,
  views: ReturnType<typeof view>[],
  from: number,
  to: number,
  step: number,
  invalidate: () => void
) {
  for (let t = from; t <= to; t += step) {
    invalidate();
    for (const v of views) v.setClock(t);
    fake.run(t);
  }
}

describe('LivePacer', () => {
  it('slows down when frames slip and speeds up when they do not', () => {
    const pacer = new LivePacer();
    expect(pacer.rung).toBe(START_RUNG);
    // 10 fps for two seconds: four windows, four rungs slower (up to the floor).
    for (let t = 0; t <= 2000; t += 100) pacer.frame(t);
    expect(pacer.rung).toBe(LADDER.length - 1);
    // 60 fps for four seconds: back down to the fastest rung.
    for (let t = 2000; t <= 6000; t += 1000 / 60) pacer.frame(t);
    expect(pacer.rung).toBe(0);
  });

  it('every rung updates every view more than 4 times a second, from fastest to slowest', () => {
    for (const period of LADDER) expect(period).toBeLessThan(250);
    for (let k = 1; k < LADDER.length; k++) expect(LADDER[k]).toBeGreaterThan(LADDER[k - 1]);
  });

  it('does not count a pause in the frames as a slow frame', () => {
    const pacer = new LivePacer();
    for (let t = 0; t <= 400; t += 1000 / 60) pacer.frame(t);
    pacer.frame(5000);
    for (let t = 5000; t <= 5300; t += 1000 / 60) pacer.frame(t);
    expect(pacer.rung).toBe(START_RUNG);
  });
});

/** A scheduler with one registered view, training already started. */
function training() {
  const fake = fakeHost();
  const s = new FrameScheduler(fake.host);
  const v = view('v');
  const h = s.register(v.view);
  s.setTraining(true);
  return { fake, s, v, h };
}

describe('FrameScheduler', () => {
  it('draws a registered view in the next frame, then only on demand', () => {
    const fake = fakeHost();
    const s = new FrameScheduler(fake.host);
    const a = view('a');
    const handle = s.register(a.view);
    expect(fake.run(0)).toBe(true);
    expect(a.draws).toHaveLength(1);
    // Nothing changed: no frame is asked for (no idle loop when not training).
    expect(fake.requested).toBe(false);
    handle.request();
    fake.run(16);
    expect(a.draws.map((d) => d.live)).toEqual([false, false]);
    handle.invalidate();
    fake.run(32);
    expect(a.draws[2]).toMatchObject({ live: true, full: true });
  });

  it('while training, spaces live draws by the period and keeps every visible view above 4 updates a second', () => {
    const fake = fakeHost();
    const s = new FrameScheduler(fake.host);
    const chart = view('chart');
    const canvas = view('canvas');
    const hc = s.register(chart.view);
    const he = s.register(canvas.view);
    s.setTraining(true);
    // Slow frames (10 fps) with new data every frame for 3 s.
    runFrames(fake, [chart, canvas], 0, 3000, 100, () => {
      hc.invalidate();
      he.invalidate();
    });
    const liveAt = (v: ReturnType<typeof view>, from: number) => v.draws.filter((d) => d.live && d.at >= from).map((d) => d.at);
    // At 10 fps a live period of ≥ 180 ms means no more than every other frame…
    expect(liveAt(canvas, 2000).length).toBeLessThanOrEqual(6);
    // …but still at least 4 times a second, and both views in the same frames.
    expect(liveAt(canvas, 2000).length).toBeGreaterThanOrEqual(4);
    expect(liveAt(chart, 2000)).toEqual(liveAt(canvas, 2000));
    expect(s.stats().rung).toBe(LADDER.length - 1);
    expect(s.stats().views.canvas).toBe(canvas.draws.filter((d) => d.live).length);
  });

  it('at 60 fps draws live data about as often as the fastest rung allows', () => {
    const { fake, s, v, h } = training();
    runFrames(fake, [v], 0, 6000, 1000 / 60, () => h.invalidate());
    const lastSecond = v.draws.filter((d) => d.live && d.at >= 5000).length;
    expect(s.stats().rung).toBe(0);
    expect(lastSecond).toBeGreaterThanOrEqual(FASTEST_PER_SECOND);
  });

  it('while a person interacts, live data goes at the slowest rung (still 4+ a second), and back after', () => {
    const { fake, s, v, h } = training();
    runFrames(fake, [v], 0, 6000, 1000 / 60, () => h.invalidate());
    expect(s.stats().rung).toBe(0);
    // A drag: an interactive redraw in every frame for a second, new data all the while.
    runFrames(fake, [v], 6000, 7000, 1000 / 60, () => {
      h.invalidate();
      h.request();
    });
    const liveBetween = (from: number, to: number) => v.draws.filter((d) => d.live && d.at >= from && d.at < to).length;
    expect(liveBetween(6000, 7000)).toBeGreaterThanOrEqual(4);
    expect(liveBetween(6000, 7000)).toBeLessThanOrEqual(1000 / LADDER[LADDER.length - 1] + 1);
    // Every frame of the drag was drawn (the interaction itself is not slowed).
    expect(v.draws.filter((d) => d.at >= 6000 && d.at <= 7000).length).toBeGreaterThanOrEqual(60);
    // The drag ended: after the hold, the fast rung again.
    runFrames(fake, [v], 7000 + INTERACTION_HOLD_MS, 8500, 1000 / 60, () => h.invalidate());
    expect(liveBetween(7500, 8500)).toBeGreaterThanOrEqual(FASTEST_PER_SECOND);
  });

  it('input anywhere on the page (typing, a button) holds the slowest rung too, and only for the hold', () => {
    const { fake, s, v, h } = training();
    runFrames(fake, [v], 0, 6000, 1000 / 60, () => h.invalidate());
    const liveBetween = (from: number, to: number) => v.draws.filter((d) => d.live && d.at >= from && d.at < to).length;
    expect(liveBetween(5000, 6000)).toBeGreaterThanOrEqual(FASTEST_PER_SECOND);
    // A key every 100 ms for a second; no view asks for a redraw.
    for (let t = 6000; t < 7000; t += 100) {
      s.noteInput(t);
      runFrames(fake, [v], t, t + 99, 1000 / 60, () => h.invalidate());
    }
    expect(liveBetween(6000, 7000)).toBeGreaterThanOrEqual(4);
    expect(liveBetween(6000, 7000)).toBeLessThanOrEqual(1000 / LADDER[LADDER.length - 1] + 1);
    runFrames(fake, [v], 7000 + INTERACTION_HOLD_MS, 8500, 1000 / 60, () => h.invalidate());
    expect(liveBetween(7500, 8500)).toBeGreaterThanOrEqual(FASTEST_PER_SECOND);
  });

  it('while a person interacts, live data is drawn in the frames their input makes, not in frames of its own', () => {
    const { fake, s, v, h } = training();
    runFrames(fake, [v], 0, 3000, 1000 / 60, () => h.invalidate());
    // Hover or a key 15 times a second (every fourth frame), new data in every frame.
    const answering: number[] = [];
    for (let k = 0; k < 120; k++) {
      const t = 3000 + (k * 1000) / 60;
      h.invalidate();
      if (k % 4 === 0) {
        if (k % 8 === 0) h.request();
        else s.noteInput(t - 5);
        answering.push(t);
      }
      v.setClock(t);
      fake.run(t);
    }
    const live = v.draws.filter((d) => d.live && d.at >= 3100).map((d) => d.at);
    expect(live.length).toBeGreaterThanOrEqual(7);
    for (const at of live) expect(answering).toContain(at);
    expect(s.stats().views.v).toBeGreaterThan(0);
  });

  it('input in every frame (a drag) still lets late live data through, at least every LIVE_FLOOR_MS', () => {
    const { fake, s, v, h } = training();
    runFrames(fake, [v], 0, 3000, 1000 / 60, () => h.invalidate());
    runFrames(fake, [v], 3000, 5000, 1000 / 60, () => {
      h.invalidate();
      h.request();
      s.noteInput(0);
    });
    const live = v.draws.filter((d) => d.live && d.at >= 3000 && d.at < 5000).map((d) => d.at);
    for (let i = 1; i < live.length; i++) expect(live[i] - live[i - 1]).toBeLessThanOrEqual(LIVE_FLOOR_MS + 1000 / 60);
    expect(live.length).toBeGreaterThanOrEqual(7);
  });

  it('with input but no redraws of its own (typing), live data still comes at least every LIVE_FLOOR_MS', () => {
    const { fake, s, v, h } = training();
    runFrames(fake, [v], 0, 3000, 1000 / 60, () => h.invalidate());
    for (let t = 3000; t < 5000; t += 50) {
      s.noteInput(t);
      runFrames(fake, [v], t, t + 49, 1000 / 60, () => h.invalidate());
    }
    const live = v.draws.filter((d) => d.live && d.at >= 3300 && d.at < 5000).map((d) => d.at);
    for (let i = 1; i < live.length; i++) expect(live[i] - live[i - 1]).toBeLessThanOrEqual(LIVE_FLOOR_MS + 1000 / 60);
    expect(live.length).toBeGreaterThanOrEqual(6);
  });

  it('after a press or a key, no beat for DISCRETE_QUIET_MS unless live data is late; a move lets it ride along', () => {
    const frameMs = 1000 / 60;
    /** the live draw before the input and the first after it; the input comes when a beat is due, not late */
    const beatsAround = (discrete: boolean) => {
      const { fake, s, v, h } = training();
      runFrames(fake, [v], 0, 2500, frameMs, () => h.invalidate());
      const lastLive = () => v.draws.filter((d) => d.live).pop()!.at;
      // Nothing new until the input, 195 ms after the last beat (the slowest rung's period is 200 ms); new
      // data from then on.
      let input = Number.NaN;
      let before = Number.NaN;
      for (let k = Math.ceil(2501 / frameMs); k * frameMs < 3500; k++) {
        const t = k * frameMs;
        if (Number.isNaN(input) && t >= lastLive() + 195) {
          before = lastLive();
          input = t - 2;
          s.noteInput(input, discrete);
        }
        if (!Number.isNaN(input)) h.invalidate();
        v.setClock(t);
        fake.run(t);
      }
      return { before, input, after: v.draws.find((d) => d.live && d.at > input)!.at };
    };
    const move = beatsAround(false);
    expect(move.after).toBe(move.input + 2);
    const press = beatsAround(true);
    // No beat with the press's frame: the next one waits for the quiet window or, first, the floor.
    const expected = Math.min(press.input + DISCRETE_QUIET_MS, press.before + LIVE_FLOOR_MS - FRAME_SLACK_MS);
    expect(press.after).toBeGreaterThan(press.input + 2);
    expect(press.after).toBeGreaterThanOrEqual(expected);
    expect(press.after).toBeLessThan(expected + frameMs + 1);
  });

  it('keys every 50 ms keep the quiet window open, and live data still comes at least every LIVE_FLOOR_MS', () => {
    const { fake, s, v, h } = training();
    runFrames(fake, [v], 0, 3000, 1000 / 60, () => h.invalidate());
    for (let t = 3000; t < 5000; t += 50) {
      s.noteInput(t, true);
      runFrames(fake, [v], t, t + 49, 1000 / 60, () => h.invalidate());
    }
    const live = v.draws.filter((d) => d.live && d.at >= 3300 && d.at < 5000).map((d) => d.at);
    for (let i = 1; i < live.length; i++) expect(live[i] - live[i - 1]).toBeLessThanOrEqual(LIVE_FLOOR_MS + 1000 / 60);
    expect(live.length).toBeGreaterThanOrEqual(6);
  });

  it('a redraw nobody waits for keeps out of the frames after a press or a key (not training)', () => {
    const fake = fakeHost();
    const s = new FrameScheduler(fake.host);
    const v = view('v');
    const h = s.register(v.view);
    fake.run(0);
    // A click, then the camera settles 30 ms later: nothing is drawn inside the quiet window…
    s.noteInput(1000, true);
    fake.run(1005);
    v.setClock(1030);
    h.requestWhenQuiet();
    for (let t = 1030; t < 1000 + DISCRETE_QUIET_MS; t += 16) {
      v.setClock(t);
      expect(fake.run(t)).toBe(true);
    }
    expect(v.draws).toHaveLength(1);
    // …a key extends it…
    s.noteInput(1090, true);
    for (let t = 1100; t < 1090 + DISCRETE_QUIET_MS; t += 16) fake.run(t);
    expect(v.draws).toHaveLength(1);
    // …and the first frame after it draws, once.
    v.setClock(1200);
    fake.run(1200);
    expect(v.draws.map((d) => d.at)).toEqual([0, 1200]);
    expect(fake.requested).toBe(false);
    // With no press or key around, it is drawn in the next frame; a move is no reason to wait.
    s.noteInput(1500, false);
    h.requestWhenQuiet();
    v.setClock(1516);
    fake.run(1516);
    expect(v.draws.at(-1)!.at).toBe(1516);
  });

  it('while training, a redraw nobody waits for goes with the next live draw, or after LIVE_FLOOR_MS without one', () => {
    const { fake, v, h } = training();
    h.invalidate();
    fake.run(0);
    h.requestWhenQuiet();
    // No live data is due before the beat: the beat's live draw is the redraw (no frame of its own).
    h.invalidate();
    for (let t = 16; t <= 400; t += 16) {
      v.setClock(t);
      fake.run(t);
    }
    const afterRequest = v.draws.filter((d) => d.at > 0);
    expect(afterRequest.length).toBeGreaterThan(0);
    expect(afterRequest[0].live).toBe(true);
    expect(afterRequest.every((d) => d.live)).toBe(true);
    // No live data at all: drawn by itself once it has waited LIVE_FLOOR_MS (asked at the fake clock's 400,
    // the last frame's time).
    h.requestWhenQuiet();
    const asked = 400;
    for (let t = asked + 16; t <= asked + LIVE_FLOOR_MS + 32; t += 16) {
      v.setClock(t);
      fake.run(t);
    }
    const own = v.draws.filter((d) => d.at > asked);
    expect(own).toHaveLength(1);
    expect(own[0].live).toBe(false);
    expect(own[0].at).toBeGreaterThanOrEqual(asked + LIVE_FLOOR_MS - FRAME_SLACK_MS);
  });

  it('an interactive request draws in the next frame without applying live data that is not due', () => {
    const { fake, v, h } = training();
    h.invalidate();
    fake.run(0);
    h.invalidate();
    h.request();
    fake.run(16);
    expect(v.draws.map((d) => d.live)).toEqual([true, false]);
  });

  it('draws everything at full quality at once when training stops', () => {
    const { fake, s, v, h } = training();
    h.invalidate();
    fake.run(0);
    h.invalidate();
    s.setTraining(false);
    fake.run(16);
    expect(v.draws.at(-1)).toMatchObject({ live: true, full: true });
    expect(fake.requested).toBe(false);
  });

  it('does not draw hidden or off-screen views, and catches up when they come back', () => {
    const fake = fakeHost();
    const s = new FrameScheduler(fake.host);
    const v = view('v');
    const h = s.register(v.view, false);
    h.invalidate();
    expect(fake.run(0)).toBe(false);
    expect(v.draws).toHaveLength(0);
    h.setVisible(true);
    fake.run(16);
    expect(v.draws).toEqual([{ live: true, full: true, at: 0 }]);
    s.setPageHidden(true);
    h.invalidate();
    expect(fake.requested).toBe(false);
    s.setPageHidden(false);
    fake.run(32);
    expect(v.draws).toHaveLength(2);
  });

  it('paces the snapshot acknowledgements by the beat while training', () => {
    const fake = fakeHost();
    const s = new FrameScheduler(fake.host);
    s.register(view('v').view);
    s.setTraining(true);
    let acks = 0;
    const ack = () => {
      acks++;
      s.afterLive(ack);
    };
    s.afterLive(ack);
    for (let t = 0; t <= 1000; t += 1000 / 60) fake.run(t);
    // The starting rung's period is 100 ms: about 10 acknowledgements in a second, not 60.
    expect(acks).toBeGreaterThanOrEqual(8);
    expect(acks).toBeLessThanOrEqual(13);
    s.setTraining(false);
    const before = acks;
    fake.run(1020);
    expect(acks).toBe(before + 1);
  });

  it('while training, hands arrivals to the page in the beat: the page settles and every view draws them in that one frame', () => {
    const fake = fakeHost();
    const order: string[] = [];
    const s = new FrameScheduler({ ...fake.host, settle: () => order.push('settle') });
    const views = [view('network'), view('chart')];
    const handles = views.map((v) => s.register(v.view));
    s.setTraining(true);
    fake.run(0);
    // The first draws of the views count as an answer; after the hold, nobody interacts.
    const start = INTERACTION_HOLD_MS;
    // Snapshots arrive every 40 ms; the page's listener marks both views dirty (as its effects do).
    const arrived: number[] = [];
    const shownAt: number[] = [];
    let clock = 0;
    for (let k = 1; k <= 60; k++) {
      clock = start + (k * 1000) / 60;
      if (k % 2 === 0) {
        const at = clock;
        arrived.push(at);
        s.deliver(() => {
          shownAt.push(clock);
          order.push('deliver');
          for (const h of handles) h.invalidate();
        });
      }
      for (const v of views) v.setClock(clock);
      fake.run(clock);
    }
    // Nothing reaches the page between beats: every delivery happened in a frame where both views drew live.
    const liveFrames = (v: ReturnType<typeof view>) => v.draws.filter((d) => d.live && d.at > start).map((d) => d.at);
    expect(shownAt.length).toBeGreaterThan(0);
    for (const at of new Set(shownAt)) {
      expect(liveFrames(views[0])).toContain(at);
      expect(liveFrames(views[1])).toContain(at);
    }
    // Both views change in the same frames, and only about as often as the beat's period allows.
    expect(liveFrames(views[0])).toEqual(liveFrames(views[1]));
    expect(liveFrames(views[0]).length).toBeLessThanOrEqual(1000 / LADDER[0] + 1);
    expect(liveFrames(views[0]).length).toBeLessThan(arrived.length);
    expect(liveFrames(views[0]).length).toBeGreaterThanOrEqual(4);
    // Several arrivals between two beats are all handed over, in order, then the page settles once.
    expect(order.filter((o) => o === 'deliver')).toHaveLength(shownAt.length);
    expect(order.indexOf('settle')).toBeGreaterThan(order.indexOf('deliver'));
    expect(shownAt.length).toBeLessThanOrEqual(arrived.length);
  });

  /**
   * Four views training at 60 fps, a snapshot in the first frame that is acknowledged and 20 ms after the last,
   * hover input every third frame (50 ms) from 2000 to 4000 ms. Returns the views (what each drew), when
   * arrivals reached the page, and a reader of a view's live draws between two times.
   */
  function hoverWhileTraining() {
    const fake = fakeHost();
    const s = new FrameScheduler(fake.host);
    const views = ['network', 'output', 'loss', 'accuracy'].map(view);
    const handles = views.map((v) => s.register(v.view));
    s.setTraining(true);
    const handedAt: number[] = [];
    let clock = 0;
    let acknowledged = true;
    let nextSnapshot = 0;
    const frameMs = 1000 / 60;
    for (let k = 0; clock < 5000; k++) {
      clock = k * frameMs;
      if (acknowledged && clock >= nextSnapshot) {
        acknowledged = false;
        nextSnapshot = clock + 20;
        s.deliver(() => {
          handedAt.push(clock);
          for (const h of handles) h.invalidate();
        });
        s.afterLive(() => (acknowledged = true));
      }
      if (clock >= 2000 && clock < 4000 && k % 3 === 0) s.noteInput(clock - 3);
      for (const v of views) v.setClock(clock);
      fake.run(clock);
    }
    const liveAt = (v: ReturnType<typeof view>, from: number, to: number) =>
      v.draws.filter((d) => d.live && d.at >= from && d.at < to).map((d) => d.at);
    return { views, handedAt, liveAt };
  }

  it('while a person interacts, the views take turns: no frame answering them draws more than one live', () => {
    const { views, liveAt } = hoverWhileTraining();
    const during = views.flatMap((v) => liveAt(v, 2100, 4000));
    expect(during.length).toBeGreaterThan(0);
    expect(new Set(during).size).toBe(during.length);
    // Every view still updates at least 4 times a second, its draws never further apart than the floor.
    for (const v of views) {
      const live = liveAt(v, 2100, 4000);
      expect(live.length).toBeGreaterThanOrEqual(7);
      for (let i = 1; i < live.length; i++) expect(live[i] - live[i - 1]).toBeLessThanOrEqual(LIVE_FLOOR_MS + 1000 / 60);
    }
    // Before and after the hold, one beat draws every view in the same frame.
    for (const v of views.slice(1)) {
      expect(liveAt(v, 1000, 2000)).toEqual(liveAt(views[0], 1000, 2000));
      expect(liveAt(v, 4000 + INTERACTION_HOLD_MS, 5000)).toEqual(liveAt(views[0], 4000 + INTERACTION_HOLD_MS, 5000));
    }
    expect(liveAt(views[0], 4000 + INTERACTION_HOLD_MS, 5000).length).toBeGreaterThanOrEqual(4);
  });

  it('a round of turns shows one snapshot in every view before the next reaches the page', () => {
    const { views, handedAt, liveAt } = hoverWhileTraining();
    const rounds = handedAt.filter((t) => t >= 2100 && t < 4000);
    expect(rounds.length).toBeGreaterThanOrEqual(6);
    for (let i = 1; i < rounds.length; i++) {
      // Between two hand-overs, each view drew exactly once (the first of them in the hand-over's frame).
      for (const v of views) expect(liveAt(v, rounds[i - 1], rounds[i])).toHaveLength(1);
      expect(views.some((v) => liveAt(v, rounds[i - 1], rounds[i])[0] === rounds[i - 1])).toBe(true);
    }
  });

  it('hands arrivals over at once when not training, when training stops and when the page is hidden', () => {
    const fake = fakeHost();
    const s = new FrameScheduler(fake.host);
    const seen: string[] = [];
    s.deliver(() => seen.push('idle'));
    expect(seen).toEqual(['idle']);
    s.setTraining(true);
    s.deliver(() => seen.push('queued'));
    expect(seen).toEqual(['idle']);
    s.setTraining(false);
    expect(seen).toEqual(['idle', 'queued']);
    s.setTraining(true);
    s.deliver(() => seen.push('before hiding'));
    s.setPageHidden(true);
    expect(seen).toEqual(['idle', 'queued', 'before hiding']);
    s.deliver(() => seen.push('hidden'));
    expect(seen.at(-1)).toBe('hidden');
  });

  it('keeps drawing the other views when one throws', () => {
    const fake = fakeHost();
    const s = new FrameScheduler(fake.host);
    s.register({ name: 'bad', draw: () => { throw new Error('boom'); } });
    const good = view('good');
    s.register(good.view);
    fake.run(0);
    expect(good.draws).toHaveLength(1);
    expect(fake.errors).toHaveLength(1);
  });
});
