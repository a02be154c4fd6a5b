import { describe, expect, it } from 'vitest';
import { apply, ChangeError, invert, wouldCreateCycle } from './apply';
import { defaultClassificationDoc } from './build';
import type { Change, NetworkDoc } from './document';

const base = (): NetworkDoc => {
  const doc = defaultClassificationDoc();
  doc.nodes[2].dropout = 0.2;
  return doc;
};

/** apply must not mutate; invert must bring back exactly the document it started from. */
function roundTrip(doc: NetworkDoc, change: Change): NetworkDoc {
  const frozen = JSON.stringify(doc);
  const inverse = invert(doc, change);
  const after = apply(doc, change);
  expect(JSON.stringify(doc)).toBe(frozen);
  // The inverse must survive JSON (history is stored as JSON).
  const restored = apply(after, JSON.parse(JSON.stringify(inverse)) as Change);
  expect(restored).toEqual(doc);
  expect(JSON.stringify(restored)).toBe(frozen);
  return after;
}

describe('apply + invert round-trips for every change type', () => {
  it('addNode (at the end and at an index)', () => {
    const node = { id: 'h9', kind: 'dense' as const, label: 'h9', x: 5, y: 6, units: 3, activation: 'relu' as const };
    const after = roundTrip(base(), { type: 'addNode', node });
    expect(after.nodes.at(-1)).toEqual(node);
    const at1 = roundTrip(base(), { type: 'addNode', node, index: 1 });
    expect(at1.nodes[1].id).toBe('h9');
  });

  it('removeNode removes its wires and undo restores node and wire order', () => {
    const after = roundTrip(base(), { type: 'removeNode', id: 'h1' });
    expect(after.nodes.map((n) => n.id)).toEqual(['in1', 'in2', 'h2', 'out1']);
    expect(after.edges.map((e) => e.id)).toEqual(['e4']);
  });

  it('updateNode, including adding and clearing optional fields', () => {
    const after = roundTrip(base(), { type: 'updateNode', id: 'h2', patch: { units: 5, activation: 'relu', l2: 0.01 } });
    expect(after.nodes[3]).toMatchObject({ units: 5, activation: 'relu', l2: 0.01 });
    const cleared = roundTrip(base(), { type: 'updateNode', id: 'h1', patch: {}, unset: ['dropout'] });
    expect('dropout' in cleared.nodes[2]).toBe(false);
    const viaUndefined = roundTrip(base(), { type: 'updateNode', id: 'h1', patch: { dropout: undefined } });
    expect('dropout' in viaUndefined.nodes[2]).toBe(false);
  });

  it('moveNodes', () => {
    const after = roundTrip(base(), {
      type: 'moveNodes',
      moves: [
        { id: 'h1', x: 1, y: 2 },
        { id: 'in1', x: -5, y: 7 }
      ]
    });
    expect(after.nodes[2]).toMatchObject({ x: 1, y: 2 });
    expect(after.nodes[0]).toMatchObject({ x: -5, y: 7 });
  });

  it('addEdge (a skip connection) and removeEdge', () => {
    const added = roundTrip(base(), { type: 'addEdge', edge: { id: 'e9', from: 'in1', to: 'out1' } });
    expect(added.edges.at(-1)).toEqual({ id: 'e9', from: 'in1', to: 'out1' });
    const removed = roundTrip(base(), { type: 'removeEdge', id: 'e3' });
    expect(removed.edges.map((e) => e.id)).toEqual(['e1', 'e2', 'e4']);
  });

  it('replace and batch', () => {
    roundTrip(base(), { type: 'replace', doc: { nodes: [], edges: [] } });
    const after = roundTrip(base(), {
      type: 'batch',
      changes: [
        { type: 'removeEdge', id: 'e4' },
        { type: 'addNode', node: { id: 'h3', kind: 'dense', label: 'h3', x: 0, y: 0, units: 2, activation: 'elu' } },
        { type: 'addEdge', edge: { id: 'e5', from: 'h2', to: 'h3' } },
        { type: 'addEdge', edge: { id: 'e6', from: 'h3', to: 'out1' } },
        { type: 'removeNode', id: 'in2' },
        { type: 'updateNode', id: 'h3', patch: { units: 6 } }
      ]
    });
    expect(after.nodes.map((n) => n.id)).toEqual(['in1', 'h1', 'h2', 'out1', 'h3']);
    expect(after.edges.map((e) => e.id)).toEqual(['e1', 'e3', 'e5', 'e6']);
  });
});

describe('refused changes', () => {
  const refuse = (change: Change, message: RegExp | string) => {
    const doc = base();
    expect(() => apply(doc, change)).toThrow(ChangeError);
    expect(() => apply(doc, change)).toThrow(message);
    expect(() => invert(doc, change)).toThrow(ChangeError);
  };
  it('refuses duplicates, missing nodes and bad directions', () => {
    refuse({ type: 'addEdge', edge: { id: 'e9', from: 'h1', to: 'h2' } }, 'h1 → h2 is already wired.');
    refuse({ type: 'addEdge', edge: { id: 'e1', from: 'in1', to: 'out1' } }, 'already a wire with id "e1"');
    refuse({ type: 'addEdge', edge: { id: 'e9', from: 'zz', to: 'h2' } }, 'cannot start at "zz"');
    refuse({ type: 'addEdge', edge: { id: 'e9', from: 'h1', to: 'zz' } }, 'cannot end at "zz"');
    refuse({ type: 'addEdge', edge: { id: 'e9', from: 'h1', to: 'in1' } }, 'x1 is an input');
    refuse({ type: 'addEdge', edge: { id: 'e9', from: 'out1', to: 'h1' } }, 'out is the output');
    refuse({ type: 'addNode', node: { ...base().nodes[0] } }, 'already a node with id "in1"');
    refuse({ type: 'removeNode', id: 'nope' }, 'no node with id "nope"');
    refuse({ type: 'updateNode', id: 'nope', patch: { units: 2 } }, 'no node');
    refuse({ type: 'moveNodes', moves: [{ id: 'nope', x: 0, y: 0 }] }, 'no node');
    refuse({ type: 'removeEdge', id: 'nope' }, 'no wire with id "nope"');
  });

  it('refuses cycles with the path in the message', () => {
    refuse({ type: 'addEdge', edge: { id: 'e9', from: 'h2', to: 'h1' } }, 'would create a cycle: h2 → h1 → h2');
    refuse({ type: 'addEdge', edge: { id: 'e9', from: 'h1', to: 'h1' } }, 'would create a cycle: h1 → h1');
  });

  it('a failing change inside a batch leaves the document untouched', () => {
    const doc = base();
    const before = JSON.stringify(doc);
    expect(() =>
      apply(doc, {
        type: 'batch',
        changes: [
          { type: 'removeEdge', id: 'e1' },
          { type: 'removeEdge', id: 'e1' }
        ]
      })
    ).toThrow(ChangeError);
    expect(JSON.stringify(doc)).toBe(before);
  });
});

describe('wouldCreateCycle', () => {
  it('returns the closed path or null', () => {
    const doc = base();
    expect(wouldCreateCycle(doc, 'in1', 'h2')).toBeNull();
    expect(wouldCreateCycle(doc, 'out1', 'in1')).toEqual(['out1', 'in1', 'h1', 'h2', 'out1']);
    expect(wouldCreateCycle(doc, 'h2', 'h1')).toEqual(['h2', 'h1', 'h2']);
    expect(wouldCreateCycle(doc, 'out1', 'h1')).toEqual(['out1', 'h1', 'h2', 'out1']);
    expect(wouldCreateCycle(doc, 'h1', 'h1')).toEqual(['h1', 'h1']);
    expect(wouldCreateCycle(doc, 'in1', 'out1')).toBeNull();
  });
});
