/**
 * The course's tasks, trained by the engine on the course's data (__fixtures__/course/*.csv).
 * Inputs are standardised with the training rows' mean and standard deviation, as the material
 * allows: every model here is affine in its inputs' first layer, so this changes the path of
 * gradient descent, not what the model can fit. Losses stay in the original price units.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DataTable, GroupSpec, NetworkSpec, TrainSettings } from '../protocol';
import { compile } from './compile';
import { DEFAULT_SETTINGS } from './settings';
import { createRng } from './random';
import { Trainer } from './trainer';

function readCsv(name: string): { header: string[]; rows: string[][] } {
  const text = readFileSync(new URL(`./__fixtures__/course/${name}`, import.meta.url), 'utf8').trim();
  const [head, ...lines] = text.split(/\r?\n/);
  return { header: head.split(','), rows: lines.map((l) => l.split(',')) };
}

/** Regression table from a course CSV: feature columns standardised on the train rows. */
function hotels(name: string, features: string[]): DataTable {
  const { header, rows } = readCsv(name);
  const col = (c: string) => header.indexOf(c);
  const isTest = Uint8Array.from(rows, (r) => (r[col('split')] === 'test' ? 1 : 0));
  const x = new Float32Array(rows.length * features.length);
  features.forEach((f, j) => {
    const values = rows.map((r) => Number(r[col(f)]));
    const train = values.filter((_, i) => !isTest[i]);
    const mean = train.reduce((s, v) => s + v, 0) / train.length;
    const std = Math.sqrt(train.reduce((s, v) => s + (v - mean) ** 2, 0) / train.length);
    values.forEach((v, i) => (x[i * features.length + j] = (v - mean) / std));
  });
  return {
    count: rows.length,
    columns: features,
    x,
    y: Float32Array.from(rows, (r) => Number(r[col('price_usd')])),
    classes: null,
    targetColumns: ['price_usd'],
    isTest
  };
}

function chain(inputs: number, layers: [number, GroupSpec['activation']][]): NetworkSpec {
  const groups: GroupSpec[] = [
    { id: 'x', kind: 'input', units: inputs, activation: 'linear', features: Array.from({ length: inputs }, (_, a) => ({ op: 'id' as const, a })) }
  ];
  const edges: NetworkSpec['edges'] = [];
  layers.forEach(([units, activation], i) => {
    const id = i === layers.length - 1 ? 'out' : `h${i + 1}`;
    groups.push({ id, kind: i === layers.length - 1 ? 'output' : 'hidden', units, activation });
    edges.push({ from: groups[groups.length - 2].id, to: id });
  });
  return { groups, edges };
}

const settings = (over: Partial<TrainSettings>): TrainSettings => ({ ...DEFAULT_SETTINGS, loss: 'mse', ...over });

describe('course tasks', () => {
  it('hotels-distance: 1 → 1 linear, MSE, lr 0.08, 100 epochs → train 16.4 / test 144.5', () => {
    // Batch 32 (Keras' default) covers all training rows: full-batch gradient descent.
    const t = new Trainer(
      compile(chain(1, [[1, 'linear']])),
      hotels('hotels-distance.csv', ['distance_mi']),
      settings({ learningRate: 0.08, batchSize: 32, maxEpochs: 100 })
    );
    const p = t.train(1e6);
    expect(p.stopReason).toBe('Reached the maximum of 100 epochs.');
    expect(t.epochCount).toBe(100);
    const record = p.epochs.at(-1)!;
    expect(record.trainLoss).toBeCloseTo(16.3655, 1);
    expect(Math.abs(record.trainLoss - 16.4)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(record.testLoss - 144.5)).toBeLessThanOrEqual(0.5);
    console.info('hotels-distance after 100 epochs: train MSE', record.trainLoss.toFixed(4), 'test MSE', record.testLoss.toFixed(4));
  });

  it('hotels-distance-rating: 2 → 3 linear → 1 cannot beat the best plane; 2 → 3 relu → 1 gets well below it', () => {
    const data = hotels('hotels-distance-rating.csv', ['distance_mi', 'rating']);
    const run = (act: GroupSpec['activation'], seed: number) => {
      const t = new Trainer(compile(chain(2, [[3, act], [1, 'linear']])), data, settings({ optimizer: 'adam', learningRate: 0.08, batchSize: 32, maxEpochs: 800, seed }));
      t.train(1e6);
      return t.evaluate();
    };
    const seeds = [1, 2, 3, 4, 5];
    const linear = seeds.map((s) => run('linear', s));
    const relu = seeds.map((s) => run('relu', s));
    for (const r of linear) expect(r.trainLoss).toBeGreaterThanOrEqual(923.7);
    // The best plane is reached (a linear stack is a plane): within 1 of 923.787.
    expect(Math.min(...linear.map((r) => r.trainLoss))).toBeLessThan(924.8);
    const best = Math.min(...relu.map((r) => r.trainLoss));
    expect(best).toBeLessThan(400);
    console.info(
      'hotels-distance-rating, 800 epochs adam 0.08, seeds 1-5:',
      '\n  linear train', linear.map((r) => r.trainLoss.toFixed(1)).join(' '),
      '\n  relu   train', relu.map((r) => r.trainLoss.toFixed(1)).join(' '),
      '\n  relu   test ', relu.map((r) => r.testLoss.toFixed(1)).join(' ')
    );
  });

  it('single-neuron-8: random-sample SGD (lr 0.1, seed 42, 10,000 iterations) lowers the cumulative error', () => {
    const { rows } = readCsv('single-neuron-8.csv');
    const data: DataTable = {
      count: rows.length,
      columns: ['x1', 'x2'],
      x: Float32Array.from(rows.flatMap((r) => [Number(r[0]), Number(r[1])])),
      y: Float32Array.from(rows, (r) => Number(r[2])),
      classes: ['0', '1'],
      targetColumns: [],
      isTest: new Uint8Array(rows.length)
    };
    const t = new Trainer(compile(chain(2, [[1, 'sigmoid']])), data, settings({ loss: 'half_sse', learningRate: 0.1, batchSize: 1, seed: 42 }));
    // Cumulative error = Σ over the 8 points of ½(y − t)², every 100 iterations.
    const curve: number[] = [t.evaluate().trainLoss * 8];
    for (let i = 0; i < 100; i++) {
      t.train(100);
      curve.push(t.evaluate().trainLoss * 8);
    }
    expect(t.stepCount).toBe(10_000);
    expect(curve.at(-1)!).toBeLessThan(curve[0] * 0.75);
    // Falls overall: the last quarter's mean is below the first quarter's.
    const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
    expect(mean(curve.slice(75))).toBeLessThan(mean(curve.slice(0, 25)));
    console.info('single-neuron-8 cumulative error: start', curve[0].toFixed(4), 'after 10,000', curve.at(-1)!.toFixed(4));
  });

  it('XOR is solved by 2 → 4 tanh → 1 (100% accuracy) for every seed tried', () => {
    const data: DataTable = {
      count: 4,
      columns: ['a', 'b'],
      x: Float32Array.of(0, 0, 0, 1, 1, 0, 1, 1),
      y: Float32Array.of(0, 1, 1, 0),
      classes: ['0', '1'],
      targetColumns: [],
      isTest: new Uint8Array(4)
    };
    for (const seed of [1, 2, 3, 4, 5]) {
      const t = new Trainer(compile(chain(2, [[4, 'tanh'], [1, 'sigmoid']])), data, settings({ loss: 'bce', optimizer: 'adam', learningRate: 0.05, batchSize: 0, seed }));
      t.train(600);
      expect(t.evaluate().trainAccuracy, `seed ${seed}`).toBe(1);
      const out = t.predict(Float32Array.of(0, 0, 0, 1, 1, 0, 1, 1));
      expect(Array.from(out, (p) => (p > 0.5 ? 1 : 0))).toEqual([0, 1, 1, 0]);
    }
  });

  it('a 3-class spiral reaches > 95% train accuracy with softmax + CCE', () => {
    // The classic spiral (cs231n): 100 points per arm, angle noise 0.2.
    const perClass = 100;
    const rng = createRng(0);
    const count = perClass * 3;
    const x = new Float32Array(count * 2);
    const y = new Float32Array(count);
    for (let c = 0; c < 3; c++) {
      for (let i = 0; i < perClass; i++) {
        const r = i / (perClass - 1);
        const angle = c * 4 + 4 * r + rng.normal() * 0.2;
        const k = c * perClass + i;
        x[2 * k] = r * Math.sin(angle);
        x[2 * k + 1] = r * Math.cos(angle);
        y[k] = c;
      }
    }
    const data: DataTable = { count, columns: ['x', 'y'], x, y, classes: ['a', 'b', 'c'], targetColumns: [], isTest: new Uint8Array(count) };
    const t = new Trainer(compile(chain(2, [[32, 'relu'], [32, 'relu'], [3, 'softmax']])), data, settings({ loss: 'cce', optimizer: 'adam', learningRate: 0.01, batchSize: 32, maxEpochs: 300 }));
    t.train(1e6);
    const record = t.evaluate();
    expect(record.trainAccuracy).toBeGreaterThan(0.95);
    console.info('spiral: train accuracy', record.trainAccuracy.toFixed(3), 'loss', record.trainLoss.toFixed(4));
  });
});
