/**
 * The hover text of the canvas: a weight's value, and a neuron's formula with the current numbers plugged in,
 * e.g. `a = tanh(0.73·x1 + -0.21·x2 + 0.10) = 0.61`. Pure: given the document, the layout, the parameters and
 * (optionally) every unit's output at one input point, so it re-runs on each snapshot while hovered.
 */
import type { ParamLayout, ParamRef } from '../../../workers/protocol';
import { nodeName } from '../model/apply';
import type { NetworkDoc } from '../model/document';
import { groupLayout, paramIndex, unitIndex } from '../../../workers/engine';

/** Fan-in beyond this is summarised, so a 784-input neuron's formula still fits a tooltip. */
export const MAX_TERMS = 6;

export function fmt(v: number, digits = 2): string {
  if (!Number.isFinite(v)) return String(v);
  const s = v.toFixed(digits);
  // "-0.00" reads as a sign error; a value that rounds to zero is shown as zero.
  return Number(s) === 0 ? (0).toFixed(digits) : s;
}

/** How a unit is named: its node's name, with [j] (1-based, like x1 and x2) when the node has several units. */
export function unitName(doc: NetworkDoc, nodeId: string, j: number): string {
  const node = doc.nodes.find((n) => n.id === nodeId);
  const name = nodeName(doc, nodeId);
  return node && node.units > 1 ? `${name}[${j + 1}]` : name;
}

/** Every unit's output at grid point (gx, gy) of a snapshot's unitGrids (gy = 0 is the top row). */
export function unitValuesAt(unitGrids: Float32Array, unitCount: number, size: number, gx: number, gy: number): Float32Array {
  const out = new Float32Array(unitCount);
  const cell = gy * size + gx;
  for (let u = 0; u < unitCount; u++) out[u] = unitGrids[u * size * size + cell];
  return out;
}

/** The grid point under a place (u, v) ∈ [0, 1]² of a heat-map. */
export function gridPoint(u: number, v: number, size: number): { gx: number; gy: number } {
  const clamp = (t: number) => Math.min(size - 1, Math.max(0, Math.floor(t * size)));
  return { gx: clamp(u), gy: clamp(v) };
}

export function paramValueText(
  doc: NetworkDoc,
  layout: ParamLayout,
  params: Float32Array,
  ref: ParamRef,
  frozen?: Uint8Array
): string {
  const index = paramIndex(layout, ref);
  if (index < 0) return '';
  const value = `${fmt(params[index], 3)}${frozen && frozen[index] ? ' (frozen)' : ''}`;
  if (ref.kind === 'weight') return `w(${unitName(doc, ref.from, ref.i)} → ${unitName(doc, ref.to, ref.j)}) = ${value}`;
  const prefix = ref.kind === 'bias' ? 'b' : 'α';
  return `${prefix}(${unitName(doc, ref.group, ref.j)}) = ${value}`;
}

function wrap(activation: string, inner: string, j: number, alpha: number): string {
  switch (activation) {
    case 'linear':
      return inner;
    case 'softmax':
      return `softmax(${inner})[${j + 1}]`;
    case 'prelu':
      return `prelu(${inner}; α=${fmt(alpha)})`;
    default:
      return `${activation}(${inner})`;
  }
}

/**
 * The lines explaining unit j of node `nodeId`:
 *   a = tanh(0.73·x1 + -0.21·x2 + 0.10) = 0.61
 *   z = 0.73·0.50 + -0.21·-1.00 + 0.10 = 0.71
 * The second line, and the value, need `values` (every unit's output at one point); without them only the first.
 */
export function unitFormula(
  doc: NetworkDoc,
  layout: ParamLayout,
  params: Float32Array,
  values: ArrayLike<number> | null,
  nodeId: string,
  j: number
): string[] {
  const node = doc.nodes.find((n) => n.id === nodeId);
  const group = groupLayout(layout, nodeId);
  if (!node || !group) return [];
  const own = unitIndex(layout, nodeId, j);
  const name = unitName(doc, nodeId, j);
  if (node.kind === 'input') return [values ? `${name} = ${fmt(values[own])}` : name];

  const symbolic: string[] = [];
  const numeric: string[] = [];
  let z = 0;
  let count = 0;
  for (const e of layout.edges) {
    if (e.to !== nodeId) continue;
    for (let i = 0; i < e.fromUnits; i++) {
      const w = params[e.offset + i * e.toUnits + j];
      const x = values ? values[unitIndex(layout, e.from, i)] : 0;
      z += w * x;
      if (count < MAX_TERMS) {
        symbolic.push(`${fmt(w)}·${unitName(doc, e.from, i)}`);
        numeric.push(`${fmt(w)}·${fmt(x)}`);
      }
      count++;
    }
  }
  const bias = group.biasOffset >= 0 ? params[group.biasOffset + j] : 0;
  z += bias;
  const more = count > MAX_TERMS ? [`… (${count - MAX_TERMS} more)`] : [];
  const sum = (terms: string[]) => [...terms, ...more, fmt(bias)].join(' + ');
  const alpha = group.preluOffset >= 0 ? params[group.preluOffset + j] : 0;
  const value = values ? ` = ${fmt(values[own])}` : '';
  const lines = [`${name}: a = ${wrap(node.activation, sum(symbolic), j, alpha)}${value}`];
  // z over a summarised fan-in would be a sum of hidden terms; only show it when every term is listed.
  if (values && count <= MAX_TERMS) lines.push(`z = ${sum(numeric)} = ${fmt(z)}`);
  return lines;
}

/** Everything the tooltip says about a parameter: its value, then the formula of the unit it feeds. */
export function paramHoverLines(
  doc: NetworkDoc,
  layout: ParamLayout,
  params: Float32Array,
  values: ArrayLike<number> | null,
  ref: ParamRef,
  frozen?: Uint8Array
): string[] {
  const head = paramValueText(doc, layout, params, ref, frozen);
  if (!head) return [];
  const [node, j] = ref.kind === 'weight' ? [ref.to, ref.j] : [ref.group, ref.j];
  return [head, ...unitFormula(doc, layout, params, values, node, j)];
}

/** A whole wire, when its links are too many (or too small) to tell apart. */
export function edgeSummary(doc: NetworkDoc, layout: ParamLayout, params: Float32Array, from: string, to: string): string {
  const e = layout.edges.find((x) => x.from === from && x.to === to);
  const names = `${nodeName(doc, from)} → ${nodeName(doc, to)}`;
  if (!e) return names;
  const n = e.fromUnits * e.toUnits;
  let sum = 0;
  for (let k = 0; k < n; k++) sum += Math.abs(params[e.offset + k]);
  return `${names}: ${n} weight${n === 1 ? '' : 's'}, mean |w| = ${fmt(n > 0 ? sum / n : 0, 3)}`;
}
