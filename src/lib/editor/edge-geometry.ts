/**
 * Where things sit inside a node and along a wire: the unit slots of a group, the port points,
 * and each unit→unit link as a cubic Bézier sampled to a polyline (for hit-testing and drawing).
 */
import type { NodeRecord } from '../model/document';
import { NEURON_PITCH, NODE_WIDTH, inputPort, isBlock, nodeSize, outputPort } from '../model/geometry';
import type { Box, Point } from './types';

export { isBlock };

/** Dense edges with more links than this draw (and hit-test) as one band. */
export const BAND_LINKS = 64 * 64;
/** Points per sampled Bézier (segments = samples - 1). */
export const CURVE_SAMPLES = 17;
/** Side of one neuron's heat-map square, leaving a gap between stacked neurons. */
export const UNIT_SIDE = Math.min(NODE_WIDTH, NEURON_PITCH) - 8;

export function nodeBox(node: NodeRecord): Box {
  const { width, height } = nodeSize(node);
  return { x: node.x, y: node.y, width, height };
}

/**
 * The square of unit j's heat-map, centred on its stacked neuron (model/geometry's unitCentres).
 * A block has no per-unit squares: its whole box is returned.
 */
export function unitBox(node: NodeRecord, j: number): Box {
  if (isBlock(node)) return nodeBox(node);
  const cx = node.x + NODE_WIDTH / 2;
  const cy = node.y + NEURON_PITCH / 2 + j * NEURON_PITCH;
  return { x: cx - UNIT_SIDE / 2, y: cy - UNIT_SIDE / 2, width: UNIT_SIDE, height: UNIT_SIDE };
}

/** The y of unit j within its group (a block gathers all its links at its middle). */
export function unitY(node: NodeRecord, j: number): number {
  if (isBlock(node)) return node.y + nodeSize(node).height / 2;
  return node.y + NEURON_PITCH / 2 + j * NEURON_PITCH;
}

/** The anchor of a unit's outgoing (right edge) or incoming (left edge) links. */
export function unitAnchor(node: NodeRecord, j: number, side: 'in' | 'out'): Point {
  return { x: side === 'out' ? node.x + nodeSize(node).width : node.x, y: unitY(node, j) };
}

/** The node's wiring port: output port on the right edge, input port on the left, both mid-height. */
export function portPoint(node: NodeRecord, side: 'in' | 'out'): Point {
  return side === 'out' ? outputPort(node) : inputPort(node);
}

/** Which ports a node kind has: inputs only send, outputs only receive. */
export function hasPort(node: Pick<NodeRecord, 'kind'>, side: 'in' | 'out'): boolean {
  return side === 'in' ? node.kind !== 'input' : node.kind !== 'output';
}

/** Control points of the wire from p0 to p1: leave and arrive horizontally, bowing more for backward wires. */
export function bezierControls(p0: Point, p1: Point): [Point, Point] {
  const dx = p1.x - p0.x;
  const reach = dx >= 0 ? Math.max(24, dx * 0.5) : Math.max(60, -dx * 0.5 + 40);
  return [
    { x: p0.x + reach, y: p0.y },
    { x: p1.x - reach, y: p1.y }
  ];
}

/** The wire from p0 to p1 sampled at `samples` points, as x0, y0, x1, y1, ... */
export function sampleCurve(p0: Point, p1: Point, samples = CURVE_SAMPLES, out?: Float32Array): Float32Array {
  const [c0, c1] = bezierControls(p0, p1);
  const pts = out ?? new Float32Array(samples * 2);
  for (let k = 0; k < samples; k++) {
    const t = k / (samples - 1);
    const u = 1 - t;
    const a = u * u * u;
    const b = 3 * u * u * t;
    const c = 3 * u * t * t;
    const d = t * t * t;
    pts[2 * k] = a * p0.x + b * c0.x + c * c1.x + d * p1.x;
    pts[2 * k + 1] = a * p0.y + b * c0.y + c * c1.y + d * p1.y;
  }
  return pts;
}

/** Distance from p to the segment a–b. */
export function distanceToSegment(p: Point, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((p.x - ax) * dx + (p.y - ay) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  return Math.hypot(p.x - (ax + t * dx), p.y - (ay + t * dy));
}

/** Distance from p to a polyline given as x0, y0, x1, y1, ... */
export function distanceToPolyline(p: Point, pts: Float32Array): number {
  let best = Infinity;
  for (let k = 0; k + 3 < pts.length; k += 2) {
    const d = distanceToSegment(p, pts[k], pts[k + 1], pts[k + 2], pts[k + 3]);
    if (d < best) best = d;
  }
  return best;
}

/** The loose bounding box of a wire (control points included), to skip far wires cheaply. */
export function curveBounds(p0: Point, p1: Point): Box {
  const [c0, c1] = bezierControls(p0, p1);
  const xs = [p0.x, p1.x, c0.x, c1.x];
  const ys = [p0.y, p1.y, c0.y, c1.y];
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}
