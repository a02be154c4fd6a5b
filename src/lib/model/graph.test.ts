import { describe, expect, it } from 'vitest';
import { defaultClassificationDoc } from './build';
import type { NetworkDoc } from './document';
import { findCycle, findPath, predecessors, reachable, successors, topologicalOrder } from './graph';

const chain = (edges: [string, string][], ids: string[]): NetworkDoc => ({
  nodes: ids.map((id) => ({ id, kind: 'dense', label: id, x: 0, y: 0, units: 1, activation: 'relu' })),
  edges: edges.map(([from, to], i) => ({ id: `e${i}`, from, to }))
});

describe('graph', () => {
  it('lists neighbours, ignoring wires to unknown nodes', () => {
    const doc = chain([['a', 'b'], ['a', 'c'], ['c', 'zz']], ['a', 'b', 'c']);
    expect(successors(doc)).toEqual(new Map([['a', ['b', 'c']], ['b', []], ['c', []]]));
    expect(predecessors(doc)).toEqual(new Map([['a', []], ['b', ['a']], ['c', ['a']]]));
    expect(reachable(successors(doc), ['c'])).toEqual(new Set(['c']));
    expect(reachable(successors(doc), ['a'])).toEqual(new Set(['a', 'b', 'c']));
  });

  it('finds a shortest path', () => {
    const doc = chain([['a', 'b'], ['b', 'c'], ['c', 'd'], ['a', 'd']], ['a', 'b', 'c', 'd']);
    expect(findPath(successors(doc), 'a', 'd')).toEqual(['a', 'd']);
    expect(findPath(successors(doc), 'b', 'd')).toEqual(['b', 'c', 'd']);
    expect(findPath(successors(doc), 'd', 'a')).toBeNull();
  });

  it('orders topologically with document-order ties, and finds cycles', () => {
    const doc = chain([['c', 'a'], ['b', 'a']], ['a', 'b', 'c']);
    expect(topologicalOrder(doc)).toEqual(['b', 'c', 'a']);
    expect(findCycle(doc)).toBeNull();
    expect(topologicalOrder(defaultClassificationDoc())).toEqual(['in1', 'in2', 'h1', 'h2', 'out1']);
    const cyclic = chain([['a', 'b'], ['b', 'c'], ['c', 'b']], ['a', 'b', 'c']);
    expect(findCycle(cyclic)).toEqual(['b', 'c', 'b']);
    expect(topologicalOrder(cyclic)).toEqual(['a']);
  });
});
