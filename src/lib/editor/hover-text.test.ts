import { describe, expect, it } from 'vitest';
import type { ParamLayout } from '../../../workers/protocol';
import { smallNet } from './fixtures';
import { hoverText } from './hover-text';

const layout: ParamLayout = {
  paramCount: 13,
  unitCount: 6,
  groups: [
    { id: 'x', units: 2, unitOffset: 0, biasOffset: -1, preluOffset: -1, paramCount: 0 },
    { id: 'h', units: 3, unitOffset: 2, biasOffset: 6, preluOffset: -1, paramCount: 9 },
    { id: 'o', units: 1, unitOffset: 5, biasOffset: 12, preluOffset: -1, paramCount: 4 }
  ],
  edges: [
    { from: 'x', to: 'h', offset: 0, fromUnits: 2, toUnits: 3 },
    { from: 'h', to: 'o', offset: 9, fromUnits: 3, toUnits: 1 }
  ]
};

/** 6 units on a 2 × 2 grid; unit u's value at cell c is u + c / 10. */
function live(weight0: number) {
  const params = new Float32Array(13);
  params[0] = weight0;
  const unitGrids = new Float32Array(6 * 4).map((_, k) => Math.floor(k / 4) + (k % 4) / 10);
  return { params, frozen: new Uint8Array(13), unitGrids, gridSize: 2 };
}

describe('hoverText', () => {
  const doc = smallNet();
  it('evaluates a hovered neuron at the hovered grid point and remembers it as the sample', () => {
    // bottom-right cell (c = 3) of h's unit 0 (unit index 2)
    const t = hoverText(doc, layout, live(0.5), { kind: 'unit', nodeId: 'h', j: 0, u: 0.9, v: 0.9 }, null);
    expect(t.sample).toEqual({ gx: 1, gy: 1 });
    expect(t.lines[0]).toBe('h[1]: a = tanh(0.50·x[1] + 0.00·x[2] + 0.00) = 2.30');
  });
  it('is live: the same hovered link shows the newer weight', () => {
    const target = { kind: 'link' as const, edgeId: 'e1', from: 'x', to: 'h', i: 0, j: 0 };
    expect(hoverText(doc, layout, live(0.5), target, null).lines[0]).toBe('w(x[1] → h[1]) = 0.500');
    expect(hoverText(doc, layout, live(-1.25), target, { gx: 0, gy: 0 }).lines[0]).toBe('w(x[1] → h[1]) = -1.250');
  });
  it('falls back to names before the first snapshot, or when the layout is stale', () => {
    const target = { kind: 'link' as const, edgeId: 'e1', from: 'x', to: 'h', i: 1, j: 2 };
    expect(hoverText(doc, null, null, target, null).lines).toEqual(['w(x[2] → h[3])']);
    const stale = { ...live(1), params: new Float32Array(4) };
    expect(hoverText(doc, layout, stale, target, null).lines).toEqual(['w(x[2] → h[3])']);
  });
  it('describes nodes, wires and ports', () => {
    expect(hoverText(doc, layout, live(0), { kind: 'node', nodeId: 'h' }, null).lines).toEqual(['h: 3 units, tanh, 9 params']);
    expect(hoverText(doc, layout, live(0), { kind: 'edge', edgeId: 'e1' }, null).lines[0]).toMatch(/^x → h: 6 weights/);
    expect(hoverText(doc, null, null, { kind: 'port', nodeId: 'x', side: 'out' }, null).lines).toEqual(['x: drag from here to wire']);
    expect(hoverText(doc, null, null, null, null)).toEqual({ lines: [], sample: null });
  });
});
