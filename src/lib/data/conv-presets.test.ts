/**
 * The conv presets: their documents are valid, shapes and parameter counts match Keras' for the same nets,
 * and the synthetic set is learned by the real engine (a conv net that cannot learn it would not show edges).
 */
import { describe, expect, it } from 'vitest';
import type { EpochRecord } from '../../../workers/protocol';
import { compile, Trainer } from '../../../workers/engine';
import { nodeShapes } from '../editor/conv-shapes';
import { paramCounts, toSpec } from '../model/spec';
import { validate } from '../model/validate';
import { mnistConvState, shapesConvState } from './conv-presets';
import { generate } from './generators';
import { presetById } from './presets';

describe('conv presets', () => {
  it('MNIST with a conv net: the ConvNetJS shapes and 208 + 3,216 + 2,570 = 5,994 parameters', () => {
    const { doc } = mnistConvState();
    expect(validate(doc)).toEqual([]);
    const shapes = nodeShapes(doc);
    expect(doc.nodes.map((n) => shapes.get(n.id)!.text)).toEqual(['28×28×1', '28×28×8', '14×14×8', '14×14×16', '4×4×16', '256', '10']);
    expect(doc.nodes.map((n) => shapes.get(n.id)!.params)).toEqual([0, 208, 0, 3216, 0, 0, 2570]);
    expect(paramCounts(doc).total).toBe(5994);
    // pools show one tile per channel
    expect(doc.nodes.filter((n) => n.kind === 'pool').map((n) => n.units)).toEqual([8, 16]);
  });

  it('both are in the preset list', async () => {
    expect((await presetById('mnist-conv')!.build()).data).toMatchObject({ kind: 'mnist' });
    expect((await presetById('shapes-conv')!.build()).data).toMatchObject({ kind: 'generated', generator: 'shapes' });
  });

  it('Filters learn edges: the engine learns the shapes (≥ 90 % on the held-out images in 2 epochs)', () => {
    const state = shapesConvState();
    expect(validate(state.doc)).toEqual([]);
    const data = generate(state.data as Parameters<typeof generate>[0]);
    const trainer = new Trainer(compile(toSpec(state.doc)), data, { ...state.settings, maxEpochs: 2 });
    const epochs: EpochRecord[] = [];
    const started = performance.now();
    for (let guard = 0; guard < 10_000; guard++) {
      const progress = trainer.train(2_000);
      epochs.push(...progress.epochs);
      expect(progress.diverged).toBeNull();
      if (progress.stopReason) break;
    }
    console.log(
      `shapes-conv: ${epochs.map((e) => `epoch ${e.epoch} test ${(e.testAccuracy * 100).toFixed(1)}%`).join(', ')}; ${((performance.now() - started) / 1000).toFixed(1)} s`
    );
    expect(epochs.at(-1)!.testAccuracy).toBeGreaterThanOrEqual(0.9);
  }, 300_000);
});
