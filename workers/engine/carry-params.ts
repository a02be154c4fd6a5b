/**
 * After an edit recompiles the network, keep what was learned: every weight and bias whose
 * (edge, i, j) or (group, j) still exists is copied from the old parameters into the new ones.
 * New units and wires keep their fresh initial values. The same mapping carries the frozen mask. Pure.
 */
import type { ParamLayout } from '../protocol';

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
    const units = Math.min(old.units, group.units);
    for (const key of ['biasOffset', 'preluOffset'] as const) {
      if (group[key] < 0 || old[key] < 0) continue;
      for (let j = 0; j < units; j++) {
        newParams[group[key] + j] = oldParams[old[key] + j];
        copied++;
      }
    }
  }
  return copied;
}
