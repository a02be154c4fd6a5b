/**
 * What is drawn over the network and changes often without touching what training draws: the selection,
 * the hovered item, the backprop step-through highlight, and the ghost of a gesture (wire, drop, box).
 * A pure function from that state to a short list of shapes in world units (paths in SVG path syntax);
 * canvas-overlay draws them on a CPU canvas over the network canvas, so a press, a hover or a gesture never
 * re-renders the WebGL scene (on software GL each such render costs tens of milliseconds).
 */
import { bezierControls, isBlock, nodeBox, portPoint, unitAnchor, unitBox } from '../editor/edge-geometry';
import { linksAreSeparate, type HitTarget } from '../editor/hit-test';
import type { Ghost } from '../editor/tools/types';
import { boxAround, type Box, type Point } from '../editor/types';
import type { NetworkDoc } from '../model/document';
import { parseLinkId, parseUnitId } from './ids';
import { COLORS, PORT_RADIUS } from './style';

export interface OverlayState {
  doc: NetworkDoc;
  /** selected node and edge ids */
  selection: readonly string[];
  hover: HitTarget | null;
  highlightUnits: readonly string[];
  highlightLinks: readonly string[];
  ghost: Ghost | null;
}

export interface Paint {
  color: number;
  alpha: number;
}

export type OverlayShape =
  | { kind: 'path'; d: string; stroke?: Paint & { width: number }; fill?: Paint }
  | { kind: 'text'; x: number; y: number; text: string; color: number };

const n = (v: number) => (Math.round(v * 100) / 100).toString();

/** The Bézier a link or wire is drawn as (the same curve the canvas draws and hit-tests). */
export function curvePath(p0: Point, p1: Point): string {
  const [c0, c1] = bezierControls(p0, p1);
  return `M${n(p0.x)} ${n(p0.y)}C${n(c0.x)} ${n(c0.y)} ${n(c1.x)} ${n(c1.y)} ${n(p1.x)} ${n(p1.y)}`;
}

export function roundRectPath(b: Box, r: number): string {
  const rr = Math.max(0, Math.min(r, b.width / 2, b.height / 2));
  const { x, y, width: w, height: h } = b;
  return (
    `M${n(x + rr)} ${n(y)}H${n(x + w - rr)}A${n(rr)} ${n(rr)} 0 0 1 ${n(x + w)} ${n(y + rr)}V${n(y + h - rr)}` +
    `A${n(rr)} ${n(rr)} 0 0 1 ${n(x + w - rr)} ${n(y + h)}H${n(x + rr)}A${n(rr)} ${n(rr)} 0 0 1 ${n(x)} ${n(y + h - rr)}` +
    `V${n(y + rr)}A${n(rr)} ${n(rr)} 0 0 1 ${n(x + rr)} ${n(y)}Z`
  );
}

export function circlePath(c: Point, r: number): string {
  return `M${n(c.x - r)} ${n(c.y)}A${n(r)} ${n(r)} 0 1 0 ${n(c.x + r)} ${n(c.y)}A${n(r)} ${n(r)} 0 1 0 ${n(c.x - r)} ${n(c.y)}Z`;
}

/**
 * A box that holds the path `d` as written by the helpers above (absolute M, L, H, V, C, A and Z): every
 * point and control point, and round an arc's ends its radius (a circle's two half-arcs bulge that far).
 * Not tight, never too small: the overlay canvas is sized to it.
 */
export function pathBounds(d: string): Box {
  // Each point as a box of its arc's radius around it (0 elsewhere).
  const boxes: Box[] = [];
  const add = (x: number, y: number, r = 0) => boxes.push({ x: x - r, y: y - r, width: 2 * r, height: 2 * r });
  let x = 0;
  let y = 0;
  for (const [, command, args] of d.matchAll(/([MLHVCAZ])([^MLHVCAZ]*)/g)) {
    const v = (args.match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g) ?? []).map(Number);
    if (command === 'H') x = v[0];
    else if (command === 'V') y = v[0];
    else if (command === 'C') {
      add(v[0], v[1]);
      add(v[2], v[3]);
      [x, y] = [v[4], v[5]];
    } else if (command === 'A') {
      const r = Math.max(v[0], v[1]);
      add(x, y, r);
      [x, y] = [v[5], v[6]];
      add(x, y, r);
    } else if (command !== 'Z') [x, y] = [v[0], v[1]];
    add(x, y);
  }
  return boxAround(boxes) ?? { x: 0, y: 0, width: 0, height: 0 };
}

const grow = (b: Box, by: number): Box => ({ x: b.x - by, y: b.y - by, width: b.width + 2 * by, height: b.height + 2 * by });

export function overlayShapes(state: OverlayState): OverlayShape[] {
  const shapes: OverlayShape[] = [];
  const byId = new Map(state.doc.nodes.map((node) => [node.id, node]));
  const line = (d: string, color: number, width: number, alpha = 1) => shapes.push({ kind: 'path', d, stroke: { color, alpha, width } });

  // The selection: a wash over a selected edge's links (see-through: the weights stay readable), a ring round a node.
  const selected = new Set(state.selection);
  for (const edge of state.doc.edges) {
    if (!selected.has(edge.id)) continue;
    const from = byId.get(edge.from);
    const to = byId.get(edge.to);
    if (!from || !to) continue;
    if (!linksAreSeparate(from, to)) {
      line(curvePath(portPoint(from, 'out'), portPoint(to, 'in')), COLORS.edgeSelected, 20, 0.45);
      continue;
    }
    const d: string[] = [];
    for (let i = 0; i < from.units; i++) for (let j = 0; j < to.units; j++) d.push(curvePath(unitAnchor(from, i, 'out'), unitAnchor(to, j, 'in')));
    line(d.join(''), COLORS.edgeSelected, 7, 0.45);
  }
  for (const node of state.doc.nodes) {
    if (selected.has(node.id)) line(roundRectPath(grow(nodeBox(node), 5), 9), COLORS.selected, 2);
  }

  for (const id of state.highlightLinks) {
    const link = parseLinkId(id);
    const from = link && byId.get(link.from);
    const to = link && byId.get(link.to);
    if (link && from && to) line(curvePath(unitAnchor(from, link.i, 'out'), unitAnchor(to, link.j, 'in')), COLORS.highlight, 5, 0.9);
  }
  for (const id of state.highlightUnits) {
    const unit = parseUnitId(id);
    const node = unit && byId.get(unit.group);
    if (unit && node) line(roundRectPath(grow(unitBox(node, isBlock(node) ? 0 : unit.j), 3), 4), COLORS.highlight, 3);
  }

  const hover = state.hover;
  if (hover) {
    if (hover.kind === 'link') {
      const from = byId.get(hover.from);
      const to = byId.get(hover.to);
      if (from && to) line(curvePath(unitAnchor(from, hover.i, 'out'), unitAnchor(to, hover.j, 'in')), COLORS.hover, 2, 0.8);
    } else if (hover.kind === 'edge') {
      const edge = state.doc.edges.find((e) => e.id === hover.edgeId);
      const from = edge && byId.get(edge.from);
      const to = edge && byId.get(edge.to);
      if (from && to) line(curvePath(portPoint(from, 'out'), portPoint(to, 'in')), COLORS.hover, 2, 0.8);
    } else if (hover.kind === 'unit') {
      const node = byId.get(hover.nodeId);
      if (node) line(roundRectPath(grow(unitBox(node, hover.j), 1.5), 3), COLORS.hover, 1.5);
    } else if (hover.kind === 'port') {
      const node = byId.get(hover.nodeId);
      if (node) shapes.push({ kind: 'path', d: circlePath(portPoint(node, hover.side), PORT_RADIUS + 3), fill: { color: COLORS.selected, alpha: 0.35 } });
    } else {
      const node = byId.get(hover.nodeId);
      if (node) line(roundRectPath(grow(nodeBox(node), 2), 7), COLORS.hover, 1, 0.5);
    }
  }

  const ghost = state.ghost;
  if (ghost?.kind === 'wire') {
    const color = ghost.status === 'ok' ? COLORS.ghostOk : ghost.status === 'refused' ? COLORS.ghostRefused : COLORS.ghostFree;
    line(curvePath(ghost.from, ghost.to), color, 2.5, 0.9);
    shapes.push({ kind: 'path', d: circlePath(ghost.to, PORT_RADIUS + 1), fill: { color, alpha: 1 } });
  } else if (ghost?.kind === 'box') {
    const b = ghost.box;
    shapes.push({ kind: 'path', d: roundRectPath(b, 0), fill: { color: COLORS.box, alpha: 0.08 }, stroke: { color: COLORS.box, alpha: 0.8, width: 1 } });
  } else if (ghost) {
    const b = ghost.box;
    shapes.push({ kind: 'path', d: roundRectPath(b, 6), fill: { color: COLORS.box, alpha: 0.12 }, stroke: { color: COLORS.box, alpha: 0.8, width: 1.5 } });
    shapes.push({ kind: 'text', x: b.x + b.width / 2, y: b.y - 6, text: ghost.label, color: COLORS.box });
  }
  return shapes;
}
