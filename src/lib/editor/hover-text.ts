/**
 * The tooltip of whatever is under the pointer, recomputed from the latest snapshot each time one arrives,
 * so a hovered value stays live. A neuron's heat-map is evaluated at the hovered grid point; a link at the
 * last grid point hovered (the "sample"), or the grid's centre.
 */
import type { ParamLayout } from '../../../workers/protocol';
import { nodeName } from '../model/apply';
import type { NetworkDoc } from '../model/document';
import { edgeSummary, gridPoint, paramHoverLines, unitFormula, unitName, unitValuesAt } from './formula';
import type { HitTarget } from './hit-test';

export interface LiveValues {
  params: Float32Array;
  frozen: Uint8Array;
  unitGrids: Float32Array;
  /** points per side of the heat-map grid */
  gridSize: number;
}

export interface HoverText {
  lines: string[];
  /** the grid point the numbers were taken at, to remember as the sample for links */
  sample: { gx: number; gy: number } | null;
}

export function hoverText(
  doc: NetworkDoc,
  layout: ParamLayout | null,
  live: LiveValues | null,
  target: HitTarget | null,
  sample: { gx: number; gy: number } | null
): HoverText {
  if (!target) return { lines: [], sample: null };
  const ready = layout !== null && live !== null && layout.paramCount === live.params.length;
  const valuesAt = (p: { gx: number; gy: number }) =>
    ready ? unitValuesAt(live.unitGrids, layout.unitCount, live.gridSize, p.gx, p.gy) : null;
  const centre = live ? { gx: Math.floor(live.gridSize / 2), gy: Math.floor(live.gridSize / 2) } : null;

  switch (target.kind) {
    case 'port':
      return { lines: [`${nodeName(doc, target.nodeId)}: drag from here to wire`], sample: null };
    case 'unit': {
      if (!ready) return { lines: [unitName(doc, target.nodeId, target.j)], sample: null };
      const point = gridPoint(target.u, target.v, live.gridSize);
      return { lines: unitFormula(doc, layout, live.params, valuesAt(point), target.nodeId, target.j), sample: point };
    }
    case 'link': {
      const ref = { kind: 'weight' as const, from: target.from, to: target.to, i: target.i, j: target.j };
      if (!ready) return { lines: [`w(${unitName(doc, target.from, target.i)} → ${unitName(doc, target.to, target.j)})`], sample: null };
      const point = sample ?? centre!;
      const lines = paramHoverLines(doc, layout, live.params, valuesAt(point), ref, live.frozen);
      return { lines: [...lines, 'click to edit or freeze'], sample: point };
    }
    case 'edge': {
      const edge = doc.edges.find((e) => e.id === target.edgeId);
      if (!edge) return { lines: [], sample: null };
      if (!ready) return { lines: [`${nodeName(doc, edge.from)} → ${nodeName(doc, edge.to)}`], sample: null };
      return { lines: [edgeSummary(doc, layout, live.params, edge.from, edge.to)], sample: null };
    }
    case 'node': {
      const node = doc.nodes.find((n) => n.id === target.nodeId);
      if (!node) return { lines: [], sample: null };
      const group = layout?.groups.find((g) => g.id === node.id);
      const kind = node.kind === 'input' ? 'input' : `${node.activation}`;
      const params = group && node.kind !== 'input' ? `, ${group.paramCount} params` : '';
      return { lines: [`${nodeName(doc, node.id)}: ${node.units} unit${node.units === 1 ? '' : 's'}, ${kind}${params}`], sample: null };
    }
  }
}
