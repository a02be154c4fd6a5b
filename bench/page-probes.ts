/**
 * Code the page bench runs inside the page (page.evaluate serialises each function, so every one is
 * self-contained and reads the page only through its test hooks: __axon, __axonEditor, __axonFrames).
 */

export interface FrameFigures {
  seconds: number;
  fps: number;
  p95FrameMs: number;
  worstFrameMs: number;
  stepsPerSecond: number;
  /** what the network canvas did over the run (counter differences), when the renderer reports it */
  editor: Record<string, number> | null;
  /** redraws per live view over the run, when the frame scheduler reports them */
  views: Record<string, number> | null;
}

export interface LatencyFigures {
  count: number;
  p95Ms: number;
  medianMs: number;
  worstMs: number;
  byKind: Record<string, { count: number; p95Ms: number }>;
  /** the slowest events, slowest first, with their order in the run (what to look at first) */
  slowest: { index: number; kind: string; type: string; ms: number }[];
}

/** requestAnimationFrame intervals and training steps over `seconds`. */
export async function frameProbe(seconds: number): Promise<FrameFigures> {
  type Counters = Record<string, number>;
  const w = window as unknown as {
    __axon: { snapshot: { step: number } | null };
    __axonEditor?: { stats(): Counters | null };
    __axonFrames?: { stats(): { views: Counters } };
  };
  const editorCounters = () => {
    const s = w.__axonEditor?.stats();
    if (!s) return null;
    const out: Counters = {};
    for (const [k, v] of Object.entries(s)) if (typeof v === 'number') out[k] = v;
    return out;
  };
  const viewCounters = () => (w.__axonFrames ? { ...w.__axonFrames.stats().views } : null);
  const diff = (a: Counters | null, b: Counters | null) => {
    if (!a || !b) return null;
    const out: Counters = {};
    for (const k of Object.keys(b)) out[k] = b[k] - (a[k] ?? 0);
    return out;
  };
  const intervals: number[] = [];
  const stepStart = w.__axon.snapshot?.step ?? 0;
  const editorStart = editorCounters();
  const viewsStart = viewCounters();
  const start = performance.now();
  let last = start;
  await new Promise<void>((resolve) => {
    const tick = (now: number) => {
      intervals.push(now - last);
      last = now;
      if (now - start < seconds * 1000) requestAnimationFrame(tick);
      else resolve();
    };
    requestAnimationFrame(tick);
  });
  const elapsed = (performance.now() - start) / 1000;
  const sorted = [...intervals].sort((a, b) => a - b);
  return {
    seconds: elapsed,
    fps: intervals.length / elapsed,
    p95FrameMs: sorted[Math.floor(sorted.length * 0.95)],
    worstFrameMs: sorted[sorted.length - 1],
    stepsPerSecond: ((w.__axon.snapshot?.step ?? 0) - stepStart) / elapsed,
    editor: diff(editorStart, editorCounters()),
    views: diff(viewsStart, viewCounters())
  };
}

/**
 * Input-to-paint latency. Every pointer, wheel and key event is timed from its timestamp to the end of the
 * frame that follows its handlers (a requestAnimationFrame, then a message posted from it: the frame's
 * rendering work is done by then). Where Chromium's Event Timing API reports the same event (discrete
 * events slower than 16 ms), its duration, which runs to the frame's presentation, is used instead.
 */
export function startInputProbe(): void {
  interface Record_ {
    kind: string;
    type: string;
    t0: number;
    ms: number;
  }
  const records: Record_[] = [];
  const timings: { name: string; startTime: number; duration: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) timings.push({ name: e.name, startTime: e.startTime, duration: e.duration });
  });
  observer.observe({ type: 'event', durationThreshold: 16, buffered: false } as PerformanceObserverInit);
  const kindOf = (e: Event): string => {
    if (e.type === 'wheel') return 'zoom (wheel)';
    if (e.type.startsWith('key')) return 'typing';
    const p = e as PointerEvent;
    if (e.type !== 'pointermove') return 'press';
    return p.buttons === 0 ? 'hover' : p.buttons === 4 ? 'pan' : 'drag node';
  };
  const listener = (e: Event) => {
    const record: Record_ = { kind: kindOf(e), type: e.type, t0: e.timeStamp, ms: NaN };
    records.push(record);
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        record.ms = performance.now() - record.t0;
        channel.port1.close();
      };
      channel.port2.postMessage(0);
    });
  };
  const types = ['pointermove', 'pointerdown', 'pointerup', 'wheel', 'keydown'];
  for (const t of types) window.addEventListener(t, listener, { capture: true, passive: true });
  (window as unknown as { __benchInput: unknown }).__benchInput = {
    records,
    timings,
    stop: () => {
      observer.disconnect();
      for (const t of types) window.removeEventListener(t, listener, { capture: true });
    }
  };
}

/** One input event and its latency to the frame that showed it. */
export interface InputLatency {
  kind: string;
  type: string;
  ms: number;
}

export function stopInputProbe(): InputLatency[] {
  const probe = (window as unknown as {
    __benchInput: {
      records: { kind: string; type: string; t0: number; ms: number }[];
      timings: { name: string; startTime: number; duration: number }[];
      stop(): void;
    };
  }).__benchInput;
  probe.stop();
  return probe.records
    .map((r) => {
      const timed = probe.timings.find((t) => t.name === r.type && Math.abs(t.startTime - r.t0) < 1);
      return { kind: r.kind, type: r.type, ms: timed ? Math.max(timed.duration, r.ms) : r.ms };
    })
    .filter((r) => Number.isFinite(r.ms));
}

/** p95, median, worst, per kind and the slowest events (with their order in `latencies`). */
export function latencyFigures(latencies: InputLatency[]): LatencyFigures {
  const p = (values: number[], q: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] : NaN;
  };
  const all = latencies.map((l) => l.ms);
  const byKind: Record<string, { count: number; p95Ms: number }> = {};
  for (const kind of new Set(latencies.map((l) => l.kind))) {
    const values = latencies.filter((l) => l.kind === kind).map((l) => l.ms);
    byKind[kind] = { count: values.length, p95Ms: p(values, 0.95) };
  }
  const slowest = latencies
    .map((l, index) => ({ index, ...l }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 6);
  return { count: all.length, p95Ms: p(all, 0.95), medianMs: p(all, 0.5), worstMs: p(all, 1), byKind, slowest };
}
