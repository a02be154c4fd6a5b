/**
 * One node on the canvas: a frame (box, ports, outline), a label above, an activation badge below and,
 * per unit, a heat-map sprite whose texture is filled in place from the snapshot. Created once per node and
 * updated in place afterwards: moving a node only sets its container's position.
 */
import { BufferImageSource, Container, Graphics, Sprite, Text, Texture } from 'pixi.js';
import { hasPort, isBlock, nodeBox, portPoint, unitBox } from '../editor/edge-geometry';
import type { NodeRecord } from '../model/document';
import { fillHeatmapTileRGBA, tileSize, tileStep } from './heatmap';
import { COLORS, PORT_RADIUS } from './style';

export interface UnitView {
  sprite: Sprite;
  texture: Texture;
  source: BufferImageSource;
  pixels: Uint8Array;
  /** the same bytes, as the heat-map kernel writes them */
  rgba: Uint8ClampedArray;
  /** hash of the colours last uploaded: an unchanged tile is not uploaded again */
  hash: number;
}

export interface NodeView {
  container: Container;
  frame: Graphics;
  label: Text;
  badge: Text;
  blockText: Text;
  units: UnitView[];
  /** the grid size the unit textures were made for (each texture is tileSize(gridSize) on a side) */
  gridSize: number;
  /** what the frame was last drawn from; redrawn only when this changes */
  frameKey: string;
}

/** Counts pixi objects created, so tests and the bench can prove a drag creates none. */
export const creationStats = { objects: 0 };

const NEUTRAL_GRID = 2;

function makeText(size: number, fill: number): Text {
  creationStats.objects++;
  const text = new Text({ text: '', style: { fontFamily: 'system-ui, sans-serif', fontSize: size, fill }, resolution: 3 });
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
    blockText: makeText(11, COLORS.label),
    units: [],
    gridSize: 0,
    frameKey: ''
  };
  view.label.anchor.set(0.5, 1);
  view.badge.anchor.set(0.5, 0);
  view.blockText.anchor.set(0.5, 0.5);
  container.addChild(frame, view.label, view.badge, view.blockText);
  parent.addChild(container);
  return view;
}

function createUnitView(gridSize: number): UnitView {
  // Neuron tiles are small on screen: a 64-point grid is averaged down to 32 × 32 (the output view keeps the full grid).
  const size = tileSize(gridSize);
  const pixels = new Uint8Array(size * size * 4);
  const rgba = new Uint8ClampedArray(pixels.buffer);
  // Until the first snapshot the square is a quiet grey rather than a misleading colour.
  for (let k = 0; k < pixels.length; k += 4) {
    pixels[k] = 0xf1;
    pixels[k + 1] = 0xf5;
    pixels[k + 2] = 0xf9;
    pixels[k + 3] = 255;
  }
  const source = new BufferImageSource({ resource: pixels, width: size, height: size, format: 'rgba8unorm', scaleMode: 'linear' });
  const texture = new Texture({ source });
  const sprite = new Sprite(texture);
  sprite.eventMode = 'none';
  creationStats.objects += 3;
  return { sprite, texture, source, pixels, rgba, hash: -1 };
}

function destroyUnitView(unit: UnitView): void {
  unit.sprite.destroy();
  unit.texture.destroy();
  unit.source.destroy();
}

/** Make the unit sprites match the node's units and the grid size, reusing what is there. */
function syncUnits(view: NodeView, node: NodeRecord, gridSize: number): void {
  const wanted = isBlock(node) ? 0 : node.units;
  const size = gridSize > 0 ? gridSize : NEUTRAL_GRID;
  if (size !== view.gridSize) {
    for (const u of view.units.splice(0)) destroyUnitView(u);
    view.gridSize = size;
  }
  while (view.units.length > wanted) destroyUnitView(view.units.pop()!);
  while (view.units.length < wanted) {
    const unit = createUnitView(size);
    view.container.addChildAt(unit.sprite, 1);
    view.units.push(unit);
  }
}

export interface NodeLook {
  selected: boolean;
  problem: boolean;
  gridSize: number;
}

/** Bring the view up to date with the record; cheap when only the position changed. */
export function updateNodeView(view: NodeView, node: NodeRecord, look: NodeLook): void {
  view.container.position.set(node.x, node.y);
  const key = `${node.kind}|${node.units}|${node.label}|${node.id}|${node.activation}|${look.selected}|${look.problem}|${look.gridSize}|${node.dropout ?? 0}`;
  if (key === view.frameKey) return;
  view.frameKey = key;
  syncUnits(view, node, look.gridSize);
  const box = nodeBox(node);
  const origin = { x: node.x, y: node.y };
  const g = view.frame;
  g.clear();
  g.roundRect(0, 0, box.width, box.height, 6).fill({ color: isBlock(node) ? COLORS.blockFill : COLORS.nodeFill });
  g.roundRect(0, 0, box.width, box.height, 6).stroke({ width: 1, color: COLORS.nodeBorder });
  view.units.forEach((unit, j) => {
    const b = unitBox(node, j);
    unit.sprite.position.set(b.x - origin.x, b.y - origin.y);
    unit.sprite.width = b.width;
    unit.sprite.height = b.height;
    g.roundRect(b.x - origin.x - 0.5, b.y - origin.y - 0.5, b.width + 1, b.height + 1, 3).stroke({ width: 1, color: COLORS.unitBorder });
  });
  if (look.problem) g.roundRect(-3, -3, box.width + 6, box.height + 6, 8).stroke({ width: 2, color: COLORS.problem });
  if (look.selected) g.roundRect(-5, -5, box.width + 10, box.height + 10, 9).stroke({ width: 2, color: COLORS.selected });
  for (const side of ['in', 'out'] as const) {
    if (!hasPort(node, side)) continue;
    const p = portPoint(node, side);
    g.circle(p.x - origin.x, p.y - origin.y, PORT_RADIUS).fill({ color: COLORS.nodeFill }).stroke({ width: 1.5, color: COLORS.port });
  }
  view.label.text = node.label.trim() !== '' ? node.label : node.id;
  view.label.position.set(box.width / 2, -6);
  view.badge.text = node.kind === 'input' ? '' : `${node.activation}${node.dropout ? ` · drop ${node.dropout}` : ''}`;
  view.badge.position.set(box.width / 2, box.height + 4);
  view.blockText.text = isBlock(node) ? `${node.units}\nunits` : '';
  view.blockText.position.set(box.width / 2, box.height / 2);
}

/**
 * Paint unit j's heat-map from a unit-major grid buffer. Inputs are scaled by their own largest value
 * (a feature like x² spans far more than [-1, 1]); every other unit uses the fixed [-1, 1] scale.
 * Returns whether the texture changed (and was uploaded): identical colours are not sent to the GPU again.
 */
export function paintUnit(view: NodeView, j: number, grids: Float32Array, offset: number, size: number, normalise: boolean): boolean {
  const unit = view.units[j];
  if (!unit || size !== view.gridSize) return false;
  let range = 1;
  if (normalise) {
    let max = 0;
    for (let k = 0; k < size * size; k++) max = Math.max(max, Math.abs(grids[offset + k]));
    range = max > 0 ? max : 1;
  }
  const hash = fillHeatmapTileRGBA(grids, offset, size, tileStep(size), unit.rgba, range);
  if (hash === unit.hash) return false;
  unit.hash = hash;
  unit.source.update();
  return true;
}

export function destroyNodeView(view: NodeView): void {
  for (const u of view.units.splice(0).reverse()) destroyUnitView(u);
  view.blockText.destroy();
  view.badge.destroy();
  view.label.destroy();
  view.frame.destroy();
  view.container.destroy();
}
