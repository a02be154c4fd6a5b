/** Finding one parameter of the flat buffer from its ParamRef (the layout comes from compile), for the worker and the page. */
import type { EdgeLayout, GroupLayout, ParamLayout, ParamRef } from '../protocol';

export function groupLayout(layout: ParamLayout, id: string): GroupLayout | undefined {
  return layout.groups.find((g) => g.id === id);
}

export function edgeLayout(layout: ParamLayout, from: string, to: string): EdgeLayout | undefined {
  return layout.edges.find((e) => e.from === from && e.to === to);
}

/** Index of the parameter in the flat buffer, or -1 when the layout has no such parameter. */
export function paramIndex(layout: ParamLayout, ref: ParamRef): number {
  if (ref.kind === 'weight') {
    const e = edgeLayout(layout, ref.from, ref.to);
    if (!e || ref.i < 0 || ref.i >= e.fromUnits || ref.j < 0 || ref.j >= e.toUnits) return -1;
    return e.offset + ref.i * e.toUnits + ref.j;
  }
  const g = groupLayout(layout, ref.group);
  if (!g || ref.j < 0 || ref.j >= g.units) return -1;
  const base = ref.kind === 'bias' ? g.biasOffset : g.preluOffset;
  return base < 0 ? -1 : base + ref.j;
}

/** The unit's index in per-unit arrays (heat-maps, traces), or -1. */
export function unitIndex(layout: ParamLayout, group: string, j: number): number {
  const g = groupLayout(layout, group);
  return g && j >= 0 && j < g.units ? g.unitOffset + j : -1;
}
