import { describe, expect, it } from 'vitest';
import type { DataTable, GroupSpec, NetworkSpec, TrainSettings } from '../protocol';
import { compile } from './compile';
import { DEFAULT_SETTINGS } from './settings';
import { createRng } from './random';
import { Trainer } from './trainer';
import { xorTable } from './__fixtures__/xor-table';

const settings = (over: Partial<TrainSettings> = {}): TrainSettings => ({ ...DEFAULT_SETTINGS, loss: 'mse', ...over });

function net(hidden: [number, GroupSpec['activation'], number?][], out: [number, GroupSpec['activation']], inputs = 2): NetworkSpec {
  const groups: GroupSpec[] = [
    { id: 'x', kind: 'input', units: inputs, activation: 'linear', features: Array.from({ length: inputs }, (_, a) => ({ op: 'id' as const, a })) }
  ];
  const edges: NetworkSpec['edges'] = [];
  let prev = 'x';
  hidden.forEach(([units, activation, dropout], i) => {
    groups.push({ id: `h${i + 1}`, kind: 'hidden', units, activation, dropout });
    edges.push({ from: prev, to: `h${i + 1}` });
    prev = `h${i + 1}`;
  });
  groups.push({ id: 'out', kind: 'output', units: out[0], activation: out[1] });
  edges.push({ from: prev, to: 'out' });
  return { groups, edges };
}

function regressionTable(count: number, f: (a: number, b: number) => number, seed = 9, columns = 2): DataTable {
  const rng = createRng(seed);
  const x = new Float32Array(count * columns);
  const y = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    for (let c = 0; c < columns; c++) x[i * columns + c] = rng.uniform(-1, 1);
    y[i] = f(x[i * columns], x[i * columns + 1]);
  }
  return {
    count,
    columns: Array.from({ length: columns }, (_, c) => `c${c}`),
    x,
    y,
    classes: null,
    targetColumns: ['y'],
    isTest: Uint8Array.from({ length: count }, (_, i) => (i % 5 === 4 ? 1 : 0))
  };
}

const bits = (a: Float32Array): number[] => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

describe('Trainer determinism', () => {
  const spec = net([[6, 'relu', 0.2], [4, 'tanh']], [1, 'sigmoid']);
  const s = settings({ optimizer: 'adam', learningRate: 0.01, loss: 'bce', batchSize: 7 });

  it('the same seed gives bit-identical parameters after 200 steps (adam, dropout, shuffling)', () => {
    const a = new Trainer(compile(spec), xorTable(), s);
    const b = new Trainer(compile(spec), xorTable(), s);
    const init = a.params.slice();
    expect(a.train(200).steps).toBe(200);
    b.train(120);
    b.train(80);
    expect(bits(a.params)).toEqual(bits(b.params));
    expect(bits(a.params)).not.toEqual(bits(init));
    expect(a.stepCount).toBe(200);
    // 60 training samples in batches of 7: 9 steps per epoch, the last one partial.
    expect(a.epochCount).toBe(Math.floor(200 / 9));
  });

  it('a different seed gives different parameters; reset restores the initial ones', () => {
    const a = new Trainer(compile(spec), xorTable(), s);
    const c = new Trainer(compile(spec), xorTable(), { ...s, seed: 2 });
    expect(bits(a.params)).not.toEqual(bits(c.params));
    const init = a.params.slice();
    a.train(50);
    a.reset();
    expect(bits(a.params)).toEqual(bits(init));
    expect(a.stepCount).toBe(0);
    expect(a.epochCount).toBe(0);
    // reset(seed) re-seeds and remembers the seed
    a.reset(2);
    expect(bits(a.params)).toEqual(bits(c.params));
    expect(a.getSettings().seed).toBe(2);
    a.train(30);
    c.train(30);
    expect(bits(a.params)).toEqual(bits(c.params));
  });
});

describe('Trainer divergence', () => {
  it('lr 1e4 stops with the step and group, keeping the last finite parameters', () => {
    const spec = net([[8, 'relu']], [1, 'linear']);
    const data = regressionTable(50, (a, b) => 100 * a - 50 * b);
    const s = settings({ learningRate: 1e4, batchSize: 5 });
    const t = new Trainer(compile(spec), data, s);
    const progress = t.train(1000);
    expect(progress.diverged).not.toBeNull();
    const d = progress.diverged!;
    expect(d.step).toBeGreaterThanOrEqual(1);
    expect(progress.steps).toBe(d.step - 1);
    expect(t.stepCount).toBe(d.step - 1);
    expect(['h1', 'out', 'loss']).toContain(d.group);
    expect(d.message).toMatch(new RegExp(`^Training diverged at step ${d.step}: .*(Infinity|NaN).*Lower the learning rate \\(now 10000\\) and press reset\\.$`));
    expect(Array.from(t.params).every(Number.isFinite)).toBe(true);
    // The kept parameters are exactly those after step − 1 successful steps.
    const replay = new Trainer(compile(spec), data, s);
    replay.train(d.step - 1);
    expect(bits(t.params)).toEqual(bits(replay.params));
  });

  it('names the first group that produced a non-finite value', () => {
    const spec = net([[2, 'linear'], [2, 'linear']], [1, 'linear']);
    const t = new Trainer(compile(spec), regressionTable(10, (a) => a), settings({ batchSize: 0 }));
    const h1 = t.program.layout.groups[1];
    t.setParam(h1.biasOffset, 3e38);
    t.setParam(h1.biasOffset + 1, 3e38);
    const h2 = t.program.layout.edges[1];
    for (let i = 0; i < 4; i++) t.setParam(h2.offset + i, 10);
    const progress = t.train(5);
    expect(progress.diverged?.group).toBe('h2');
    expect(progress.diverged?.step).toBe(1);
    expect(progress.diverged?.message).toContain('group "h2" produced Infinity');
  });
});

describe('Trainer divergence in the update', () => {
  it('an update that overflows float32 is rolled back and blamed on the group whose parameters broke', () => {
    const spec = net([[2, 'tanh']], [1, 'linear']);
    const data = regressionTable(10, (a) => 50 * a);
    const t = new Trainer(compile(spec), data, settings({ learningRate: 3e38, batchSize: 0 }));
    const before = t.params.slice();
    const p = t.train(3);
    expect(p.steps).toBe(0);
    expect(p.diverged?.step).toBe(1);
    expect(['h1', 'out']).toContain(p.diverged?.group);
    expect(p.diverged?.message).toMatch(/the parameters of group "(h1|out)" became -?Infinity\. Lower the learning rate \(now 3e\+38\)/);
    expect(bits(t.params)).toEqual(bits(before));
  });
});

describe('Trainer options', () => {
  it('frozen parameters never change (adam + L2), the others do', () => {
    const t = new Trainer(compile(net([[4, 'tanh']], [1, 'sigmoid'])), xorTable(), settings({ optimizer: 'adam', l2: 0.01, loss: 'bce', learningRate: 0.05 }));
    const frozen = [0, 5, t.program.layout.groups[1].biasOffset + 2];
    for (const i of frozen) t.setFrozen(i, true);
    t.setParam(5, 0.75);
    const before = t.params.slice();
    t.train(100);
    for (const i of frozen) expect(t.params[i]).toBe(before[i]);
    const moved = Array.from(t.params).filter((v, i) => !frozen.includes(i) && v !== before[i]).length;
    expect(moved).toBe(t.params.length - frozen.length);
    t.setFrozen(0, false);
    t.train(10);
    expect(t.params[0]).not.toBe(before[0]);
  });

  it('dropout is off in evaluate: equal to the same weights without dropout, and repeatable', () => {
    const withDropout = new Trainer(compile(net([[16, 'relu', 0.5]], [1, 'sigmoid'])), xorTable(), settings({ loss: 'bce' }));
    withDropout.train(40);
    const without = new Trainer(compile(net([[16, 'relu']], [1, 'sigmoid'])), xorTable(), settings({ loss: 'bce' }));
    without.setParams(withDropout.params);
    const a = withDropout.evaluate();
    expect(withDropout.evaluate()).toEqual(a);
    expect({ ...without.evaluate(), epoch: a.epoch }).toEqual(a);
  });

  it('batch size 0 = full batch, 1 = stochastic, 7 of 60 = 9 steps per epoch (last one partial)', () => {
    const spec = net([[3, 'tanh']], [1, 'sigmoid']);
    for (const [batchSize, perEpoch] of [[0, 1], [1, 60], [7, 9]]) {
      const t = new Trainer(compile(spec), xorTable(), settings({ batchSize, loss: 'bce' }));
      const p = t.train(perEpoch * 3);
      expect(p.epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
      expect(t.epochCount).toBe(3);
    }
  });

  it('epoch records carry train/test loss and accuracy at the epoch end', () => {
    const t = new Trainer(compile(net([[4, 'tanh']], [1, 'sigmoid'])), xorTable(), settings({ loss: 'bce', batchSize: 0 }));
    const p = t.train(2);
    expect(p.epochs).toHaveLength(2);
    expect(p.epochs[1]).toEqual(t.evaluate());
    expect(p.epochs[1].trainAccuracy).toBeGreaterThanOrEqual(0);
    expect(p.epochs[1].testLoss).toBeGreaterThan(0);
  });

  it('early stopping: with a learning rate of 0 the test loss never improves', () => {
    const t = new Trainer(compile(net([[4, 'tanh']], [1, 'sigmoid'])), xorTable(), settings({ learningRate: 0, earlyStoppingPatience: 3, batchSize: 0 }));
    const p = t.train(100);
    expect(p.steps).toBe(4);
    expect(p.stopReason).toMatch(/^Early stopping: the test loss has not improved for 3 epochs \(best .* at epoch 1\)\.$/);
  });

  it('maxEpochs stops the run and keeps it stopped', () => {
    const t = new Trainer(compile(net([[4, 'tanh']], [1, 'sigmoid'])), xorTable(), settings({ maxEpochs: 2, batchSize: 20 }));
    const p = t.train(100);
    expect(p.steps).toBe(6);
    expect(p.stopReason).toBe('Reached the maximum of 2 epochs.');
    expect(t.train(10)).toEqual({ steps: 0, epochs: [], diverged: null, stopReason: 'Reached the maximum of 2 epochs.', stopKind: 'max-epochs' });
  });

  it('changing the loss to one that does not fit throws and keeps the old settings', () => {
    const t = new Trainer(compile(net([[4, 'tanh']], [1, 'sigmoid'])), xorTable(), settings({ loss: 'bce' }));
    expect(() => t.setSettings({ loss: 'cce' })).toThrow(/one output unit per class/);
    expect(t.getSettings().loss).toBe('bce');
    expect(() => t.setSettings({ learningRate: NaN })).toThrow(/learningRate is NaN/);
    t.setSettings({ loss: 'hinge', batchSize: 3 });
    expect(t.getSettings()).toMatchObject({ loss: 'hinge', batchSize: 3 });
  });
});

describe('Trainer data and targets', () => {
  it('refuses data that does not fit the output group, with a clear message', () => {
    const three = { ...xorTable(), classes: ['a', 'b', 'c'] };
    expect(() => new Trainer(compile(net([[4, 'tanh']], [1, 'sigmoid'])), three, settings())).toThrow(
      'The data has 3 classes but output group "out" has 1 unit: use 3 units, one per class.'
    );
    expect(() => new Trainer(compile(net([[4, 'tanh']], [2, 'softmax'])), three, settings({ loss: 'cce' }))).toThrow(
      'The data has 3 classes but output group "out" has 2 units: use 3 units, one per class.'
    );
    expect(() => new Trainer(compile(net([[4, 'tanh']], [2, 'linear'])), regressionTable(10, (a) => a), settings())).toThrow(
      'The data has 1 target column but output group "out" has 2 units: they must match.'
    );
    expect(() => new Trainer(compile(net([[4, 'tanh']], [1, 'linear'])), regressionTable(10, (a) => a), settings({ loss: 'sparse_cce' }))).toThrow(
      /needs class labels/
    );
    expect(() => new Trainer(compile(net([[4, 'tanh']], [1, 'linear'], 3)), regressionTable(10, (a) => a), settings())).toThrow(
      'Input group "x" reads column 2, but the data has 2 columns (c0, c1).'
    );
  });

  it('setData keeps the parameters and throws (keeping the old data) on a mismatch', () => {
    const t = new Trainer(compile(net([[4, 'tanh']], [1, 'sigmoid'])), xorTable(), settings());
    t.train(20);
    const params = t.params.slice();
    t.setData(xorTable(40, 8));
    expect(bits(t.params)).toEqual(bits(params));
    expect(() => t.setData({ ...xorTable(), classes: ['a', 'b', 'c'] })).toThrow(/3 classes/);
    expect(t.evaluate().trainLoss).toBeGreaterThan(0);
    expect(t.confusion()!.reduce((s, v) => s + v, 0)).toBe(10);
  });

  it('confusion counts match the test accuracy, rows are the true class', () => {
    const t = new Trainer(compile(net([[8, 'tanh']], [2, 'softmax'])), xorTable(200), settings({ loss: 'sparse_cce', optimizer: 'adam', learningRate: 0.05 }));
    t.train(400);
    const m = t.confusion()!;
    const record = t.evaluate();
    expect(m.reduce((s, v) => s + v, 0)).toBe(50);
    expect((m[0] + m[3]) / 50).toBeCloseTo(record.testAccuracy, 12);
    const data = xorTable(200);
    let positives = 0;
    for (let i = 0; i < 200; i++) if (data.isTest[i] && data.y[i] === 1) positives++;
    expect(m[2] + m[3]).toBe(positives);
  });
});

describe('Trainer views: predict, grid, trace', () => {
  const oneToOne: NetworkSpec = {
    groups: [
      { id: 'x', kind: 'input', units: 1, activation: 'linear', features: [{ op: 'id', a: 0 }] },
      { id: 'out', kind: 'output', units: 1, activation: 'linear' }
    ],
    edges: [{ from: 'x', to: 'out' }]
  };
  const tiny: DataTable = { count: 1, columns: ['x'], x: Float32Array.of(3), y: Float32Array.of(5), classes: null, targetColumns: ['y'], isTest: Uint8Array.of(0) };

  it('predict computes w·x + b', () => {
    const t = new Trainer(compile(oneToOne), tiny, settings());
    t.setParams([2, 1]);
    expect(Array.from(t.predict(Float32Array.of(3, -1, 0.5)))).toEqual([7, -1, 2]);
    expect(() => t.predict(Float32Array.of(1, 2).subarray(0, 0))).not.toThrow();
  });

  it('trace gives z, a, dz, da and the gradients of one sample by hand (mse: L = (wx + b − y)²)', () => {
    const t = new Trainer(compile(oneToOne), tiny, settings());
    t.setParams([2, 1]);
    const tr = t.trace(0);
    expect(tr.loss).toBe(4);
    expect(Array.from(tr.z)).toEqual([3, 7]);
    expect(Array.from(tr.a)).toEqual([3, 7]);
    expect(Array.from(tr.da)).toEqual([8, 4]);
    expect(Array.from(tr.dz)).toEqual([8, 4]);
    expect(Array.from(tr.grads)).toEqual([12, 4]);
    expect(Array.from(t.params)).toEqual([2, 1]);
    expect(() => t.trace(1)).toThrow('Sample 1 does not exist (the data has 1 samples).');
  });

  it('trace on the fused softmax + cce path still reports dL/da = −t/p', () => {
    const t = new Trainer(compile(net([[3, 'tanh']], [2, 'softmax'])), xorTable(), settings({ loss: 'cce' }));
    const tr = t.trace(0);
    const label = xorTable().y[0];
    const out = t.program.layout.groups[2];
    const p = tr.a[out.unitOffset + label];
    expect(tr.da[out.unitOffset + label]).toBeCloseTo(-1 / p, 4);
    expect(tr.dz[out.unitOffset + label]).toBeCloseTo(p - 1, 6);
  });

  it('evaluateGrid: every unit over the grid, row 0 at yMax, inputs show their features, other columns at the train mean', () => {
    const spec: NetworkSpec = {
      groups: [
        { id: 'x', kind: 'input', units: 3, activation: 'linear', features: [{ op: 'id', a: 0 }, { op: 'id', a: 1 }, { op: 'product', a: 0, b: 2 }] },
        { id: 'h', kind: 'hidden', units: 5, activation: 'tanh' },
        { id: 'out', kind: 'output', units: 1, activation: 'linear' }
      ],
      edges: [{ from: 'x', to: 'h' }, { from: 'h', to: 'out' }]
    };
    const data = regressionTable(30, (a, b) => a + b, 2, 3);
    const t = new Trainer(compile(spec), data, settings());
    const size = 7;
    const grid = { xColumn: 0, yColumn: 1, xMin: -2, xMax: 4, yMin: -1, yMax: 5, size };
    const out = new Float32Array(t.program.unitCount * size * size);
    t.evaluateGrid(grid, out);
    let mean2 = 0;
    let trainCount = 0;
    for (let i = 0; i < 30; i++) {
      if (data.isTest[i]) continue;
      mean2 += data.x[i * 3 + 2];
      trainCount++;
    }
    mean2 /= trainCount;
    const cell = (u: number, row: number, col: number) => out[u * size * size + row * size + col];
    expect(cell(0, 0, 0)).toBeCloseTo(-2, 6);
    expect(cell(0, 3, 6)).toBeCloseTo(4, 6);
    expect(cell(1, 0, 4)).toBeCloseTo(5, 6);
    expect(cell(1, 6, 4)).toBeCloseTo(-1, 6);
    expect(cell(2, 2, 6)).toBeCloseTo(4 * mean2, 5);
    // The output unit agrees with predict() at the same raw points.
    const points = new Float32Array(size * size * 3);
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) {
        const p = (r * size + c) * 3;
        points[p] = -2 + c;
        points[p + 1] = 5 - r;
        points[p + 2] = mean2;
      }
    }
    const predicted = t.predict(points);
    const outUnit = t.program.unitCount - 1;
    for (let i = 0; i < size * size; i++) expect(out[outUnit * size * size + i]).toBeCloseTo(predicted[i], 5);
  });

  it('evaluateGrid over more points than one chunk (100 × 100)', () => {
    const t = new Trainer(compile(net([[8, 'tanh'], [8, 'tanh']], [1, 'tanh'])), xorTable(), settings());
    const size = 100;
    const out = new Float32Array(t.program.unitCount * size * size);
    t.evaluateGrid({ xColumn: 0, yColumn: 1, xMin: -1, xMax: 1, yMin: -1, yMax: 1, size }, out);
    const lastRow = Float32Array.of(1, -1);
    const unit = t.program.unitCount - 1;
    expect(out[unit * size * size + (size - 1) * size + (size - 1)]).toBeCloseTo(t.predict(lastRow)[0], 6);
    expect(out.every(Number.isFinite)).toBe(true);
  });

  it('groupActivations returns count × units for a group, null for an unknown id', () => {
    const t = new Trainer(compile(net([[3, 'relu']], [1, 'sigmoid'])), xorTable(), settings());
    const acts = t.groupActivations('h1')!;
    expect(acts).toHaveLength(80 * 3);
    expect(Array.from(acts).every((v) => v >= 0)).toBe(true);
    expect(t.groupActivations('nope')).toBeNull();
  });
});

describe('Trainer regression figures and early-stop epoch', () => {
  const line: NetworkSpec = {
    groups: [
      { id: 'x', kind: 'input', units: 1, activation: 'linear', features: [{ op: 'id', a: 0 }] },
      { id: 'out', kind: 'output', units: 1, activation: 'linear' }
    ],
    edges: [{ from: 'x', to: 'out' }]
  };
  // y = 2x + 1 on x = 0, 1, 2, 3 (train) and x = 4, 5 (test)
  const table: DataTable = {
    count: 6,
    columns: ['x'],
    x: Float32Array.of(0, 1, 2, 3, 4, 5),
    y: Float32Array.of(1, 3, 5, 7, 9, 11),
    classes: null,
    targetColumns: ['y'],
    isTest: Uint8Array.of(0, 0, 0, 0, 1, 1)
  };

  it('R² per set and the test-set report, by hand: prediction x + 1 against 2x + 1', () => {
    const t = new Trainer(compile(line), table, settings());
    t.setParams([1, 1]);
    const r = t.evaluate();
    // train: errors 0, 1, 2, 3 → SSres 14; y mean 4, SStot 9 + 1 + 1 + 9 = 20 → R² = 1 − 14/20 = 0.3
    expect(r.trainR2).toBeCloseTo(0.3, 6);
    // test: errors 4, 5 → SSres 41; y mean 10, SStot 2 → R² = 1 − 41/2 = −19.5
    expect(r.testR2).toBeCloseTo(-19.5, 6);
    const report = t.regression()!;
    expect(report.mse).toBeCloseTo(20.5, 6);
    expect(report.rmse).toBeCloseTo(Math.sqrt(20.5), 6);
    expect(report.mae).toBeCloseTo(4.5, 6);
    expect(report.r2).toBeCloseTo(-19.5, 6);
    t.setParams([2, 1]);
    expect(t.evaluate().testR2).toBeCloseTo(1, 6);
    expect(t.regression()!.mse).toBeCloseTo(0, 6);
  });

  it('R² rises as a regression trains; classification records carry NaN and no report', () => {
    const t = new Trainer(compile(net([[6, 'tanh']], [1, 'linear'])), regressionTable(100, (a, b) => a + 0.5 * b), settings({ optimizer: 'adam', learningRate: 0.03 }));
    const before = t.evaluate().testR2!;
    const p = t.train(400);
    expect(p.epochs.at(-1)!.testR2).toBeGreaterThan(Math.max(0.9, before));
    expect(p.epochs.at(-1)!.trainR2).toBeGreaterThan(0.9);
    const c = new Trainer(compile(net([[4, 'tanh']], [1, 'sigmoid'])), xorTable(), settings({ loss: 'bce' }));
    expect(c.evaluate().trainR2).toBeNaN();
    expect(c.evaluate().testR2).toBeNaN();
    expect(c.regression()).toBeNull();
  });

  it('without a test set the report is over the training set and the test R² is NaN', () => {
    const t = new Trainer(compile(line), { ...table, isTest: new Uint8Array(6) }, settings());
    t.setParams([2, 0]);
    // every prediction 1 too low: MSE 1, MAE 1
    expect(t.regression()!.mse).toBeCloseTo(1, 6);
    expect(t.regression()!.mae).toBeCloseTo(1, 6);
    expect(t.evaluate().testR2).toBeNaN();
  });

  it('names the epoch at which early stopping ended the run; max epochs does not', () => {
    const t = new Trainer(compile(net([[4, 'tanh']], [1, 'sigmoid'])), xorTable(), settings({ learningRate: 0, earlyStoppingPatience: 3, batchSize: 0 }));
    const p = t.train(100);
    expect(p.earlyStopEpoch).toBe(4);
    const m = new Trainer(compile(net([[4, 'tanh']], [1, 'sigmoid'])), xorTable(), settings({ maxEpochs: 2, batchSize: 0 }));
    const q = m.train(100);
    expect(q.stopReason).toMatch(/maximum of 2 epochs/);
    expect(q.earlyStopEpoch).toBeUndefined();
  });
});
