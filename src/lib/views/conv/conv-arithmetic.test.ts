/**
 * The detail view's arithmetic agrees with the engine: for a trained conv net, Σ w·x + b through the
 * activation, and the pool's max or average, give the very values the engine's feature maps hold, with
 * both paddings and stride 2 (so the window offsets are the engine's).
 */
import { describe, expect, it } from 'vitest';
import { ACTIVATION_INFO, compile, Trainer } from '../../../../workers/engine';
import type { ImageShape } from '../../../../workers/protocol';
import { convChain } from '../../data/conv-presets';
import { generate } from '../../data/generators';
import { DEFAULT_SETTINGS } from '../../model/playground';
import { toSpec } from '../../model/spec';
import { hwc } from '../../render/map-image';
import { convSum, poolResult, windowOf } from './conv-arithmetic';

describe('conv arithmetic', () => {
  it('reproduces the engine’s conv and pool outputs at every position checked', () => {
    const doc = convChain(
      { height: 24, width: 24, channels: 1 },
      'pixels',
      [
        { kind: 'conv', filters: 3, kernelSize: 5, padding: 'same', activation: 'relu' },
        { kind: 'pool', mode: 'max', poolSize: 2 },
        { kind: 'conv', filters: 4, kernelSize: 3, stride: 2, padding: 'same', activation: 'tanh' },
        { kind: 'conv', filters: 2, kernelSize: 3, padding: 'valid', activation: 'linear' },
        { kind: 'pool', mode: 'avg', poolSize: 2 },
        { kind: 'flatten' }
      ],
      { units: 3, activation: 'softmax' }
    );
    const program = compile(toSpec(doc));
    const data = generate({ kind: 'generated', generator: 'shapes', count: 60, noise: 0.2, testFraction: 0.2, seed: 2 });
    const trainer = new Trainer(program, data, { ...DEFAULT_SETTINGS, loss: 'cce', optimizer: 'adam', learningRate: 0.01, batchSize: 10 });
    trainer.train(10);
    const maps = trainer.featureMaps({ sample: 3 });
    const byId = new Map(maps.groups.map((g) => [g.id, g]));
    let checked = 0;
    for (const node of doc.nodes) {
      if (node.kind !== 'conv' && node.kind !== 'pool') continue;
      const group = program.layout.groups.find((g) => g.id === node.id)!;
      const parent = byId.get(doc.edges.find((e) => e.to === node.id)!.from)!;
      const out = byId.get(node.id)!;
      const shape: ImageShape = out.shape;
      for (const [oy, ox] of [
        [0, 0],
        [shape.height - 1, shape.width - 1],
        [Math.floor(shape.height / 2), 1]
      ]) {
        const win = windowOf(parent.shape, shape, group.layer!, oy, ox);
        for (let c = 0; c < shape.channels; c++) {
          const engine = hwc(out.values, shape, oy, ox, c);
          const layer = group.layer!;
          const ours =
            layer.type === 'conv2d'
              ? ACTIVATION_INFO[node.activation].f(convSum(trainer.params, group, layer, parent.shape, parent.values, c, win).z)
              : poolResult(node.pool!.mode, parent.shape, parent.values, c, win).result;
          expect(ours).toBeCloseTo(engine, 4);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
  });
});
