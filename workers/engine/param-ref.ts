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
  // A conv group has one bias per filter (its units are every pixel of every filter).
  const count = ref.kind === 'bias' && g?.layer?.type === 'conv2d' ? g.layer.filters : g?.units;
  if (!g || count === undefined || ref.j < 0 || ref.j >= count) return -1;
  const base = ref.kind === 'bias' ? g.biasOffset : g.preluOffset;
  return base < 0 ? -1 : base + ref.j;
}

/**
 * Index of one weight of a conv group's kernel (row ky, column kx, input channel c, filter f; Keras'
 * order), or -1. Views read filters with it; freezing one goes through setParams' frozen mask.
 */
export function kernelIndex(layout: ParamLayout, group: string, ky: number, kx: number, c: number, f: number): number {
  const g = groupLayout(layout, group);
  if (!g || g.layer?.type !== 'conv2d' || g.kernelOffset === undefined || !g.inputShape) return -1;
  const { kernelSize: k, filters } = g.layer;
  const inside = (v: number, n: number) => Number.isInteger(v) && v >= 0 && v < n;
  if (!inside(ky, k) || !inside(kx, k) || !inside(c, g.inputShape.channels) || !inside(f, filters)) return -1;
  return g.kernelOffset + ((ky * k + kx) * g.inputShape.channels + c) * filters + f;
}

/** The unit's index in per-unit arrays (heat-maps, traces), or -1. */
export function unitIndex(layout: ParamLayout, group: string, j: number): number {
  const g = groupLayout(layout, group);
  return g && j >= 0 && j < g.units ? g.unitOffset + j : -1;
}
