import { describe, expect, it } from 'vitest';
import { defaultClassificationDoc } from '../../model/build';
import { classCentroids, classColour, scatterBounds, twoUnitGroups, valueColour } from './hidden-space';

describe('scatterBounds', () => {
  it('pads the box of the finite points by 8%', () => {
    const b = scatterBounds(Float32Array.from([0, 0, 1, 2, Number.NaN, 50]))!;
    expect(b.xMin).toBeCloseTo(-0.04, 6);
    expect(b.xMax).toBeCloseTo(1.04, 6);
    expect(b.yMin).toBeCloseTo(-0.08, 6);
    expect(b.yMax).toBeCloseTo(2.08, 6);
  });
  it('widens a collapsed axis', () => {
    const b = scatterBounds(Float32Array.from([0, 3, 0, 3]))!;
    expect(b.xMax - b.xMin).toBeCloseTo(0.108, 6);
    expect((b.yMin + b.yMax) / 2).toBeCloseTo(3, 6);
  });
  it('is null with no finite point', () => {
    expect(scatterBounds(new Float32Array(0))).toBeNull();
    expect(scatterBounds(Float32Array.from([Number.NaN, 1]))).toBeNull();
  });
});

describe('colours', () => {
  it('uses orange then blue for two classes and wraps the palette', () => {
    expect(classColour(0)).toBe('#f59322');
    expect(classColour(1)).toBe('#0877bd');
    expect(classColour(10)).toBe(classColour(0));
  });
  it('runs orange → white → blue over the value range', () => {
    expect(valueColour(0, 0, 1)).toBe('rgb(245, 147, 34)');
    expect(valueColour(0.5, 0, 1)).toBe('rgb(232, 234, 235)');
    expect(valueColour(1, 0, 1)).toBe('rgb(8, 119, 189)');
    expect(valueColour(7, 3, 3)).toBe('rgb(232, 234, 235)');
  });
});

describe('classCentroids', () => {
  it('counts and averages each class', () => {
    const pts = Float32Array.from([0, 0, 2, 2, 10, 10, 12, 14]);
    const labels = Float32Array.from([0, 0, 1, 1]);
    expect(classCentroids(pts, labels, 2)).toEqual([
      { count: 2, x: 1, y: 1 },
      { count: 2, x: 11, y: 12 }
    ]);
  });
});

describe('twoUnitGroups', () => {
  it("finds the reference network's 2-unit hidden layer and nothing else", () => {
    const doc = defaultClassificationDoc();
    const ids = twoUnitGroups(doc);
    expect(ids.length).toBe(1);
    const node = doc.nodes.find((n) => n.id === ids[0])!;
    expect(node.kind).toBe('dense');
    expect(node.units).toBe(2);
  });
  it('ignores inputs and outputs with 2 units', () => {
    const doc = {
      nodes: [
        { id: 'in', kind: 'input', units: 2 },
        { id: 'h', kind: 'dense', units: 3 },
        { id: 'out', kind: 'output', units: 2 }
      ]
    };
    expect(twoUnitGroups(doc)).toEqual([]);
  });
});
