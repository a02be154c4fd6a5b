/**
 * How a group too big to stack (a block) is summarised on the canvas: the heat-maps of its first few units
 * and a caption that says how many more there are. Pure, so the rule is tested without pixi.
 */
import { isBlock } from '../model/geometry';
import type { NodeRecord } from '../model/document';

/** Units of a block whose heat-maps are drawn (the rest are summarised as "+k more"). */
export const BLOCK_SHOWN = 4;

/** How many unit heat-maps a node shows: every unit of a stack, the first few of a block (none without a plane). */
export function shownUnits(node: Pick<NodeRecord, 'units'>, gridSize: number): number {
  if (!isBlock(node)) return node.units;
  return gridSize > 0 ? Math.min(BLOCK_SHOWN, node.units) : 0;
}

/** The words inside a block: how many units it has and how many of them are drawn. */
export function blockCaption(units: number, shown: number): string {
  return shown > 0 ? `${units} units\nfirst ${shown} shown\n+${units - shown} more` : `${units}\nunits`;
}
