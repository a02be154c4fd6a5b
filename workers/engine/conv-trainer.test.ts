/** Conv nets through the Trainer and the session: pixels, frozen kernels, carried weights, feature maps, no grids. */
import { describe, expect, it } from 'vitest';
import type { DataTable, GridView, NetworkSpec, TrainSettings } from '../protocol';
import { carryParams } from './carry-params';
import { compile } from './compile';
import { kernelIndex, paramIndex } from './param-ref';
import { createRng } from './random';
import { TrainingSession } from './session';
import { DEFAULT_SETTINGS } from './settings';
import { Trainer } from './trainer';

const SIDE = 8;

function spec(filters = 3, dropout = 0): NetworkSpec {
  return {
    groups: [
      { id: 'x', kind: 'input', units: 0, activation: 'linear', image: { height: SIDE, width: SIDE, channels: 1 } },
      { id: 'c', kind: 'hidden', units: 0, activation: 'relu', dropout, layer: { type: 'conv2d', filters, kernelSize: 3, stride: 1, padding: 'same' } },
      { id: 'p', kind: 'hidden', units: 0, activation: 'linear', layer: { type: 'pool2d', mode: 'max', poolSize: 2, stride: 2 } },
      { id: 'f', kind: 'hidden', units: 0, activation: 'linear', layer: { type: 'flatten' } },
      { id: 'out', kind: 'output', units: 2, activation: 'softmax' }
    ],
    edges: ['x>c', 'c>p', 'p>f', 'f>out'].map((e) => ({ from: e.split('>')[0], to: e.split('>')[1] }))
  };
}

/** Bright bars: horizontal (class 0) or vertical (class 1), at random places; every fourth sample held out. */
function bars(count: number): DataTable {
  const rng = createRng(8);
  const pixels = new Uint8Array(count * SIDE * SIDE);
  const y = new Float32Array(count);
  for (let s = 0; s < count; s++) {
    const vertical = rng.next() < 0.5;
    const at = rng.int(SIDE);
    y[s] = vertical ? 1 : 0;
    for (let i = 0; i < SIDE; i++) pixels[s * SIDE * SIDE + (vertical ? i * SIDE + at : at * SIDE + i)] = 255;
  }
  return {
    count,
    columns: Array.from({ length: SIDE * SIDE }, (_, i) => `p${i}`),
    x: new Float32Array(0),
    pixels,
    pixelScale: 1 / 255,
    y,
    classes: ['horizontal', 'vertical'],
    targetColumns: [],
    isTest: Uint8Array.from({ length: count }, (_, i) => (i % 4 === 3 ? 1 : 0))
  };
}

const settings = (partial: Partial<TrainSettings> = {}): TrainSettings => ({ ...DEFAULT_SETTINGS, optimizer: 'adam', learningRate: 0.01, batchSize: 8, loss: 'cce', ...partial });

describe('conv nets in the Trainer', () => {
  it('learn from uint8 pixels, with dropout on the conv group', () => {
    const trainer = new Trainer(compile(spec(4, 0.2)), bars(120), settings());
    const before = trainer.evaluate().testAccuracy;
    const progress = trainer.train(trainer.stepsPerEpoch * 15);
    expect(progress.diverged).toBeNull();
    const after = progress.epochs.at(-1)!;
    expect(after.testAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(after.testAccuracy).toBeGreaterThan(before);
  });

  it('keep frozen kernel weights exactly, and move the others', () => {
    const program = compile(spec());
    const trainer = new Trainer(program, bars(40), settings());
    const frozen = kernelIndex(program.layout, 'c', 1, 2, 0, 1);
    const free = kernelIndex(program.layout, 'c', 1, 1, 0, 1);
    expect(frozen).toBe(program.groups[1].kernelOffset + (1 * 3 + 2) * 3 + 1);
    expect(kernelIndex(program.layout, 'c', 3, 0, 0, 0)).toBe(-1);
    trainer.setFrozen(frozen, true);
    const start = trainer.params.slice();
    trainer.train(10);
    expect(trainer.params[frozen]).toBe(start[frozen]);
    expect(trainer.params[free]).not.toBe(start[free]);
  });

  it('address one bias per filter of a conv group', () => {
    const layout = compile(spec()).layout;
    const c = layout.groups[1];
    expect(paramIndex(layout, { kind: 'bias', group: 'c', j: 2 })).toBe(c.biasOffset + 2);
    expect(paramIndex(layout, { kind: 'bias', group: 'c', j: 3 })).toBe(-1);
  });

  it('carry a kernel into a layer with more filters', () => {
    const a = compile(spec(2));
    const b = compile(spec(3));
    const old = Float32Array.from({ length: a.paramCount }, (_, i) => i + 1);
    const next = new Float32Array(b.paramCount);
    carryParams(a.layout, old, b.layout, next);
    for (let r = 0; r < 9; r++) {
      for (let f = 0; f < 2; f++) expect(next[kernelIndex(b.layout, 'c', Math.floor(r / 3), r % 3, 0, f)]).toBe(old[kernelIndex(a.layout, 'c', Math.floor(r / 3), r % 3, 0, f)]);
      expect(next[kernelIndex(b.layout, 'c', Math.floor(r / 3), r % 3, 0, 2)]).toBe(0);
    }
    expect(Array.from(next.subarray(b.layout.groups[1].biasOffset, b.layout.groups[1].biasOffset + 2))).toEqual([19, 20]);
  });

  it('give feature maps for a sample and for a drawn input, the same for the same pixels', () => {
    const data = bars(20);
    const trainer = new Trainer(compile(spec()), data, settings());
    const maps = trainer.featureMaps({ sample: 5 });
    expect(maps.groups.map((g) => [g.id, g.shape, g.values.length])).toEqual([
      ['x', { height: 8, width: 8, channels: 1 }, 64],
      ['c', { height: 8, width: 8, channels: 3 }, 192],
      ['p', { height: 4, width: 4, channels: 3 }, 48]
    ]);
    expect(maps.output.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    const drawn = Float32Array.from(data.pixels!.subarray(5 * 64, 6 * 64), (v) => v / 255);
    const again = trainer.featureMaps(drawn);
    expect(Array.from(again.output)).toEqual(Array.from(maps.output));
    expect(Array.from(again.groups[1].values)).toEqual(Array.from(maps.groups[1].values));
    expect(() => trainer.featureMaps(new Float32Array(3))).toThrow('A raw input needs 64 values, one per column (got 3).');
    expect(() => trainer.featureMaps({ sample: 20 })).toThrow('Sample 20 does not exist');
  });

  it('refuse data that does not fit the image input', () => {
    const small = { ...bars(4), columns: ['a', 'b'], pixels: new Uint8Array(8) };
    expect(() => new Trainer(compile(spec()), small, settings())).toThrow('Image input "x" needs 64 columns (8×8×1), but the data has 2.');
  });
});

describe('a conv net in the session', () => {
  it('sends snapshots without heat-map grids, and feature maps on request', () => {
    const session = new TrainingSession();
    session.setData(bars(16));
    const grid: GridView = { xColumn: 0, yColumn: 1, xMin: 0, xMax: 1, yMin: 0, yMax: 1, size: 20 };
    const loaded = session.load(spec(), settings(), grid);
    expect(loaded.ok).toBe(true);
    session.connect();
    const { snapshot } = session.tick();
    expect(snapshot?.unitGrids.length).toBe(0);
    expect(session.featureMaps({ sample: 0 }).groups).toHaveLength(3);
  });
});
