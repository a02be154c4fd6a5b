/**
 * How big a node is on the canvas, in world units. The editor (hit-testing, ports, layout)
 * and the renderer both use these functions, so what is drawn is what is clicked.
 */
import type { NodeRecord } from './document';

export const NODE_WIDTH = 56;
/** vertical distance between the centres of two stacked neurons */
export const NEURON_PITCH = 44;
/** groups with more units than this are drawn as one compact block */
export const MAX_STACKED_UNITS = 12;
/** height of the compact block: a 784-unit group must not fill the screen */
export const BLOCK_HEIGHT = 6 * NEURON_PITCH;

export interface Size {
  width: number;
  height: number;
}

export function isBlock(node: Pick<NodeRecord, 'units'>): boolean {
  return node.units > MAX_STACKED_UNITS;
}

export function nodeSize(node: Pick<NodeRecord, 'units'>): Size {
  if (isBlock(node)) return { width: NODE_WIDTH, height: BLOCK_HEIGHT };
  // A group of zero units (mid-edit) still needs a box to click on.
  return { width: NODE_WIDTH, height: Math.max(1, node.units) * NEURON_PITCH };
}

/**
 * Centre of each stacked neuron relative to the node's top-left corner, or an empty list
 * when the group is drawn as a block.
 */
export function unitCentres(node: Pick<NodeRecord, 'units'>): { x: number; y: number }[] {
  if (isBlock(node)) return [];
  const centres: { x: number; y: number }[] = [];
  for (let j = 0; j < node.units; j++) {
    centres.push({ x: NODE_WIDTH / 2, y: NEURON_PITCH / 2 + j * NEURON_PITCH });
  }
  return centres;
}

/** Wires enter a node in the middle of its left side and leave from the middle of its right side. */
export function inputPort(node: Pick<NodeRecord, 'x' | 'y' | 'units'>): { x: number; y: number } {
  return { x: node.x, y: node.y + nodeSize(node).height / 2 };
}

export function outputPort(node: Pick<NodeRecord, 'x' | 'y' | 'units'>): { x: number; y: number } {
  const size = nodeSize(node);
  return { x: node.x + size.width, y: node.y + size.height / 2 };
}
