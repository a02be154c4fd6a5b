import { describe, expect, it } from 'vitest';
import { convChain } from '../data/conv-presets';
import { apply } from '../model/apply';
import type { NetworkDoc } from '../model/document';
import { insertFlatten } from '../model/fixes';
import { compactCount, hasConv, isImageNetwork, nodeShapes, shapeCaption, shapeReport, unitSync, withUnitSync } from './conv-shapes';
import { smallNet } from './fixtures';
import { linksAreSeparate } from './hit-test';

/** 12×12 image → conv 3×3×4 same → max-pool 2 → dense 5 (no Flatten) → 2 softmax. */
function needsFlatten(): NetworkDoc {
  return convChain(
    { height: 12, width: 12, channels: 1 },
    'img',
    [
      { kind: 'conv', filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' },
      { kind: 'pool', mode: 'max', poolSize: 2 },
      { kind: 'dense', units: 5, activation: 'relu' }
    ],
    { units: 2, activation: 'softmax' }
  );
}

describe('conv shapes in the editor', () => {
  it('reads each node’s shape and parameters from inferShapes, with the captions an image network shows', () => {
    const doc = needsFlatten();
    const shapes = nodeShapes(doc);
    expect(doc.nodes.map((n) => shapes.get(n.id)!.text)).toEqual(['12×12×1', '12×12×4', '6×6×4', '5', '2']);
    expect(shapes.get('conv1')!.params).toBe(3 * 3 * 4 + 4);
    expect(shapeCaption(doc.nodes[1], shapes.get('conv1'), true)).toBe('12×12×4 · 40 params');
    expect(shapeCaption(doc.nodes[2], shapes.get('pool1'), true)).toBe('6×6×4');
    expect(shapeCaption(doc.nodes[1], shapes.get('conv1'), false)).toBe('');
    expect(shapes.get('h1')!.fix).toEqual({ from: 'pool1', to: 'h1' });
    expect(shapes.get('h1')!.problem).toMatch(/Flatten/);
    expect(isImageNetwork(doc)).toBe(true);
    expect(hasConv(doc)).toBe(true);
    expect(isImageNetwork(smallNet())).toBe(false);
    expect(compactCount(950)).toBe('950');
    expect(compactCount(3216)).toBe('3.2k');
    expect(compactCount(101_770)).toBe('102k');
    expect(compactCount(2_400_000)).toBe('2.4M');
  });

  it('names the wire the insert-Flatten fix repairs, which leaves no shape problem', () => {
    const doc = needsFlatten();
    const fix = nodeShapes(doc).get('h1')!.fix!;
    expect(fix).toEqual({ from: 'pool1', to: 'h1' });
    const fixed = apply(doc, insertFlatten(doc, fix.from, fix.to)!);
    expect(shapeReport(fixed).problems).toEqual([]);
    expect(nodeShapes(fixed).get('h1')).toMatchObject({ params: 6 * 6 * 4 * 5 + 5, fix: null });
  });

  it('keeps a pool’s display units equal to its channels, in the same undo step as the edit', () => {
    const doc = needsFlatten();
    expect(unitSync(doc)).toEqual([]);
    const edit = { type: 'updateNode' as const, id: 'conv1', patch: { units: 6, conv: { filters: 6, kernelSize: 3, stride: 1, padding: 'same' as const } } };
    const synced = withUnitSync(edit, apply(doc, edit));
    expect(synced).toEqual({ type: 'batch', changes: [edit, { type: 'updateNode', id: 'pool1', patch: { units: 6 } }] });
    const label = { type: 'updateNode' as const, id: 'conv1', patch: { label: 'edges' } };
    expect(withUnitSync(label, apply(doc, label))).toBe(label);
  });

  it('draws wires into conv, pool and Flatten layers as one band, dense wires link by link', () => {
    const doc = needsFlatten();
    const [input, conv, pool, dense, out] = doc.nodes;
    expect(linksAreSeparate(conv, pool)).toBe(false);
    expect(linksAreSeparate(input, conv)).toBe(false);
    expect(linksAreSeparate(dense, out)).toBe(true);
    expect(linksAreSeparate(pool, dense)).toBe(true);
  });
});
