import { describe, expect, it } from 'vitest';
import type { Activation } from '../../../workers/protocol';
import { apply } from './apply';
import { buildStack, defaultClassificationDoc } from './build';
import { paramCounts, toSpec } from './spec';

const stack = (inputs: number, hidden: number[], output: number, activation: Activation = 'relu') =>
  buildStack({
    inputs: [{ label: 'x', features: Array.from({ length: inputs }, (_, a) => ({ op: 'id' as const, a })) }],
    hidden: hidden.map((units) => ({ units, activation })),
    output: { units: output, activation: output > 1 ? 'softmax' : 'sigmoid' }
  });

describe('paramCounts matches the course (Keras) numbers', () => {
  it('2 → 4 relu → 2 relu = 22', () => {
    const doc = buildStack({
      inputs: [{ label: 'x', features: [{ op: 'id', a: 0 }, { op: 'id', a: 1 }] }],
      hidden: [{ units: 4, activation: 'relu' }],
      output: { units: 2, activation: 'relu' }
    });
    expect(paramCounts(doc)).toEqual({ perNode: { in1: 0, h1: 12, out1: 10 }, total: 22 });
  });
  it('2 → 16 → 16 → 1 = 337', () => expect(paramCounts(stack(2, [16, 16], 1)).total).toBe(337));
  it('784 → 512 → 10 = 407,050', () => expect(paramCounts(stack(784, [512], 10)).total).toBe(407_050));
  it('2 → 3 → 1 = 13', () => expect(paramCounts(stack(2, [3], 1)).total).toBe(13));
  it('separate input nodes, skip connections and PReLU', () => {
    let doc = defaultClassificationDoc(); // 1+1 → 4 → 2 → 1: 12 + 10 + 3 = 25
    expect(paramCounts(doc).total).toBe(25);
    doc = apply(doc, { type: 'addEdge', edge: { id: 'e9', from: 'in1', to: 'out1' } }); // + 1 weight
    doc = apply(doc, { type: 'updateNode', id: 'h1', patch: { activation: 'prelu' } }); // + 4 slopes
    expect(paramCounts(doc).perNode).toEqual({ in1: 0, in2: 0, h1: 16, h2: 10, out1: 4 });
    expect(paramCounts(doc).total).toBe(30);
  });
});

describe('toSpec', () => {
  it('maps nodes to groups in document order and edges 1:1', () => {
    let doc = defaultClassificationDoc();
    doc = apply(doc, { type: 'updateNode', id: 'h1', patch: { dropout: 0.25, l2: 0.001, l1: 0 } });
    const spec = toSpec(doc);
    expect(spec.groups).toEqual([
      { id: 'in1', name: 'x1', kind: 'input', units: 1, activation: 'linear', features: [{ op: 'id', a: 0 }] },
      { id: 'in2', name: 'x2', kind: 'input', units: 1, activation: 'linear', features: [{ op: 'id', a: 1 }] },
      { id: 'h1', name: 'h1', kind: 'hidden', units: 4, activation: 'tanh', dropout: 0.25, l2: 0.001 },
      { id: 'h2', name: 'h2', kind: 'hidden', units: 2, activation: 'tanh' },
      { id: 'out1', name: 'out', kind: 'output', units: 1, activation: 'sigmoid' }
    ]);
    expect(spec.edges).toEqual([
      { from: 'in1', to: 'h1' },
      { from: 'in2', to: 'h1' },
      { from: 'h1', to: 'h2' },
      { from: 'h2', to: 'out1' }
    ]);
  });
  it('keeps input order when nodes are moved on the canvas', () => {
    const doc = apply(defaultClassificationDoc(), { type: 'moveNodes', moves: [{ id: 'in1', x: 0, y: 900 }] });
    expect(toSpec(doc).groups.filter((g) => g.kind === 'input').map((g) => g.id)).toEqual(['in1', 'in2']);
  });
});
