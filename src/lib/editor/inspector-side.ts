/**
 * Where the node inspector floats over the canvas: in the top corner that hides neither the selected node
 * nor (if it can) any other node, so the output node on the right stays in view while it is being edited.
 */
import type { Box } from './types';

export type Side = 'left' | 'right';

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * `nodes`: every node's screen box, `selected`: the selected node's; `panel`: the inspector's size,
 * placed `margin` px from the corner of a `viewport`-wide canvas.
 */
export function inspectorSide(
  nodes: readonly Box[],
  selected: Box | null,
  viewport: { width: number },
  panel: { width: number; height: number },
  margin = 8
): Side {
  const area = (side: Side): Box => ({
    x: side === 'right' ? viewport.width - margin - panel.width : margin,
    y: margin,
    width: panel.width,
    height: panel.height
  });
  const cost = (side: Side) => {
    const box = area(side);
    // Covering the node being edited is worse than covering any number of others.
    return (selected && overlaps(box, selected) ? 1000 : 0) + nodes.filter((n) => overlaps(box, n)).length;
  };
  return cost('left') < cost('right') ? 'left' : 'right';
}
