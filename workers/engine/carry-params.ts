/**
 * After an edit recompiles the network, keep what was learned: every weight and bias whose
 * (edge, i, j) or (group, j) still exists is copied from the old parameters into the new ones.
 * New units and wires keep their fresh initial values. The same mapping carries the frozen mask. Pure.
 */
import type { GroupLayout, ParamLayout } from '../protocol';

/** Biases of a group: one per filter for conv, one per unit otherwise. */
const biasCount = (g: GroupLayout): number => (g.layer?.type === 'conv2d' ? g.layer.filters : g.units);

/** A conv kernel of the same size over the same input channels keeps the filters both versions have. */
function carryKernel(old: GroupLayout, oldParams: Float32Array | Uint8Array, group: GroupLayout, newParams: Float32Array | Uint8Array): number {
  const a = old.layer;
  const b = group.layer;
  if (a?.type !== 'conv2d' || b?.type !== 'conv2d' || old.kernelOffset === undefined || group.kernelOffset === undefined) return 0;
  const channels = group.inputShape?.channels;
  if (a.kernelSize !== b.kernelSize || channels === undefined || old.inputShape?.channels !== channels) return 0;
  const rows = b.kernelSize * b.kernelSize * channels;
  const filters = Math.min(a.filters, b.filters);
  for (let r = 0; r < rows; r++) {
    for (let f = 0; f < filters; f++) newParams[group.kernelOffset + r * b.filters + f] = oldParams[old.kernelOffset + r * a.filters + f];
  }
  return rows * filters;
}

export function carryParams(
  oldLayout: ParamLayout,
  oldParams: Float32Array | Uint8Array,
  newLayout: ParamLayout,
  newParams: Float32Array | Uint8Array
): number {
  let copied = 0;
  for (const edge of newLayout.edges) {
    const old = oldLayout.edges.find((e) => e.from === edge.from && e.to === edge.to);
    if (!old) continue;
    const rows = Math.min(old.fromUnits, edge.fromUnits);
    const cols = Math.min(old.toUnits, edge.toUnits);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        newParams[edge.offset + i * edge.toUnits + j] = oldParams[old.offset + i * old.toUnits + j];
        copied++;
      }
    }
  }
  for (const group of newLayout.groups) {
    const old = oldLayout.groups.find((g) => g.id === group.id);
    if (!old) continue;
    copied += carryKernel(old, oldParams, group, newParams);
    for (const key of ['biasOffset', 'preluOffset'] as const) {
      if (group[key] < 0 || old[key] < 0) continue;
      const units = key === 'biasOffset' ? Math.min(biasCount(old), biasCount(group)) : Math.min(old.units, group.units);
      for (let j = 0; j < units; j++) {
        newParams[group[key] + j] = oldParams[old[key] + j];
        copied++;
      }
    }
  }
  return copied;
}
