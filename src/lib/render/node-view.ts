/**
 * One node on the canvas: a frame (box, ports, outline), a label above, an activation badge below and,
 * per unit, a heat-map sprite showing the unit's slot of the shared heat-map atlas. Created once per node and
 * updated in place afterwards: moving a node only sets its container's position.
 * A group too big to stack (a block) is summarised: the heat-maps of its first BLOCK_SHOWN units and a line
 * saying how many more there are.
 */
import { Container, Graphics, Sprite, Text } from 'pixi.js';
import { hasPort, isBlock, nodeBox, portPoint, unitBox } from '../editor/edge-geometry';
import type { NodeRecord } from '../model/document';
import { blockCaption, shownUnits } from './block-summary';
import type { HeatmapAtlas } from './heatmap-atlas';
import { COLORS, PORT_RADIUS } from './style';

export interface UnitView {
  sprite: Sprite;
  /** its square in the heat-map atlas */
  slot: number;
}

export interface NodeView {
  container: Container;
  frame: Graphics;
  label: Text;
  badge: Text;
  blockText: Text;
  units: UnitView[];
  /** what the frame was last drawn from; redrawn only when this changes */
  frameKey: string;
}

/** Counts pixi objects created, so tests and the bench can prove a drag creates none. */
export const creationStats = { objects: 0 };

const BLOCK_TILE = 40;
const BLOCK_PITCH = 44;

function makeText(size: number, fill: number): Text {
  creationStats.objects++;
  const text = new Text({ text: '', style: { fontFamily: 'system-ui, sans-serif', fontSize: size, fill, align: 'center' }, resolution: 3 });
  text.eventMode = 'none';
  return text;
}

export function createNodeView(parent: Container): NodeView {
  const container = new Container();
  container.eventMode = 'none';
  const frame = new Graphics();
  frame.eventMode = 'none';
  creationStats.objects += 2;
  const view: NodeView = {
    container,
    frame,
    label: makeText(11, COLORS.label),
    badge: makeText(10, COLORS.badge),
    blockText: makeText(10, COLORS.label),
    units: [],
    frameKey: ''
  };
  view.label.anchor.set(0.5, 1);
  view.badge.anchor.set(0.5, 0);
  view.blockText.anchor.set(0.5, 0.5);
  container.addChild(frame, view.label, view.badge, view.blockText);
  parent.addChild(container);
  return view;
}

function createUnitView(atlas: HeatmapAtlas): UnitView {
  const { slot, texture } = atlas.allocate();
  const sprite = new Sprite(texture);
  sprite.eventMode = 'none';
  creationStats.objects += 2;
  return { sprite, slot };
}

function destroyUnitView(unit: UnitView, atlas: HeatmapAtlas): void {
  unit.sprite.destroy();
  atlas.release(unit.slot);
}

/** Make the unit sprites match the units shown, reusing what is there. */
function syncUnits(view: NodeView, node: NodeRecord, gridSize: number, atlas: HeatmapAtlas): void {
  const wanted = shownUnits(node, gridSize);
  while (view.units.length > wanted) destroyUnitView(view.units.pop()!, atlas);
  while (view.units.length < wanted) {
    const unit = createUnitView(atlas);
    view.container.addChildAt(unit.sprite, 1);
    view.units.push(unit);
  }
}

/** Unit j's square relative to the node's origin (a block stacks its shown units from the top). */
function unitSquare(node: NodeRecord, j: number): { x: number; y: number; width: number; height: number } {
  if (isBlock(node)) {
    const box = nodeBox(node);
    return { x: (box.width - BLOCK_TILE) / 2, y: 8 + j * BLOCK_PITCH, width: BLOCK_TILE, height: BLOCK_TILE };
  }
  const b = unitBox(node, j);
  return { x: b.x - node.x, y: b.y - node.y, width: b.width, height: b.height };
}

export interface NodeLook {
  problem: boolean;
  gridSize: number;
}

/** Bring the view up to date with the record; cheap when only the position changed. */
export function updateNodeView(view: NodeView, node: NodeRecord, look: NodeLook, atlas: HeatmapAtlas): void {
  view.container.position.set(node.x, node.y);
  const hasPlane = look.gridSize > 0;
  const key = `${node.kind}|${node.units}|${node.label}|${node.id}|${node.activation}|${look.problem}|${hasPlane}|${node.dropout ?? 0}`;
  if (key === view.frameKey) return;
  view.frameKey = key;
  syncUnits(view, node, look.gridSize, atlas);
  const box = nodeBox(node);
  const g = view.frame;
  g.clear();
  g.roundRect(0, 0, box.width, box.height, 6).fill({ color: isBlock(node) ? COLORS.blockFill : COLORS.nodeFill });
  g.roundRect(0, 0, box.width, box.height, 6).stroke({ width: 1, color: COLORS.nodeBorder });
  view.units.forEach((unit, j) => {
    const b = unitSquare(node, j);
    unit.sprite.position.set(b.x, b.y);
    unit.sprite.width = b.width;
    unit.sprite.height = b.height;
    // Square corners, like the heat-map inside: a rounded outline costs ~60 triangles per unit instead of ~8,
    // and without GPU acceleration every triangle of the scene is paid again in each frame that changes.
    g.rect(b.x - 0.5, b.y - 0.5, b.width + 1, b.height + 1).stroke({ width: 1, color: COLORS.unitBorder });
  });
  if (look.problem) g.roundRect(-3, -3, box.width + 6, box.height + 6, 8).stroke({ width: 2, color: COLORS.problem });
  const origin = { x: node.x, y: node.y };
  for (const side of ['in', 'out'] as const) {
    if (!hasPort(node, side)) continue;
    const p = portPoint(node, side);
    g.circle(p.x - origin.x, p.y - origin.y, PORT_RADIUS).fill({ color: COLORS.nodeFill }).stroke({ width: 1.5, color: COLORS.port });
  }
  view.label.text = node.label.trim() !== '' ? node.label : node.id;
  view.label.position.set(box.width / 2, -6);
  view.badge.text = node.kind === 'input' ? '' : `${node.activation}${node.dropout ? ` · drop ${node.dropout}` : ''}`;
  view.badge.position.set(box.width / 2, box.height + 4);
  const shown = view.units.length;
  view.blockText.text = isBlock(node) ? blockCaption(node.units, shown) : '';
  view.blockText.position.set(box.width / 2, shown > 0 ? 8 + shown * BLOCK_PITCH + (box.height - 8 - shown * BLOCK_PITCH) / 2 : box.height / 2);
}

/**
 * Paint unit j's heat-map from a unit-major grid buffer into the atlas. Inputs are scaled by their own
 * largest value (a feature like x² spans far more than [-1, 1]); every other unit uses the fixed [-1, 1] scale.
 * Returns whether its colours changed (the atlas uploads once for all changed tiles).
 */
export function paintUnit(view: NodeView, j: number, grids: Float32Array, offset: number, size: number, normalise: boolean, atlas: HeatmapAtlas): boolean {
  const unit = view.units[j];
  if (!unit) return false;
  let range = 1;
  if (normalise) {
    let max = 0;
    for (let k = 0; k < size * size; k++) max = Math.max(max, Math.abs(grids[offset + k]));
    range = max > 0 ? max : 1;
  }
  return atlas.paint(unit.slot, grids, offset, size, range);
}

/** Give back the unit views (their textures are stale): the next update makes them again. */
export function resetUnits(view: NodeView, atlas: HeatmapAtlas): void {
  for (const u of view.units.splice(0).reverse()) destroyUnitView(u, atlas);
  view.frameKey = '';
}

export function destroyNodeView(view: NodeView, atlas: HeatmapAtlas): void {
  for (const u of view.units.splice(0).reverse()) destroyUnitView(u, atlas);
  view.blockText.destroy();
  view.badge.destroy();
  view.label.destroy();
  view.frame.destroy();
  view.container.destroy();
}
