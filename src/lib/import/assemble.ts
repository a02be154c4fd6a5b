/**
 * Drafts (convert.ts) → the NetworkDoc laid out left to right, checked like any document, then the
 * trained parameters in the engine's own flat layout (compile's ParamLayout, through the engine's door).
 * Weights are read only after the network is known to fit Axon's limits.
 */
import type { ParamLayout } from '../../../workers/protocol';
import { compile, SpecError } from '../../../workers/engine';
import { layoutColumns } from '../model/build';
import type { EdgeRecord, NetworkDoc, NodeRecord } from '../model/document';
import { toSpec } from '../model/spec';
import { validate } from '../model/validate';
import type { Converted } from './convert';
import type { GroupDraft, KernelPiece } from './drafts';
import { ModelImportError } from './errors';
import { takeWeight, type WeightMap } from './weights';

/** The document and its engine layout, checked, before any weight is read. */
export interface BuiltDoc {
  doc: NetworkDoc;
  layout: ParamLayout;
  notes: string[];
  groups: GroupDraft[];
  nodes: Map<number, NodeRecord>;
}

export interface Assembled {
  doc: NetworkDoc;
  layout: ParamLayout;
  params: Float32Array;
  notes: string[];
}

/** Groups from which the output can be reached (a branch that leads nowhere is left out, and said so). */
function live(converted: Converted): Set<number> {
  const keep = new Set<number>([converted.output]);
  for (let i = converted.groups.length - 1; i >= 0; i--) {
    if (!keep.has(i)) continue;
    for (const edge of converted.groups[i].edges) keep.add(edge.from);
  }
  return keep;
}

function nodeId(group: GroupDraft, counters: Record<string, number>): string {
  if (group.kind === 'output') return 'out';
  const prefix = group.kind === 'input' ? 'in' : 'h';
  counters[prefix] = (counters[prefix] ?? 0) + 1;
  return `${prefix}${counters[prefix]}`;
}

/** Columns by depth: each group one column right of its deepest parent. */
function columns(groups: GroupDraft[], nodes: Map<number, NodeRecord>): NodeRecord[][] {
  const depth = new Map<number, number>();
  const out: NodeRecord[][] = [];
  for (const g of groups) {
    const node = nodes.get(g.key);
    if (!node) continue;
    const d = g.edges.length === 0 ? 0 : 1 + Math.max(...g.edges.map((e) => depth.get(e.from) ?? 0));
    depth.set(g.key, d);
    (out[d] ??= []).push(node);
  }
  return out.filter((column) => column !== undefined);
}

/** Lays the groups out as a document and checks it like any document (limits included) and with compile. */
export function buildDoc(converted: Converted, file: string): BuiltDoc {
  const notes = [...converted.notes];
  const keep = live(converted);
  const dropped = converted.groups.filter((g) => !keep.has(g.key));
  if (dropped.length) notes.push(`Left out, as they do not lead to the output: ${dropped.map((g) => `'${g.label}'`).join(', ')}.`);
  const groups = converted.groups.filter((g) => keep.has(g.key));

  const counters: Record<string, number> = {};
  const nodes = new Map<number, NodeRecord>();
  for (const g of groups) {
    const node: NodeRecord = { id: nodeId(g, counters), kind: g.kind, label: g.label, x: 0, y: 0, units: g.units, activation: g.activation };
    if (g.features) node.features = g.features.map((f) => ({ ...f }));
    if (g.dropout > 0) node.dropout = g.dropout;
    if (g.l1 > 0) node.l1 = g.l1;
    if (g.l2 > 0) node.l2 = g.l2;
    if (g.conv) node.conv = { ...g.conv };
    if (g.pool) node.pool = { ...g.pool };
    if (g.image) node.image = { ...g.image };
    nodes.set(g.key, node);
  }
  layoutColumns(columns(groups, nodes));
  const edges: EdgeRecord[] = [];
  for (const g of groups) {
    for (const e of g.edges) edges.push({ id: `e${edges.length + 1}`, from: nodes.get(e.from)!.id, to: nodes.get(g.key)!.id });
  }
  // Document order: parents before children (the engine's input order is the input nodes' document order).
  const doc: NetworkDoc = { nodes: groups.map((g) => nodes.get(g.key)!), edges };

  const problems = validate(doc);
  if (problems.length) {
    throw new ModelImportError(`${file}: the model cannot be opened in Axon: ${problems.slice(0, 3).map((p) => p.message).join(' ')}`);
  }
  let layout: ParamLayout;
  try {
    layout = compile(toSpec(doc)).layout;
  } catch (error) {
    if (error instanceof SpecError) throw new ModelImportError(`${file}: the model cannot be opened in Axon: ${error.problems.join(' ')}`);
    throw error;
  }
  return { doc, layout, notes, groups, nodes };
}

/** The document with its parameters read from `weights` (each missing or misshapen weight refused). */
export function withWeights(built: BuiltDoc, weights: WeightMap, file: string): Assembled {
  return { doc: built.doc, layout: built.layout, notes: built.notes, params: fillParams(built, weights, file) };
}

function fillParams({ groups, nodes, layout }: BuiltDoc, weights: WeightMap, file: string): Float32Array {
  const params = new Float32Array(layout.paramCount);
  const cache = new Map<string, Float32Array>();
  const take = (layer: string, param: string, shape: number[]) => {
    const key = `${layer}/${param}`;
    let values = cache.get(key);
    if (!values) cache.set(key, (values = takeWeight(weights, layer, param, shape, file)));
    return values;
  };
  const groupLayout = new Map(layout.groups.map((g) => [g.id, g]));
  const edgeLayout = new Map(layout.edges.map((e) => [`${e.from}\u0000${e.to}`, e]));
  for (const g of groups) {
    const id = nodes.get(g.key)!.id;
    const gl = groupLayout.get(id)!;
    for (const e of g.edges) {
      for (const piece of e.pieces) {
        if (piece.kind === 'conv') {
          // Keras and Axon both lay a conv kernel out as [kh][kw][in channels][filters].
          const k = piece.kernelSize;
          params.set(take(piece.layer, piece.param, [k, k, gl.inputShape!.channels, piece.filters]), gl.kernelOffset!);
          continue;
        }
        const el = edgeLayout.get(`${nodes.get(e.from)!.id}\u0000${id}`)!;
        const block = params.subarray(el.offset, el.offset + el.fromUnits * el.toUnits);
        // A wire made of one slice is a copy of those kernel rows (the common case, and much faster than adding).
        if (e.pieces.length === 1 && piece.kind === 'slice') {
          const start = piece.rowStart * el.toUnits;
          block.set(take(piece.layer, piece.param, piece.shape).subarray(start, start + block.length));
        } else addPiece(block, piece, el.fromUnits, el.toUnits, take);
      }
    }
    if (g.bias) params.set(take(g.bias.layer, g.bias.param, [g.units]), gl.biasOffset);
    if (g.prelu) params.set(take(g.prelu.layer, g.prelu.param, [g.units]), gl.preluOffset);
  }
  return params;
}

/** Adds one dense kernel piece into a [rows × cols] row-major block (float32 adds, as the model's own sum would). */
function addPiece(
  block: Float32Array,
  piece: Exclude<KernelPiece, { kind: 'conv' }>,
  rows: number,
  cols: number,
  take: (layer: string, param: string, shape: number[]) => Float32Array
): void {
  if (piece.kind === 'identity') {
    for (let i = 0; i < rows; i++) block[i * cols + piece.column + i] += 1;
    return;
  }
  const kernel = take(piece.layer, piece.param, piece.shape);
  const start = piece.rowStart * cols;
  for (let k = 0; k < rows * cols; k++) block[k] += kernel[start + k];
}
