/**
 * What is drawn over the network and changes often without touching the document:
 * the hovered item, the backprop step-through highlight, and the ghost of a gesture (wire, drop, box).
 * One Graphics, cleared and redrawn; the drop ghost's label is one reused Text.
 */
import type { Graphics, Text } from 'pixi.js';
import { isBlock, nodeBox, portPoint, unitAnchor, unitBox } from '../editor/edge-geometry';
import type { HitTarget } from '../editor/hit-test';
import type { Ghost } from '../editor/tools/types';
import type { NetworkDoc } from '../model/document';
import { curveTo } from './edge-view';
import { parseLinkId, parseUnitId } from './ids';
import { COLORS, PORT_RADIUS } from './style';

export interface OverlayState {
  doc: NetworkDoc;
  hover: HitTarget | null;
  highlightUnits: string[];
  highlightLinks: string[];
  ghost: Ghost | null;
}

export function drawOverlay(g: Graphics, ghostLabel: Text, state: OverlayState): void {
  g.clear();
  ghostLabel.text = '';
  const byId = new Map(state.doc.nodes.map((n) => [n.id, n]));

  for (const id of state.highlightLinks) {
    const link = parseLinkId(id);
    const from = link && byId.get(link.from);
    const to = link && byId.get(link.to);
    if (!link || !from || !to) continue;
    curveTo(g, unitAnchor(from, link.i, 'out'), unitAnchor(to, link.j, 'in')).stroke({ width: 5, color: COLORS.highlight, alpha: 0.9 });
  }
  for (const id of state.highlightUnits) {
    const unit = parseUnitId(id);
    const node = unit && byId.get(unit.group);
    if (!unit || !node) continue;
    const b = unitBox(node, isBlock(node) ? 0 : unit.j);
    g.roundRect(b.x - 3, b.y - 3, b.width + 6, b.height + 6, 4).stroke({ width: 3, color: COLORS.highlight });
  }

  const hover = state.hover;
  if (hover) {
    if (hover.kind === 'link') {
      const from = byId.get(hover.from);
      const to = byId.get(hover.to);
      if (from && to) curveTo(g, unitAnchor(from, hover.i, 'out'), unitAnchor(to, hover.j, 'in')).stroke({ width: 2, color: COLORS.hover, alpha: 0.8 });
    } else if (hover.kind === 'edge') {
      const edge = state.doc.edges.find((e) => e.id === hover.edgeId);
      const from = edge && byId.get(edge.from);
      const to = edge && byId.get(edge.to);
      if (from && to) curveTo(g, portPoint(from, 'out'), portPoint(to, 'in')).stroke({ width: 2, color: COLORS.hover, alpha: 0.8 });
    } else if (hover.kind === 'unit') {
      const node = byId.get(hover.nodeId);
      if (node) {
        const b = unitBox(node, hover.j);
        g.roundRect(b.x - 1.5, b.y - 1.5, b.width + 3, b.height + 3, 3).stroke({ width: 1.5, color: COLORS.hover });
      }
    } else if (hover.kind === 'port') {
      const node = byId.get(hover.nodeId);
      if (node) {
        const p = portPoint(node, hover.side);
        g.circle(p.x, p.y, PORT_RADIUS + 3).fill({ color: COLORS.selected, alpha: 0.35 });
      }
    } else {
      const node = byId.get(hover.nodeId);
      if (node) {
        const b = nodeBox(node);
        g.roundRect(b.x - 2, b.y - 2, b.width + 4, b.height + 4, 7).stroke({ width: 1, color: COLORS.hover, alpha: 0.5 });
      }
    }
  }

  const ghost = state.ghost;
  if (!ghost) return;
  if (ghost.kind === 'wire') {
    const color = ghost.status === 'ok' ? COLORS.ghostOk : ghost.status === 'refused' ? COLORS.ghostRefused : COLORS.ghostFree;
    curveTo(g, ghost.from, ghost.to).stroke({ width: 2.5, color, alpha: 0.9 });
    g.circle(ghost.to.x, ghost.to.y, PORT_RADIUS + 1).fill({ color });
  } else if (ghost.kind === 'box') {
    const b = ghost.box;
    g.rect(b.x, b.y, b.width, b.height).fill({ color: COLORS.box, alpha: 0.08 }).stroke({ width: 1, color: COLORS.box, alpha: 0.8 });
  } else {
    const b = ghost.box;
    g.roundRect(b.x, b.y, b.width, b.height, 6).fill({ color: COLORS.box, alpha: 0.12 }).stroke({ width: 1.5, color: COLORS.box, alpha: 0.8 });
    ghostLabel.text = ghost.label;
    ghostLabel.position.set(b.x + b.width / 2, b.y - 6);
  }
}
