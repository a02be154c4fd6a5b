import { describe, expect, it } from 'vitest';
import type { DataTable, GridView, NetworkSpec, Snapshot, TrainSettings } from '../protocol';
import { createRng } from './random';
import { TrainingSession } from './session';
import { SNAPSHOT_INTERVAL_MS } from './session-snapshot';
import { DEFAULT_SETTINGS } from './settings';
import { INSTABILITY_WINDOW } from './stops';

const GRID: GridView = { xColumn: 0, yColumn: 1, xMin: -1, xMax: 1, yMin: -1, yMax: 1, size: 4 };
const settings = (over: Partial<TrainSettings> = {}): TrainSettings => ({ ...DEFAULT_SETTINGS, ...over });

function net(hidden = 4, activation: 'tanh' | 'relu' = 'tanh'): NetworkSpec {
  return {
    groups: [
      { id: 'x', kind: 'input', units: 2, activation: 'linear', features: [{ op: 'id', a: 0 }, { op: 'id', a: 1 }] },
      { id: 'h', kind: 'hidden', units: hidden, activation },
      { id: 'out', kind: 'output', units: 1, activation: 'sigmoid' }
    ],
    edges: [
      { from: 'x', to: 'h' },
      { from: 'h', to: 'out' }
    ]
  };
}

/** 100 points in two blobs, every 4th held out: 75 training samples, 8 steps an epoch at batch 10. */
function blobs(count = 100): DataTable {
  const rng = createRng(3);
  const x = new Float32Array(count * 2);
  const y = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    y[i] = i % 2;
    x[2 * i] = (y[i] ? 0.5 : -0.5) + rng.uniform(-0.3, 0.3);
    x[2 * i + 1] = rng.uniform(-1, 1);
  }
  const isTest = Uint8Array.from({ length: count }, (_, i) => (i % 4 === 3 ? 1 : 0));
  return { count, columns: ['x1', 'x2'], x, y, classes: ['A', 'B'], targetColumns: [], isTest };
}

/** A session on a fake clock that each read advances by `cost` ms (the work a slice "takes"). */
function setup(over: Partial<TrainSettings> = {}, cost = 1) {
  let time = 1000;
  const clock = { read: () => (time += cost), advance: (ms: number) => (time += ms), get now() { return time; } };
  const session = new TrainingSession(() => clock.read());
  session.setData(blobs());
  const loaded = session.load(net(), settings(over), GRID);
  if (!loaded.ok) throw new Error(loaded.error);
  session.connect();
  const sent: Snapshot[] = [];
  /** ticks until a snapshot comes (acknowledging it), at most `limit` ticks */
  const next = (limit = 1000): Snapshot => {
    for (let i = 0; i < limit; i++) {
      const { snapshot, wait } = session.tick(clock.now);
      if (snapshot) {
        sent.push(snapshot);
        session.acknowledge(snapshot.seq);
        return snapshot;
      }
      clock.advance(wait ?? 16);
    }
    throw new Error('no snapshot');
  };
  return { session, clock, next, sent };
}

describe('TrainingSession', () => {
  it('sends the loaded network at once, then nothing until something changes', () => {
    const { session, next } = setup();
    const first = next();
    expect(first).toMatchObject({ step: 0, epoch: 0, running: false, stopReason: null, stopKind: null, diverged: null });
    expect(first.unitGrids.length).toBe((2 + 4 + 1) * 16);
    expect(session.tick()).toEqual({ snapshot: null, wait: null });
  });

  it('holds the next snapshot until the page acknowledges the last one (back-pressure)', () => {
    const { session } = setup();
    const first = session.tick().snapshot!;
    session.pause();
    expect(session.tick().snapshot).toBeNull();
    session.acknowledge(first.seq - 1);
    expect(session.tick().snapshot).toBeNull();
    session.acknowledge(first.seq);
    expect(session.tick().snapshot!.seq).toBe(first.seq + 1);
  });

  it('while training, sends at most one snapshot per interval however soon the page acknowledges', () => {
    const { session, clock, next } = setup();
    next();
    session.play();
    const times: number[] = [];
    for (let k = 0; k < 20; k++) {
      next();
      times.push(clock.now);
    }
    for (let k = 1; k < times.length; k++) expect(times[k] - times[k - 1]).toBeGreaterThanOrEqual(SNAPSHOT_INTERVAL_MS);
  });

  it('steps one batch or one whole epoch, and pauses', () => {
    const { session, next } = setup();
    next();
    session.step(1, 'batch');
    expect(next()).toMatchObject({ step: 1, epoch: 0, running: false });
    session.step(1, 'epoch');
    const s = next();
    expect(s).toMatchObject({ step: 8, epoch: 1 });
    expect(s.epochs.map((e) => e.epoch)).toEqual([1]);
    session.step(2, 'epoch');
    expect(next()).toMatchObject({ step: 24, epoch: 3 });
  });

  it('trains at the teaching pace by default: about 60 epochs a second, not as fast as it can', () => {
    const { session, clock, next } = setup();
    next();
    session.play();
    const start = clock.now;
    let s = next();
    for (let k = 0; k < 5000 && clock.now - start < 2000; k++) s = next();
    const seconds = (clock.now - start) / 1000;
    expect(s.running).toBe(true);
    expect(s.epoch / seconds).toBeGreaterThan(45);
    expect(s.epoch / seconds).toBeLessThan(66);
  });

  it('trains flat out at pace 0, each slice sized to about 12 ms of the measured cost of a step', () => {
    // Every clock read advances 1 ms: a slice of n steps "takes" 1 ms, so the next slice is 12·n steps.
    const { session, clock } = setup({}, 1);
    session.setPace(0);
    session.acknowledge(session.tick(clock.now).snapshot!.seq);
    session.play();
    const waits: (number | null)[] = [];
    for (let k = 0; k < 4; k++) {
      const { snapshot, wait } = session.tick(clock.now);
      if (snapshot) session.acknowledge(snapshot.seq);
      waits.push(wait);
    }
    expect(waits).toEqual([0, 0, 0, 0]);
    session.pause();
    expect(session.tick(clock.now).snapshot!.step).toBe(1 + 12 + 144 + 1728);
  });

  it('under a pace the machine cannot reach, goes on without waiting (the pace does not slow it down)', () => {
    // 10,000 epochs/s of 8 steps owes 80,000 steps a second: after a second, far more than one slice runs.
    const { session, clock } = setup({}, 1);
    session.setPace(10_000);
    session.acknowledge(session.tick(clock.now).snapshot!.seq);
    session.play();
    clock.advance(1000);
    const { wait } = session.tick(clock.now);
    expect(wait).toBe(0);
  });

  it('evaluates the whole sets at most every 250 ms while running, and always when paused', () => {
    const { session, clock, next } = setup();
    next();
    session.play();
    const a = next();
    const b = next();
    expect(b.step).toBeGreaterThan(a.step);
    expect(b.current).toEqual(a.current);
    clock.advance(300);
    expect(next().current).not.toEqual(a.current);
    session.pause();
    const paused = next();
    expect(paused.current.epoch).toBe(paused.epoch);
  });

  it('stops at the epoch limit, says why, and stays stopped on play', () => {
    const { session, next } = setup({ maxEpochs: 3 });
    session.setPace(0);
    next();
    session.play();
    let s = next();
    for (let k = 0; k < 5000 && s.running; k++) s = next();
    expect(s).toMatchObject({ epoch: 3, stopKind: 'max-epochs', stopReason: 'Reached the maximum of 3 epochs.' });
    session.play();
    expect(next()).toMatchObject({ running: false, epoch: 3, stopKind: 'max-epochs' });
  });

  it('early stopping names its epoch', () => {
    const { session, next } = setup({ earlyStoppingPatience: 2, learningRate: 0.0001, optimizer: 'sgd' });
    session.setPace(0);
    next();
    session.play();
    let s = next();
    for (let k = 0; k < 5000 && s.running; k++) s = next();
    expect(s.stopKind).toBe('early-stopping');
    expect(s.earlyStopEpoch).toBe(s.epoch);
  });

  it('pauses on divergence; play then starts a new run from the same seed', () => {
    const { session, next } = setup();
    const linearOut = net(4, 'relu');
    linearOut.groups[2].activation = 'linear';
    expect(session.load(linearOut, settings({ learningRate: 1e30, loss: 'mse' }), GRID).ok).toBe(true);
    const fresh = next();
    session.play();
    let s = next();
    for (let k = 0; k < 5000 && s.running; k++) s = next();
    expect(s.diverged).not.toBeNull();
    expect(s.diverged!.message).toMatch(/Training diverged at step \d+/);
    expect(s.run).toBe(fresh.run);
    session.play();
    const restarted = next();
    expect(restarted.run).toBe(fresh.run + 1);
    expect(restarted.diverged).toBeNull();
  });

  it('pauses a finite blow-up: the loss stays above where it started (instability)', () => {
    const { session, next } = setup({ learningRate: 10, loss: 'mse' });
    session.load(
      { ...net(8, 'tanh'), groups: net(8, 'tanh').groups.map((g) => (g.id === 'out' ? { ...g, activation: 'tanh' as const } : g)) },
      settings({ learningRate: 10, loss: 'mse', batchSize: 1 }),
      GRID
    );
    session.setPace(0);
    next();
    session.play();
    let s = next();
    for (let k = 0; k < 5000 && s.running; k++) s = next();
    expect(s.running).toBe(false);
    expect(s.stopKind).toBe('unstable');
    expect(s.stopReason).toMatch(/^Training is unstable: over the last 20 epochs/);
    expect(s.epoch).toBeGreaterThanOrEqual(INSTABILITY_WINDOW);
  });

  it('re-initialises on a seed or initializer change (a new run), not on a learning-rate change', () => {
    const { session, next } = setup();
    const first = next();
    session.step(3, 'epoch');
    next();
    session.setSettings({ learningRate: 0.1 });
    expect(next()).toMatchObject({ run: first.run, epoch: 3 });
    session.setSettings({ seed: 7 });
    const reseeded = next();
    expect(reseeded).toMatchObject({ run: first.run + 1, epoch: 0, step: 0 });
    expect(reseeded.params).not.toEqual(first.params);
    session.setSettings({ seed: 1 });
    expect(next().params).toEqual(first.params);
  });

  it('restores saved progress: the counters go on, the run stays, and the epoch limit counts from there', () => {
    const { session, next } = setup({ maxEpochs: 5 });
    const first = next();
    session.step(2, 'epoch');
    const trained = next();
    // A reload: a fresh network, the saved weights, then the saved counters.
    expect(session.load(net(), settings({ maxEpochs: 5 }), GRID).ok).toBe(true);
    session.setParams(trained.params, trained.frozen);
    const run = session.restoreProgress({ step: trained.step, epoch: trained.epoch });
    const restored = next();
    expect(restored.run).toBe(run);
    expect(run).toBe(first.run + 1);
    expect(restored).toMatchObject({ step: 16, epoch: 2, running: false });
    session.step(1, 'epoch');
    const after = next();
    expect(after).toMatchObject({ step: 24, epoch: 3, run });
    expect(after.epochs.map((e) => e.epoch)).toEqual([3]);
    session.step(5, 'epoch');
    expect(next()).toMatchObject({ epoch: 5, stopKind: 'max-epochs' });
    expect(() => session.restoreProgress({ step: -1, epoch: 0 })).toThrow(/whole numbers/);
    expect(() => session.restoreProgress({ step: 1.5, epoch: 0 })).toThrow(/whole numbers/);
  });

  it('keeps the run (and the trained weights) across an edit that keeps the layout; a new shape starts a new run', () => {
    const { session, next } = setup();
    const first = next();
    session.step(2, 'epoch');
    const trained = next();
    expect(session.load(net(4, 'relu'), settings(), GRID, { keepWeights: true }).ok).toBe(true);
    const edited = next();
    expect(edited.run).toBe(first.run);
    expect(edited.params).toEqual(trained.params);
    expect(session.load(net(5), settings(), GRID, { keepWeights: true }).ok).toBe(true);
    const grown = next();
    expect(grown.run).toBe(first.run + 1);
    // the first input's weights to the first four units survive the new unit
    expect(Array.from(grown.params.subarray(0, 4))).toEqual(Array.from(trained.params.subarray(0, 4)));
  });

  it('loads on the data sent once, refuses a spec that does not fit it, and keeps the old network', () => {
    const session = new TrainingSession(() => 0);
    expect(session.load(net(), settings(), GRID)).toEqual({ ok: false, error: 'No data has been sent yet.' });
    session.setData(blobs());
    expect(session.load(net(), settings(), GRID).ok).toBe(true);
    const wide = net();
    wide.groups[0].features = [{ op: 'id', a: 0 }, { op: 'id', a: 5 }];
    const refused = session.load(wide, settings(), GRID);
    expect(refused).toEqual({ ok: false, error: expect.stringMatching(/reads column 5, but the data has 2 columns/) });
    expect(session.predict(new Float32Array([0, 0])).length).toBe(1);
  });

  it('edits one parameter by reference and refuses one that does not exist', () => {
    const { session, next } = setup();
    next();
    session.setParam({ kind: 'bias', group: 'out', j: 0 }, 2.5, true);
    const s = next();
    const bias = 2 * 4 + 4 + 4;
    expect(s.params[bias]).toBe(2.5);
    expect(s.frozen[bias]).toBe(1);
    expect(() => session.setParam({ kind: 'bias', group: 'nope', j: 0 }, 1)).toThrow(/no bias 0 in group "nope"/);
  });
});

/** Leader A and follower B on one fake clock, driven as the worker drives them. */
function pair(a: Partial<TrainSettings>, b: Partial<TrainSettings>, hiddenB = 4) {
  let time = 0;
  const clock = () => (time += 0.5);
  const leader = new TrainingSession(clock);
  const follower = new TrainingSession(clock);
  follower.setFollower(true);
  for (const [session, over, hidden] of [[leader, a, 4], [follower, b, hiddenB]] as const) {
    session.setData(blobs());
    const loaded = session.load(net(hidden), settings(over), GRID);
    if (!loaded.ok) throw new Error(loaded.error);
  }
  /** one turn of the worker's loop, 20 ms after the last (the leader trains at the teaching pace) */
  const turn = () => {
    time += 20;
    leader.tick();
    const behind = follower.follow(leader.position);
    follower.tick();
    return behind;
  };
  return { leader, follower, turn };
}

describe('a comparison trains in lockstep', () => {
  it('B catches up with A after each turn, passing it by less than one of its own steps', () => {
    const { leader, follower, turn } = pair({ optimizer: 'sgd', batchSize: 10 }, { optimizer: 'adam', batchSize: 5 }, 12);
    leader.play();
    follower.play();
    for (let k = 0; k < 40; k++) {
      let behind = turn();
      for (let guard = 0; behind && guard < 1000; guard++) behind = follower.follow(leader.position);
      expect(follower.position).toBeGreaterThanOrEqual(leader.position - 1e-9);
      // B passes A's position by less than one of its own steps (5 of 75 samples).
      expect(follower.position - leader.position).toBeLessThan(5 / 75 + 1e-9);
    }
    expect(leader.position).toBeGreaterThan(1);
  });

  it('B does not train on its own, nor while paused', () => {
    const { leader, follower } = pair({}, {});
    follower.play();
    for (let k = 0; k < 20; k++) follower.tick();
    expect(follower.position).toBe(0);
    follower.pause();
    expect(follower.follow(3)).toBe(false);
    expect(follower.position).toBe(0);
    expect(leader.position).toBe(0);
  });

  it('same spec and seed: A and B start from the same weights, and the same settings train them identically', () => {
    const { leader, follower, turn } = pair({ seed: 7 }, { seed: 7 });
    leader.connect();
    follower.connect();
    const first = [leader.tick().snapshot!, follower.tick().snapshot!];
    expect(Array.from(first[1].params)).toEqual(Array.from(first[0].params));
    leader.play();
    follower.play();
    for (let k = 0; k < 10; k++) turn();
    leader.pause();
    while (follower.follow(leader.position));
    follower.pause();
    leader.acknowledge(first[0].seq);
    follower.acknowledge(first[1].seq);
    const a = leader.tick().snapshot!;
    const b = follower.tick().snapshot!;
    expect(b.step).toBe(a.step);
    expect(Array.from(b.params)).toEqual(Array.from(a.params));
  });

  it('a held leader does not train, so a slow follower is never left behind', () => {
    const { leader, follower } = pair({}, {}, 64);
    leader.play();
    follower.play();
    for (let k = 0; k < 30; k++) {
      // the worker's rule: hold the leader while the follower is behind
      leader.hold(follower.isRunning && follower.position < leader.position - 1e-9);
      const before = leader.position;
      leader.tick();
      if (follower.position < before - 1e-9) expect(leader.position).toBe(before);
      // a follower that gets only one small slice a turn
      follower.follow(leader.position);
    }
    expect(leader.position).toBeGreaterThan(0);
    expect(leader.position - follower.position).toBeLessThan(1);
  });
});
