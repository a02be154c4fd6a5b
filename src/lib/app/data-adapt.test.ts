import { describe, expect, it } from 'vitest';
import { mnistConvState, shapesConvState } from '../data/conv-presets';
import { generate } from '../data/generators';
import { generateShapes } from '../data/shapes';
import { apply } from '../model/apply';
import { presetById } from '../data/presets';
import type { DataTable } from '../../../workers/protocol';
import { pixelTable } from '../data/images';
import { shapeReport } from '../editor/conv-shapes';
import { adaptation } from './data-adapt';

/** A tiny MNIST-shaped table (28×28 bytes, 10 classes) without the binary. */
function digits(): DataTable {
  return pixelTable({
    count: 2,
    columns: Array.from({ length: 784 }, (_, i) => `p${i}`),
    bytes: new Uint8Array(2 * 784),
    scale: 1 / 255,
    y: Float32Array.of(0, 1),
    classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    targetColumns: [],
    isTest: Uint8Array.of(0, 1)
  });
}
const shapes = () => generateShapes({ count: 9, noise: 0, seed: 1, testRows: 3 });

describe('adaptation with image data', () => {
  it('a dense net switched to the shapes gets one 24×24 image input and a 3-class output', async () => {
    const state = await presetById('classic-circle')!.build();
    const result = adaptation(state, shapes(), generate(state.data as never));
    const doc = apply(state.doc, result.change!);
    const inputs = doc.nodes.filter((n) => n.kind === 'input');
    expect(inputs).toHaveLength(1);
    expect(inputs[0]).toMatchObject({ units: 576, image: { height: 24, width: 24, channels: 1 } });
    expect(inputs[0].features).toBeUndefined();
    expect(doc.nodes.find((n) => n.kind === 'output')).toMatchObject({ units: 3, activation: 'softmax' });
    // the dense layers read the image through a Flatten, so the dense net trains as before
    const flatten = doc.nodes.find((n) => n.kind === 'flatten')!;
    expect(doc.edges.filter((e) => e.from === inputs[0].id).map((e) => e.to)).toEqual([flatten.id]);
    expect(doc.edges.filter((e) => e.from === flatten.id)).toHaveLength(1);
    expect(shapeReport(doc).problems).toEqual([]);
    expect(result.summary).toMatch(/Flatten/);
  });

  it('a conv net keeps its image input on new shapes, and it takes the new size on the digits', () => {
    const state = shapesConvState();
    expect(adaptation(state, shapes(), shapes()).change).toBeNull();
    const result = adaptation(state, digits(), shapes());
    const doc = apply(state.doc, result.change!);
    expect(doc.nodes.find((n) => n.kind === 'input')).toMatchObject({ units: 784, image: { height: 28, width: 28, channels: 1 } });
    expect(result.summary).toMatch(/28×28 image/);
  });

  it('a conv net switched to a 2-D set gets plain inputs again', () => {
    const state = mnistConvState();
    const flat = generate({ kind: 'generated', generator: 'xor', count: 20, noise: 0, testFraction: 0.2, seed: 1 });
    const doc = apply(state.doc, adaptation(state, flat, digits()).change!);
    const inputs = doc.nodes.filter((n) => n.kind === 'input');
    expect(inputs.map((n) => n.label)).toEqual(['x1', 'x2']);
    expect(inputs.every((n) => n.image === undefined)).toBe(true);
  });
});
