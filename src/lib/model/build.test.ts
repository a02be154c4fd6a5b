import { describe, expect, it } from 'vitest';
import { buildStack, COLUMN_SPACING, defaultClassificationDoc } from './build';
import { BLOCK_HEIGHT, inputPort, NEURON_PITCH, nodeSize, NODE_WIDTH, outputPort, unitCentres } from './geometry';
import { newId } from './ids';
import { validate } from './validate';

describe('newId', () => {
  it('takes the smallest free number', () => {
    expect(newId('h', [])).toBe('h1');
    expect(newId('h', ['h1', 'h2', 'h4'])).toBe('h3');
    expect(newId('e', new Set(['e1']))).toBe('e2');
  });
});

describe('geometry', () => {
  it('stacks neurons up to 12 units, then draws one fixed block', () => {
    expect(nodeSize({ units: 1 })).toEqual({ width: NODE_WIDTH, height: NEURON_PITCH });
    expect(nodeSize({ units: 12 })).toEqual({ width: 56, height: 12 * 44 });
    expect(nodeSize({ units: 13 }).height).toBe(BLOCK_HEIGHT);
    expect(nodeSize({ units: 784 }).height).toBe(BLOCK_HEIGHT);
    expect(nodeSize({ units: 0 }).height).toBe(NEURON_PITCH);
  });
  it('places unit centres and ports', () => {
    expect(unitCentres({ units: 2 })).toEqual([
      { x: 28, y: 22 },
      { x: 28, y: 66 }
    ]);
    expect(unitCentres({ units: 784 })).toEqual([]);
    expect(inputPort({ x: 10, y: 20, units: 2 })).toEqual({ x: 10, y: 64 });
    expect(outputPort({ x: 10, y: 20, units: 2 })).toEqual({ x: 66, y: 64 });
  });
});

describe('buildStack', () => {
  it('builds the reference network: columns, dense wiring, centred layout', () => {
    const doc = defaultClassificationDoc();
    expect(doc.nodes.map((n) => [n.id, n.kind, n.units, n.activation])).toEqual([
      ['in1', 'input', 1, 'linear'],
      ['in2', 'input', 1, 'linear'],
      ['h1', 'dense', 4, 'tanh'],
      ['h2', 'dense', 2, 'tanh'],
      ['out1', 'output', 1, 'sigmoid']
    ]);
    expect(doc.nodes.map((n) => n.label)).toEqual(['x1', 'x2', 'h1', 'h2', 'out']);
    expect(doc.nodes[1].features).toEqual([{ op: 'id', a: 1 }]);
    expect(doc.edges.map((e) => `${e.id}:${e.from}>${e.to}`)).toEqual([
      'e1:in1>h1',
      'e2:in2>h1',
      'e3:h1>h2',
      'e4:h2>out1'
    ]);
    expect(doc.nodes.map((n) => n.x)).toEqual([0, 0, COLUMN_SPACING, 2 * COLUMN_SPACING, 3 * COLUMN_SPACING]);
    // Tallest column is h1 (4 × 44 = 176), top at 0; every column shares its middle (88).
    const mid = (id: string) => {
      const n = doc.nodes.find((m) => m.id === id)!;
      return n.y + nodeSize(n).height / 2;
    };
    expect(doc.nodes.find((n) => n.id === 'h1')!.y).toBe(0);
    expect(mid('h2')).toBe(88);
    expect(mid('out1')).toBe(88);
    // The two inputs (44 + 24 + 44 = 112 tall) are centred as a column.
    expect(doc.nodes[0].y).toBe(88 - 56);
    expect(doc.nodes[1].y).toBe(88 - 56 + 44 + 24);
    expect(validate(doc)).toEqual([]);
  });

  it('wires every input of the first column to the first hidden layer and handles no hidden layers', () => {
    const doc = buildStack({
      inputs: [{ label: 'pixels', features: Array.from({ length: 784 }, (_, a) => ({ op: 'id' as const, a })) }],
      hidden: [],
      output: { units: 10, activation: 'softmax' }
    });
    expect(doc.nodes).toHaveLength(2);
    expect(doc.nodes[0].units).toBe(784);
    expect(doc.edges).toEqual([{ id: 'e1', from: 'in1', to: 'out1' }]);
    expect(validate(doc)).toEqual([]);
  });
});
