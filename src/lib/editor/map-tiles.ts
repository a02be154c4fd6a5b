/**
 * Where a conv, pool or image-input node draws its feature-map thumbnails, relative to the node's top-left
 * corner: one per unit square while the node is a stack (a conv's units are its filters, a pool's its
 * channels), a two-column grid inside a block, and one large tile for a one-channel image. The renderer draws
 * them and the editor finds the map under a click with the same boxes. Pure.
 */
import type { NodeRecord } from '../model/document';
import { nodeSize } from '../model/geometry';
import { isBlock, unitBox } from './edge-geometry';
import { boxContains, type Box, type Point } from './types';

const GRID_TILE = 24;
const GRID_GAP = 2;
const GRID_TOP = 6;
const SINGLE_TILE = 48;

export function mapTiles(node: NodeRecord, channels: number): Box[] {
  const { width, height } = nodeSize(node);
  if (!isBlock(node)) {
    return Array.from({ length: Math.min(channels, node.units) }, (_, j) => {
      const b = unitBox(node, j);
      return { x: b.x - node.x, y: b.y - node.y, width: b.width, height: b.height };
    });
  }
  if (channels === 1) return [{ x: (width - SINGLE_TILE) / 2, y: GRID_TOP + 2, width: SINGLE_TILE, height: SINGLE_TILE }];
  const pitch = GRID_TILE + GRID_GAP;
  const rows = Math.floor((height - 2 * GRID_TOP) / pitch);
  const left = (width - 2 * GRID_TILE - GRID_GAP) / 2;
  return Array.from({ length: Math.min(channels, rows * 2) }, (_, k) => ({
    x: left + (k % 2) * pitch,
    y: GRID_TOP + Math.floor(k / 2) * pitch,
    width: GRID_TILE,
    height: GRID_TILE
  }));
}

/** The channel whose tile holds the world point, or -1. */
export function tileAt(node: NodeRecord, channels: number, world: Point): number {
  const local = { x: world.x - node.x, y: world.y - node.y };
  return mapTiles(node, channels).findIndex((box) => boxContains(box, local));
}
