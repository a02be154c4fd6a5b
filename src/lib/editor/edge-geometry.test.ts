import { describe, expect, it } from 'vitest';
import {
  distanceToPolyline,
  nodeBox,
  portPoint,
  sampleCurve,
  unitAnchor,
  unitBox,
  unitY
} from './edge-geometry';
import { node } from './fixtures';

describe('edge geometry', () => {
  const h = node('h', 'dense', 200, 100, 3);
  it('stacks units 44 px apart inside the node', () => {
    expect(nodeBox(h)).toEqual({ x: 200, y: 100, width: 56, height: 132 });
    expect([0, 1, 2].map((j) => unitY(h, j))).toEqual([122, 166, 210]);
    expect(unitBox(h, 1)).toEqual({ x: 210, y: 148, width: 36, height: 36 });
    expect(unitAnchor(h, 2, 'out')).toEqual({ x: 256, y: 210 });
    expect(unitAnchor(h, 0, 'in')).toEqual({ x: 200, y: 122 });
  });
  it('gathers a 784-unit block at its middle', () => {
    const big = node('m', 'input', 0, 0, 784);
    expect(unitY(big, 0)).toBe(unitY(big, 783));
    expect(unitBox(big, 5)).toEqual(nodeBox(big));
  });
  it('puts ports mid-height on the left and right edges', () => {
    expect(portPoint(h, 'in')).toEqual({ x: 200, y: 166 });
    expect(portPoint(h, 'out')).toEqual({ x: 256, y: 166 });
  });
  it('samples a Bézier that starts and ends at the anchors and leaves horizontally', () => {
    const pts = sampleCurve({ x: 0, y: 0 }, { x: 100, y: 50 }, 11);
    expect(pts.length).toBe(22);
    expect([pts[0], pts[1]]).toEqual([0, 0]);
    expect(pts[20]).toBeCloseTo(100, 5);
    expect(pts[21]).toBeCloseTo(50, 5);
    // symmetric S-curve: the middle sample is the midpoint
    expect(pts[10]).toBeCloseTo(50, 5);
    expect(pts[11]).toBeCloseTo(25, 5);
    // leaves horizontally: the second sample barely moved in y compared with x
    expect(Math.abs(pts[3])).toBeLessThan(pts[2]);
  });
  it('measures the distance to a polyline', () => {
    const line = new Float32Array([0, 0, 10, 0, 10, 10]);
    expect(distanceToPolyline({ x: 5, y: 3 }, line)).toBeCloseTo(3, 10);
    expect(distanceToPolyline({ x: 13, y: 5 }, line)).toBeCloseTo(3, 10);
    expect(distanceToPolyline({ x: -4, y: -3 }, line)).toBeCloseTo(5, 10);
  });
});
