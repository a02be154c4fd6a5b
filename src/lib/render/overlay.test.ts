import { describe, expect, it } from 'vitest';
import { bezierControls, nodeBox, portPoint, unitAnchor } from '../editor/edge-geometry';
import { smallNet } from '../editor/fixtures';
import { circlePath, curvePath, overlayShapes, pathBounds, roundRectPath, type OverlayState } from './overlay';
import { COLORS } from './style';

const base = (over: Partial<OverlayState> = {}): OverlayState => ({
  doc: smallNet(),
  selection: [],
  hover: null,
  highlightUnits: [],
  highlightLinks: [],
  ghost: null,
  ...over
});

/** The numbers in an SVG path, in order. */
const numbers = (d: string) => (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);

describe('overlay shapes', () => {
  it('draws nothing for nothing (the overlay canvas stays, empty)', () => {
    expect(overlayShapes(base())).toEqual([]);
  });

  it('rings a selected node 5 units outside its box, and washes every link of a selected edge', () => {
    const doc = smallNet();
    const shapes = overlayShapes(base({ selection: ['h', 'e1'] }));
    expect(shapes).toHaveLength(2);
    const [edge, ring] = shapes;
    // x has 2 units and h has 3: six links, one curve each, under the node ring
    expect(edge.kind === 'path' && edge.d.match(/M/g)?.length).toBe(6);
    expect(edge.kind === 'path' && edge.stroke?.color).toBe(COLORS.edgeSelected);
    const box = nodeBox(doc.nodes[1]);
    expect(ring.kind === 'path' && ring.stroke?.color).toBe(COLORS.selected);
    const xs = numbers(ring.kind === 'path' ? ring.d : '');
    expect(Math.min(...xs.filter((_, k) => k % 2 === 0 && k < 2))).toBeGreaterThanOrEqual(box.x - 5);
    expect(ring.kind === 'path' && ring.d).toContain(`V${box.y - 5 + 9}`);
  });

  it('follows the canvas curve for a hovered link, from the unit anchor out to the unit anchor in', () => {
    const doc = smallNet();
    const shapes = overlayShapes(base({ hover: { kind: 'link', from: 'x', i: 1, to: 'h', j: 2 } as OverlayState['hover'] }));
    expect(shapes).toHaveLength(1);
    const p0 = unitAnchor(doc.nodes[0], 1, 'out');
    const p1 = unitAnchor(doc.nodes[1], 2, 'in');
    const [c0, c1] = bezierControls(p0, p1);
    const got = numbers(shapes[0].kind === 'path' ? shapes[0].d : '');
    const want = [p0.x, p0.y, c0.x, c0.y, c1.x, c1.y, p1.x, p1.y];
    got.forEach((v, k) => expect(v).toBeCloseTo(want[k], 1));
  });

  it('draws the step-through highlight and skips ids that name nothing', () => {
    const shapes = overlayShapes(base({ highlightUnits: ['h:1', 'gone:0', 'nonsense'], highlightLinks: ['x:0->h:1', 'x:0->gone:1'] }));
    expect(shapes).toHaveLength(2);
    for (const s of shapes) expect(s.kind === 'path' && s.stroke?.color).toBe(COLORS.highlight);
  });

  it('draws a wire ghost in the colour of its status, and a drop ghost with its label as text', () => {
    const from = portPoint(smallNet().nodes[0], 'out');
    const refused = overlayShapes(base({ ghost: { kind: 'wire', from, to: { x: 300, y: 40 }, status: 'refused' } }));
    expect(refused.map((s) => (s.kind === 'path' ? (s.stroke ?? s.fill)?.color : null))).toEqual([COLORS.ghostRefused, COLORS.ghostRefused]);
    const drop = overlayShapes(base({ ghost: { kind: 'drop', box: { x: 10, y: 20, width: 60, height: 40 }, label: '<img src=x onerror=alert(1)>' } }));
    expect(drop[1]).toEqual({ kind: 'text', x: 40, y: 14, text: '<img src=x onerror=alert(1)>', color: COLORS.box });
  });

  it('writes closed paths for rounded boxes and circles, and the cubic the canvas draws for curves', () => {
    expect(roundRectPath({ x: 0, y: 0, width: 10, height: 20 }, 3)).toMatch(/^M3 0H7A3 3 0 0 1 10 3V17.*Z$/);
    expect(roundRectPath({ x: 0, y: 0, width: 4, height: 20 }, 9)).toContain('A2 2');
    expect(circlePath({ x: 5, y: 5 }, 2)).toBe('M3 5A2 2 0 1 0 7 5A2 2 0 1 0 3 5Z');
    expect(curvePath({ x: 0, y: 0 }, { x: 100, y: 50 })).toBe('M0 0C50 0 50 50 100 50');
  });
});

describe('pathBounds', () => {
  it('holds a round rectangle, no more than its corner radius too large on any side', () => {
    const b = pathBounds(roundRectPath({ x: 10, y: 20, width: 50, height: 30 }, 6));
    expect(b.x).toBeLessThanOrEqual(10);
    expect(b.x).toBeGreaterThanOrEqual(4);
    expect(b.y).toBeLessThanOrEqual(20);
    expect(b.y).toBeGreaterThanOrEqual(14);
    expect(b.x + b.width).toBeGreaterThanOrEqual(60);
    expect(b.x + b.width).toBeLessThanOrEqual(66);
    expect(b.y + b.height).toBeGreaterThanOrEqual(50);
    expect(b.y + b.height).toBeLessThanOrEqual(56);
  });

  it('holds a circle (two half-arcs), though both ends lie on its middle line', () => {
    const b = pathBounds(circlePath({ x: 100, y: 50 }, 8));
    expect(b.x).toBeLessThanOrEqual(92);
    expect(b.y).toBeLessThanOrEqual(42);
    expect(b.x + b.width).toBeGreaterThanOrEqual(108);
    expect(b.y + b.height).toBeGreaterThanOrEqual(58);
  });

  it('holds every sampled point of a curve, and of several curves in one path', () => {
    const p0 = { x: 0, y: 0 };
    const p1 = { x: 120, y: -40 };
    const q0 = { x: 5, y: 90 };
    const b = pathBounds(curvePath(p0, p1) + curvePath(q0, p1));
    for (const [a, z] of [[p0, p1], [q0, p1]]) {
      const [c0, c1] = bezierControls(a, z);
      for (let t = 0; t <= 1; t += 0.05) {
        const u = 1 - t;
        const x = u * u * u * a.x + 3 * u * u * t * c0.x + 3 * u * t * t * c1.x + t * t * t * z.x;
        const y = u * u * u * a.y + 3 * u * u * t * c0.y + 3 * u * t * t * c1.y + t * t * t * z.y;
        expect(x).toBeGreaterThanOrEqual(b.x - 1e-9);
        expect(x).toBeLessThanOrEqual(b.x + b.width + 1e-9);
        expect(y).toBeGreaterThanOrEqual(b.y - 1e-9);
        expect(y).toBeLessThanOrEqual(b.y + b.height + 1e-9);
      }
    }
    expect(b.y).toBeLessThanOrEqual(-40);
    expect(b.y + b.height).toBeGreaterThanOrEqual(90);
  });

  it('is an empty box at the origin for an empty path', () => {
    expect(pathBounds('')).toEqual({ x: 0, y: 0, width: 0, height: 0 });
  });
});
