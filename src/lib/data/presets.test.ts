import { describe, expect, it } from 'vitest';
import type { DataTable } from '../../../workers/protocol';
import { paramCounts } from '../model/spec';
import { validate } from '../model/validate';
import type { PlaygroundState } from '../model/playground';
import { generate } from './generators';
import { MNIST_COLUMNS } from './mnist';
import { presetById, PRESETS } from './presets';
import { tableFromSource } from './table';

/** The table each preset trains on (MNIST: only its shape, the digits are fetched at run time). */
function columnsOf(state: PlaygroundState): { columns: string[]; table: DataTable | null } {
  if (state.data.kind === 'generated') {
    const table = generate(state.data);
    return { columns: table.columns, table };
  }
  if (state.data.kind === 'table') {
    const table = tableFromSource(state.data);
    return { columns: table.columns, table };
  }
  return { columns: MNIST_COLUMNS, table: null };
}

describe('PRESETS', () => {
  it('have unique ids, titles and descriptions', () => {
    const ids = PRESETS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of PRESETS) {
      expect(p.title.length).toBeGreaterThan(3);
      expect(p.description.length).toBeGreaterThan(30);
    }
    expect(ids).toEqual(
      expect.arrayContaining([
        'hotel-distance',
        'hotel-rating',
        'hotel-rating-linear',
        'hotel-hot',
        'hotel-medal',
        'single-neuron',
        'keras-quick',
        'mnist',
        'iris',
        'classic-circle',
        'classic-xor',
        'classic-gaussians',
        'classic-spiral'
      ])
    );
  });

  for (const preset of PRESETS) {
    it(`${preset.id}: builds a valid network whose inputs and outputs fit its data`, async () => {
      const state = await preset.build();
      expect(validate(state.doc)).toEqual([]);
      const { columns, table } = columnsOf(state);
      const inputs = state.doc.nodes.filter((n) => n.kind === 'input');
      const features = inputs.flatMap((n) => n.features ?? []);
      // Image inputs read columns 0 … h·w·c − 1 instead of features.
      const pixels = inputs.map((n) => (n.image ? n.image.height * n.image.width * n.image.channels : 0));
      for (const p of pixels) expect(p).toBeLessThanOrEqual(columns.length);
      expect(inputs.reduce((s, n) => s + n.units, 0)).toBe(features.length + pixels.reduce((a, b) => a + b, 0));
      for (const f of features) expect(f.a).toBeLessThan(columns.length);
      expect(state.view.xColumn).toBeLessThan(columns.length);
      expect(state.view.yColumn).toBeLessThan(columns.length);

      const output = state.doc.nodes.find((n) => n.kind === 'output')!;
      if (table) {
        if (table.classes) {
          const k = table.classes.length;
          if (k === 2) expect(output.units).toBe(1);
          else expect(output.units).toBe(k);
          expect(['bce', 'cce', 'half_sse', 'sparse_cce']).toContain(state.settings.loss);
        } else {
          expect(output.units).toBe(table.targetColumns.length);
          expect(output.activation).toBe('linear');
        }
        expect(table.count).toBeGreaterThan(0);
      }
      for (const value of Object.values(state.settings)) if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
    });
  }

  it('match the course’s figures', async () => {
    const get = async (id: string) => presetById(id)!.build();
    const keras = await get('keras-quick');
    expect(paramCounts(keras.doc).total).toBe(337);
    expect(keras.settings).toMatchObject({ optimizer: 'adam', loss: 'bce', batchSize: 10, maxEpochs: 50 });

    const mnist = await get('mnist');
    expect(paramCounts(mnist.doc).total).toBe(101_770);
    const mnistInputs = mnist.doc.nodes.filter((n) => n.kind === 'input');
    expect(mnistInputs).toHaveLength(1);
    expect(mnistInputs[0].units).toBe(784);
    expect(mnist.settings).toMatchObject({ optimizer: 'adam', learningRate: 0.001, batchSize: 32, loss: 'cce' });
    expect(mnist.data).toEqual({ kind: 'mnist', trainCount: 8000, testCount: 2000 });

    const distance = await get('hotel-distance');
    expect(paramCounts(distance.doc).total).toBe(2);
    expect(distance.settings).toMatchObject({ learningRate: 0.08, maxEpochs: 100, loss: 'mse' });

    const rating = await get('hotel-rating');
    expect(paramCounts(rating.doc).total).toBe(13);
    expect(rating.settings).toMatchObject({ learningRate: 0.08, maxEpochs: 800, loss: 'mse' });
    const linear = await get('hotel-rating-linear');
    expect(linear.doc.nodes.find((n) => n.kind === 'dense')!.activation).toBe('linear');
    expect(rating.doc.nodes.find((n) => n.kind === 'dense')!.activation).toBe('relu');

    const neuron = await get('single-neuron');
    expect(paramCounts(neuron.doc).total).toBe(3);
    expect(neuron.settings).toMatchObject({ loss: 'half_sse', batchSize: 1, learningRate: 0.1, seed: 42, maxEpochs: 1250 });

    expect((await get('hotel-hot')).settings.loss).toBe('bce');
    const medal = await get('hotel-medal');
    expect(medal.settings.loss).toBe('cce');
    expect(medal.doc.nodes.find((n) => n.kind === 'output')).toMatchObject({ units: 3, activation: 'softmax' });

    const iris = await get('iris');
    expect(paramCounts(iris.doc).total).toBe(4 * 8 + 8 + 8 * 3 + 3);
  });

  it('build a fresh state each time (editing one does not change the next)', async () => {
    const a = await presetById('iris')!.build();
    a.doc.nodes[0].units = 99;
    const b = await presetById('iris')!.build();
    expect(b.doc.nodes[0].units).toBe(1);
  });
});
