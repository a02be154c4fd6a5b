/**
 * The training worker: the only file in workers/ that knows comlink.
 * It trains as fast as it can in short slices, and between slices pushes at most ~60 snapshots a second,
 * each only after the page acknowledged the previous one (back-pressure: a slow page never builds a queue).
 */
import * as Comlink from 'comlink';
import { compile, SpecError, Trainer } from './engine';
import { carryParams } from './engine/carry-params';
import type {
  DataTable,
  EpochRecord,
  GridView,
  LoadResult,
  NetworkSpec,
  ParamLayout,
  ParamRef,
  SampleTrace,
  Snapshot,
  TrainerApi,
  TrainSettings
} from './protocol';

/** Work slice between yields to the message queue: small enough that pause feels instant. */
const SLICE_MS = 12;
/** At most ~60 snapshots per second. */
const SNAPSHOT_INTERVAL_MS = 16;
/** Whole-set evaluation (loss, confusion) is costly on big sets: at most this often while running… */
const EVALUATE_INTERVAL_MS = 250;
/** …and never more than a tenth of the time (MNIST's evaluation takes far longer than a frame). */
const EVALUATE_SHARE = 0.1;

let trainer: Trainer | null = null;
let layout: ParamLayout | null = null;
let grid: GridView | null = null;
let listener: ((snapshot: Snapshot) => void) | null = null;
let running = false;
let awaitingAck = false;
let seq = 0;
let lastSnapshotAt = 0;
let lastEvaluatedAt = -Infinity;
let evaluateCostMs = 0;
let lastCurrent: EpochRecord | null = null;
let lastConfusion: Int32Array | null = null;
let lastRegression: Snapshot['regression'] = null;
let pendingEpochs: EpochRecord[] = [];
let stepsPerSlice = 1;
let rateWindowStart = 0;
let rateWindowSteps = 0;
let stepsPerSecond = 0;
let diverged: Snapshot['diverged'] = null;
let stopReason: string | null = null;
let earlyStopEpoch: number | null = null;
let snapshotDirty = true;
/** steps per second while playing; 0 = unlimited */
let pace = 0;
/** fractional steps owed under a pace limit */
let paceCredit = 0;
let lastSliceAt = 0;

const yieldChannel = new MessageChannel();
yieldChannel.port1.onmessage = () => trainSlice();
const scheduleSlice = () => yieldChannel.port2.postMessage(null);

function requireTrainer(): Trainer {
  if (!trainer) throw new Error('No network is loaded yet: call load() first.');
  return trainer;
}

function resetRunState(): void {
  pendingEpochs = [];
  diverged = null;
  stopReason = null;
  earlyStopEpoch = null;
  lastEvaluatedAt = -Infinity;
  snapshotDirty = true;
}

/** Runs one slice of training, sized so it takes about SLICE_MS (or as many steps as the pace allows), then yields. */
function trainSlice(): void {
  if (!running || !trainer) return;
  const started = performance.now();
  let budget = stepsPerSlice;
  if (pace > 0) {
    paceCredit = Math.min(paceCredit + ((started - lastSliceAt) / 1000) * pace, Math.max(1, pace / 10));
    lastSliceAt = started;
    budget = Math.min(budget, Math.floor(paceCredit));
    paceCredit -= budget;
    if (budget === 0) {
      setTimeout(trainSlice, Math.max(1, 1000 / pace));
      return;
    }
  }
  const progress = trainer.train(budget);
  const elapsed = performance.now() - started;
  // Grow or shrink the slice towards SLICE_MS of work.
  if (progress.steps > 0) {
    const perStep = elapsed / progress.steps;
    stepsPerSlice = Math.max(1, Math.min(100_000, Math.round(SLICE_MS / Math.max(perStep, 1e-4))));
  }
  countSteps(progress.steps);
  pendingEpochs.push(...progress.epochs);
  if (progress.epochs.length) lastCurrent = progress.epochs[progress.epochs.length - 1];
  snapshotDirty = true;
  if (progress.diverged || progress.stopReason) {
    running = false;
    diverged = progress.diverged;
    stopReason = progress.stopReason;
    earlyStopEpoch = progress.earlyStopEpoch ?? null;
    lastEvaluatedAt = -Infinity;
  }
  maybeSendSnapshot();
  if (!running) return;
  // Under a pace limit, wait for the next frame's worth of steps instead of spinning.
  if (pace > 0) setTimeout(trainSlice, Math.max(4, Math.min(16, 1000 / pace)));
  else scheduleSlice();
}

function countSteps(steps: number): void {
  const now = performance.now();
  rateWindowSteps += steps;
  if (now - rateWindowStart >= 1000) {
    stepsPerSecond = (rateWindowSteps * 1000) / (now - rateWindowStart);
    rateWindowStart = now;
    rateWindowSteps = 0;
  }
}

function maybeSendSnapshot(force = false): void {
  if (!listener || !trainer || awaitingAck || !snapshotDirty) return;
  const now = performance.now();
  if (!force && now - lastSnapshotAt < SNAPSHOT_INTERVAL_MS) {
    // Send the newest state once the interval has passed, even if training has stopped meanwhile.
    setTimeout(() => maybeSendSnapshot(), SNAPSHOT_INTERVAL_MS - (now - lastSnapshotAt));
    return;
  }
  lastSnapshotAt = now;
  awaitingAck = true;
  snapshotDirty = false;
  const snapshot = buildSnapshot(now);
  listener(Comlink.transfer(snapshot, [snapshot.params.buffer, snapshot.frozen.buffer, snapshot.unitGrids.buffer]));
}

function buildSnapshot(now: number): Snapshot {
  const t = requireTrainer();
  let current = lastCurrent;
  const interval = Math.max(EVALUATE_INTERVAL_MS, evaluateCostMs / EVALUATE_SHARE);
  if (!running || now - lastEvaluatedAt >= interval || !current) {
    current = t.evaluate();
    lastCurrent = current;
    lastConfusion = t.confusion();
    lastRegression = t.regression();
    lastEvaluatedAt = now;
    evaluateCostMs = performance.now() - now;
  }
  const view = grid ?? { xColumn: 0, yColumn: 1, xMin: -1, xMax: 1, yMin: -1, yMax: 1, size: 0 };
  const unitCount = t.program.layout.unitCount;
  const unitGrids = new Float32Array(view.size > 0 ? unitCount * view.size * view.size : 0);
  if (view.size > 0) t.evaluateGrid(view, unitGrids);
  const epochs = pendingEpochs;
  pendingEpochs = [];
  return {
    seq: ++seq,
    step: t.stepCount,
    epoch: t.epochCount,
    running,
    params: t.params.slice(),
    frozen: t.frozen.slice(),
    unitGrids,
    grid: view,
    epochs,
    current,
    confusion: lastConfusion ? lastConfusion.slice() : null,
    stepsPerSecond: running ? stepsPerSecond : 0,
    diverged,
    stopReason,
    regression: lastRegression ? { ...lastRegression } : null,
    earlyStopEpoch
  };
}

function paramIndex(ref: ParamRef): number {
  if (!layout) throw new Error('No network is loaded.');
  if (ref.kind === 'weight') {
    const edge = layout.edges.find((e) => e.from === ref.from && e.to === ref.to);
    if (!edge) throw new Error(`No connection from "${ref.from}" to "${ref.to}".`);
    if (ref.i < 0 || ref.i >= edge.fromUnits || ref.j < 0 || ref.j >= edge.toUnits) {
      throw new Error(`Weight index (${ref.i}, ${ref.j}) is outside ${edge.fromUnits}×${edge.toUnits}.`);
    }
    return edge.offset + ref.i * edge.toUnits + ref.j;
  }
  const group = layout.groups.find((g) => g.id === ref.group);
  if (!group) throw new Error(`No group "${ref.group}".`);
  const base = ref.kind === 'bias' ? group.biasOffset : group.preluOffset;
  if (base < 0 || ref.j < 0 || ref.j >= group.units) throw new Error(`Group "${ref.group}" has no ${ref.kind} ${ref.j}.`);
  return base + ref.j;
}

function markChanged(): void {
  snapshotDirty = true;
  lastEvaluatedAt = -Infinity;
  maybeSendSnapshot(true);
}

const api: TrainerApi = {
  async load(spec: NetworkSpec, data: DataTable, settings: TrainSettings, view: GridView, options): Promise<LoadResult> {
    try {
      const program = compile(spec);
      const next = new Trainer(program, data, settings);
      if (options?.keepWeights && trainer && layout) {
        carryParams(layout, trainer.params, program.layout, next.params);
        carryParams(layout, trainer.frozen, program.layout, next.frozen);
      }
      running = false;
      trainer = next;
      layout = program.layout;
      grid = view;
      resetRunState();
      lastCurrent = null;
      markChanged();
      return { ok: true, layout: program.layout };
    } catch (error) {
      if (error instanceof SpecError) return { ok: false, error: error.problems.join('\n') };
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  },
  async setData(data) {
    requireTrainer().setData(data);
    lastCurrent = null;
    markChanged();
  },
  async setSettings(settings) {
    requireTrainer().setSettings(settings);
    markChanged();
  },
  async setGrid(view) {
    grid = view;
    markChanged();
  },
  async subscribe(onSnapshot) {
    listener = onSnapshot;
    awaitingAck = false;
    markChanged();
  },
  async ack(acknowledged) {
    if (acknowledged === seq) awaitingAck = false;
    if (snapshotDirty) maybeSendSnapshot();
  },
  async play() {
    const t = requireTrainer();
    if (running) return;
    if (diverged) t.reset();
    diverged = null;
    stopReason = null;
    earlyStopEpoch = null;
    running = true;
    lastSliceAt = performance.now();
    paceCredit = 0;
    rateWindowStart = performance.now();
    rateWindowSteps = 0;
    scheduleSlice();
    markChanged();
  },
  async setPace(stepsPerSecond) {
    pace = Number.isFinite(stepsPerSecond) && stepsPerSecond > 0 ? stepsPerSecond : 0;
    paceCredit = 0;
    lastSliceAt = performance.now();
  },
  async pause() {
    running = false;
    markChanged();
  },
  async step(n) {
    const t = requireTrainer();
    running = false;
    const progress = t.train(Math.max(1, Math.floor(n)));
    pendingEpochs.push(...progress.epochs);
    diverged = progress.diverged;
    stopReason = progress.stopReason;
    earlyStopEpoch = progress.earlyStopEpoch ?? null;
    markChanged();
  },
  async reset(seed) {
    requireTrainer().reset(seed);
    running = false;
    resetRunState();
    lastCurrent = null;
    markChanged();
  },
  async setParam(ref, value, frozen) {
    const t = requireTrainer();
    const index = paramIndex(ref);
    if (value !== null) {
      if (!Number.isFinite(value)) throw new Error(`A parameter must be a finite number (got ${value}).`);
      t.setParam(index, value);
    }
    if (frozen !== undefined) t.setFrozen(index, frozen);
    markChanged();
  },
  async setParams(params, frozen) {
    const t = requireTrainer();
    if (params.length !== t.params.length) {
      throw new Error(`Expected ${t.params.length} parameters for this network, got ${params.length}.`);
    }
    for (let i = 0; i < params.length; i++) if (!Number.isFinite(params[i])) throw new Error(`Parameter ${i} is not finite.`);
    t.params.set(params);
    if (frozen && frozen.length === t.frozen.length) t.frozen.set(frozen);
    markChanged();
  },
  async evaluate(points) {
    return requireTrainer().predict(points);
  },
  async trace(sampleIndex): Promise<SampleTrace> {
    return requireTrainer().trace(sampleIndex);
  },
  async groupActivations(groupId) {
    const t = requireTrainer();
    return t.groupActivations(groupId);
  },
  async crash() {
    // A test build only (AXON_TEST_HOOKS=1): in a normal build this does nothing and its body is not shipped.
    if (!__AXON_TEST_HOOKS__) return;
    setTimeout(() => {
      throw new Error('Deliberate crash (test of the restart path)');
    });
  }
};

Comlink.expose(api);
