import { describe, expect, it } from 'vitest';
import { unitAnchor } from './edge-geometry';
import { node, smallNet } from './fixtures';
import { edgeAt, findPort, hitTest, nodesInBox } from './hit-test';
import { sampleCurve } from './edge-geometry';

describe('hit-test', () => {
  const doc = smallNet();
  const near = { zoom: 1 };
  it('finds ports first, within a zoom-scaled radius', () => {
    // h is 3 units tall: its input port is at (200, 66)
    expect(hitTest(doc, { x: 203, y: 70 }, near)).toEqual({ kind: 'port', nodeId: 'h', side: 'in' });
    expect(hitTest(doc, { x: 215, y: 66 }, near)?.kind).not.toBe('port');
    // zoomed out, the same world distance is within reach
    expect(findPort(doc, { x: 215, y: 66 }, { zoom: 0.5 })).toEqual({ nodeId: 'h', side: 'in' });
    // a finger reaches further
    expect(findPort(doc, { x: 218, y: 66 }, { zoom: 1, touch: true })).toEqual({ nodeId: 'h', side: 'in' });
  });
  it('keeps a node body grabbable with a finger when zoomed out: ports reach only a quarter node into it', () => {
    // h (x 200..256, y 0..132) with its input port at (200, 66); zoomed out, a finger reaches 22 / 0.4 = 55 world units.
    const far = { zoom: 0.4, touch: true };
    // the middle of the node (the centre of its unit 1) is 28 from both ports: it must be the unit, not a port
    expect(hitTest(doc, { x: 228, y: 66 }, far)).toEqual({ kind: 'unit', nodeId: 'h', j: 1, u: 0.5, v: 0.5 });
    // inside the box, within a quarter node width of the port: still the port
    expect(hitTest(doc, { x: 212, y: 66 }, far)).toEqual({ kind: 'port', nodeId: 'h', side: 'in' });
    // outside the box the finger keeps its full reach
    expect(hitTest(doc, { x: 160, y: 66 }, far)).toEqual({ kind: 'port', nodeId: 'h', side: 'in' });
  });
  it('has no input port on inputs and no output port on outputs', () => {
    expect(findPort(doc, { x: 0, y: 44 }, near)).toBeNull();
    expect(findPort(doc, { x: 456, y: 22 }, near)).toBeNull();
    expect(findPort(doc, { x: 56, y: 44 }, near)).toEqual({ nodeId: 'x', side: 'out' });
  });
  it('hits a unit with its position in the heat-map, else the node body', () => {
    // unit 1 of h is the square (210, 48) .. (246, 84)
    const hit = hitTest(doc, { x: 219, y: 75 }, near);
    expect(hit).toEqual({ kind: 'unit', nodeId: 'h', j: 1, u: 0.25, v: 0.75 });
    expect(hitTest(doc, { x: 228, y: 44 }, near)).toEqual({ kind: 'node', nodeId: 'h' });
  });
  it('hits the topmost node where two overlap', () => {
    const overlapping = { nodes: [node('a', 'dense', 0, 0, 1), node('b', 'dense', 20, 0, 1)], edges: [] };
    expect(hitTest(overlapping, { x: 30, y: 2 }, near)).toEqual({ kind: 'node', nodeId: 'b' });
  });
  it('hits a single unit→unit link when zoomed in, the whole wire when zoomed out', () => {
    const p0 = unitAnchor(doc.nodes[0], 1, 'out');
    const p1 = unitAnchor(doc.nodes[1], 2, 'in');
    const pts = sampleCurve(p0, p1, 17);
    const onLink = { x: pts[16], y: pts[17] };
    expect(hitTest(doc, onLink, { zoom: 1 })).toEqual({ kind: 'link', edgeId: 'e1', from: 'x', to: 'h', i: 1, j: 2 });
    // zoomed out: the wire between the ports, x(56,44) → h(200,66); its midpoint is on the curve
    const mid = { x: 128, y: 55 };
    expect(edgeAt(doc, mid, { zoom: 0.5 })).toEqual({ kind: 'edge', edgeId: 'e1' });
    expect(edgeAt(doc, { x: 128, y: 300 }, { zoom: 1 })).toBeNull();
  });
  it('collects nodes touched by a selection box', () => {
    expect(nodesInBox(doc, { x: 50, y: 10, width: 160, height: 10 })).toEqual(['x', 'h']);
    expect(nodesInBox(doc, { x: 300, y: 0, width: 50, height: 50 })).toEqual([]);
  });
});
