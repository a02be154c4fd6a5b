import { describe, expect, it } from 'vitest';
import type { DataTable, GridView, NetworkSpec, TrainSettings } from '../protocol';
import { createRng } from './random';
import { TrainingSession } from './session';
import { DEFAULT_SETTINGS } from './settings';

const GRID: GridView = { xColumn: 0, yColumn: 1, xMin: -1, xMax: 1, yMin: -1, yMax: 1, size: 4 };

function net(hidden: number): NetworkSpec {
  return {
    groups: [
      { id: 'x', kind: 'input', units: 2, activation: 'linear', features: [{ op: 'id', a: 0 }, { op: 'id', a: 1 }] },
      { id: 'h', kind: 'hidden', units: hidden, activation: 'tanh' },
      { id: 'out', kind: 'output', units: 1, activation: 'sigmoid' }
    ],
    edges: [
      { from: 'x', to: 'h' },
      { from: 'h', to: 'out' }
    ]
  };
}

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

/** Leader A and follower B on one fake clock, driven as the worker drives them. */
function pair(a: Partial<TrainSettings>, b: Partial<TrainSettings>, hiddenB = 4) {
  let time = 0;
  const clock = () => (time += 0.5);
  const leader = new TrainingSession(clock);
  const follower = new TrainingSession(clock);
  follower.setFollower(true);
  for (const [session, over, hidden] of [[leader, a, 4], [follower, b, hiddenB]] as const) {
    session.setData(blobs());
    const loaded = session.load(net(hidden), { ...DEFAULT_SETTINGS, ...over }, GRID);
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
});
