/**
 * What lies under a point of the canvas, in world units. Ports first (they sit on node edges and must
 * win there), then units and node bodies (topmost first), then wires. Pure: the camera's zoom only
 * scales the tolerances so that a port is as easy to hit at any zoom, and easier with a finger.
 */
import type { EdgeRecord, NetworkDoc, NodeRecord } from '../model/document';
import {
  BAND_LINKS,
  CURVE_SAMPLES,
  curveBounds,
  distanceToPolyline,
  hasPort,
  isBlock,
  nodeBox,
  portPoint,
  sampleCurve,
  unitAnchor,
  unitBox
} from './edge-geometry';
import { NODE_WIDTH, nodeSize } from '../model/geometry';
import { boxContains, boxesIntersect, distance, type Box, type Point } from './types';

export type PortSide = 'in' | 'out';

export type HitTarget =
  | { kind: 'port'; nodeId: string; side: PortSide }
  /** (u, v) is where in the unit's heat-map the point is, each in [0, 1], v = 0 on top */
  | { kind: 'unit'; nodeId: string; j: number; u: number; v: number }
  | { kind: 'node'; nodeId: string }
  | { kind: 'link'; edgeId: string; from: string; to: string; i: number; j: number }
  | { kind: 'edge'; edgeId: string };

export interface HitOptions {
  zoom: number;
  /** fingers get larger tolerances */
  touch?: boolean;
}

/** Individual unit→unit links are told apart only from this zoom on; below it a wire is one target. */
export const LINK_ZOOM = 0.75;

export function portRadius(options: HitOptions): number {
  return (options.touch ? 22 : 10) / options.zoom;
}

/**
 * How far (world units) a port reaches into its own node's box. Outside the box a port has its full,
 * zoom-scaled reach; inside, the body must stay easy to grab: zoomed out, a finger's reach would otherwise
 * cover the whole node and every touch on it would start a wire instead of a move.
 */
export const INSIDE_PORT_REACH = NODE_WIDTH / 4;

export function wireTolerance(options: HitOptions): number {
  return (options.touch ? 14 : 6) / options.zoom;
}

/** The nearest port within reach (`radius`, default portRadius), optionally only among ports accepted by `accept`. */
export function findPort(
  doc: NetworkDoc,
  world: Point,
  options: HitOptions,
  accept: (node: NodeRecord, side: PortSide) => boolean = () => true,
  radius = portRadius(options)
): { nodeId: string; side: PortSide } | null {
  let best: { nodeId: string; side: PortSide } | null = null;
  let bestDistance = radius;
  for (const node of doc.nodes) {
    for (const side of ['in', 'out'] as const) {
      if (!hasPort(node, side) || !accept(node, side)) continue;
      const d = distance(world, portPoint(node, side));
      if (d <= bestDistance) {
        bestDistance = d;
        best = { nodeId: node.id, side };
      }
    }
  }
  return best;
}

/** The topmost node whose box holds the point (later nodes are drawn on top). */
export function nodeAt(doc: NetworkDoc, world: Point): NodeRecord | null {
  for (let k = doc.nodes.length - 1; k >= 0; k--) {
    if (boxContains(nodeBox(doc.nodes[k]), world)) return doc.nodes[k];
  }
  return null;
}

/** The unit whose heat-map square holds the point, with the point's place in it. */
export function unitAt(node: NodeRecord, world: Point): { j: number; u: number; v: number } | null {
  if (isBlock(node)) return null;
  const j = Math.floor(((world.y - node.y) / nodeSize(node).height) * node.units);
  if (j < 0 || j >= node.units) return null;
  const box = unitBox(node, j);
  if (!boxContains(box, world)) return null;
  return { j, u: (world.x - box.x) / box.width, v: (world.y - box.y) / box.height };
}

/** Whether a dense edge's links are drawn (and hit) one by one rather than as one band. */
const IMAGE_LAYERS = new Set<NodeRecord['kind']>(['conv', 'pool', 'flatten']);

export function linksAreSeparate(from: NodeRecord, to: NodeRecord): boolean {
  // A wire into a conv, pool or Flatten is not unit-to-unit (its weights, if any, are a kernel): one band.
  if (IMAGE_LAYERS.has(to.kind)) return false;
  return !isBlock(from) && !isBlock(to) && from.units * to.units <= BAND_LINKS;
}

const scratch = new Float32Array(CURVE_SAMPLES * 2);

/** The wire (or, when zoomed in, the single link) nearest the point within tolerance. */
export function edgeAt(doc: NetworkDoc, world: Point, options: HitOptions): HitTarget | null {
  const tolerance = wireTolerance(options);
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  let best: HitTarget | null = null;
  let bestDistance = tolerance;
  const probe: Box = { x: world.x - tolerance, y: world.y - tolerance, width: 2 * tolerance, height: 2 * tolerance };
  for (const edge of doc.edges) {
    const from = byId.get(edge.from);
    const to = byId.get(edge.to);
    if (!from || !to) continue;
    const separate = options.zoom >= LINK_ZOOM && linksAreSeparate(from, to);
    const pairsI = separate ? from.units : 1;
    const pairsJ = separate ? to.units : 1;
    for (let i = 0; i < pairsI; i++) {
      const p0 = separate ? unitAnchor(from, i, 'out') : portPoint(from, 'out');
      for (let j = 0; j < pairsJ; j++) {
        const p1 = separate ? unitAnchor(to, j, 'in') : portPoint(to, 'in');
        if (!boxesIntersect(curveBounds(p0, p1), probe)) continue;
        const d = distanceToPolyline(world, sampleCurve(p0, p1, CURVE_SAMPLES, scratch));
        if (d <= bestDistance) {
          bestDistance = d;
          best = separate ? linkTarget(edge, i, j) : { kind: 'edge', edgeId: edge.id };
        }
      }
    }
  }
  return best;
}

function linkTarget(edge: EdgeRecord, i: number, j: number): HitTarget {
  return { kind: 'link', edgeId: edge.id, from: edge.from, to: edge.to, i, j };
}

export function hitTest(doc: NetworkDoc, world: Point, options: HitOptions): HitTarget | null {
  const node = nodeAt(doc, world);
  const reach = node ? Math.min(portRadius(options), INSIDE_PORT_REACH) : portRadius(options);
  const port = findPort(doc, world, options, undefined, reach);
  if (port) return { kind: 'port', ...port };
  if (node) {
    const unit = unitAt(node, world);
    return unit ? { kind: 'unit', nodeId: node.id, ...unit } : { kind: 'node', nodeId: node.id };
  }
  return edgeAt(doc, world, options);
}

/** Nodes touched by a selection rectangle (touching is enough, as in most editors). */
export function nodesInBox(doc: NetworkDoc, box: Box): string[] {
  return doc.nodes.filter((n) => boxesIntersect(nodeBox(n), box)).map((n) => n.id);
}
