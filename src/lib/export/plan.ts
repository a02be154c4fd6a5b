/**
 * The drawn network as a list of Keras-style layers, shared by the Keras and TF.js exporters.
 *
 * Our semantics: a group with several parents computes z = Σ_p a_p·W_p + b. That is exactly ONE Dense
 * layer applied to the concatenation [a_1, a_2, …] with the kernel rows stacked in the same order, so a
 * group becomes (Concatenate when it has several parents) → Dense → (an activation layer when Keras
 * has no activation string for it) → (Dropout). Kernels are [in, out], like our layout and Keras.
 */
import type { Activation, Feature, ParamLayout } from '../../../workers/protocol';
import type { NetworkDoc, NodeRecord } from '../model/document';
import { topologicalOrder as engineOrder } from '../../../workers/engine';

export interface InputPlan {
  id: string;
  /** the layer / Python variable name */
  name: string;
  label: string;
  units: number;
  features: Feature[];
}

export interface DensePlan {
  id: string;
  name: string;
  label: string;
  units: number;
  activation: Activation;
  /** plan names of the parents, in the order their kernel rows are stacked */
  parents: string[];
  /** set when there are several parents */
  concatName: string | null;
  /** set for activations that are a layer of their own (prelu, leaky_relu, arctan, step) */
  activationName: string | null;
  dropoutName: string | null;
  dropout: number;
  /** fanIn × units, row-major (row i = input unit i of the concatenation) */
  kernel: Float32Array;
  fanIn: number;
  bias: Float32Array;
  /** one slope per unit, for prelu */
  prelu: Float32Array | null;
  /** per-node penalties (add the network-wide ones) */
  l1: number;
  l2: number;
  isOutput: boolean;
}

export interface ExportPlan {
  inputs: InputPlan[];
  /** every non-input node, parents before children */
  layers: DensePlan[];
  /** the output layer's plan */
  output: DensePlan;
}

/** Activations that become a separate layer after a linear Dense. */
export const SEPARATE_ACTIVATIONS: ReadonlySet<Activation> = new Set<Activation>(['prelu', 'leaky_relu', 'arctan', 'step']);

/** Names a Keras script uses for itself; a layer may not take them as its variable name. */
const RESERVED = new Set([
  'np', 'tf', 'keras', 'layers', 'regularizers', 'model', 'make_inputs', 'raw', 'half_sse',
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'print', 'input', 'sum', 'max', 'min',
  // The NumPy and PyTorch scripts: their classes, and nn.Module members a layer attribute would shadow.
  'self', 'super', 'Dense', 'Model', 'predict', 'torch', 'nn', 'F', 'pd', 'csv', 'add_module', 'apply', 'buffers',
  'children', 'compile', 'cpu', 'cuda', 'double', 'eval', 'float', 'forward', 'half', 'load_state_dict', 'modules',
  'parameters', 'register_buffer', 'register_module', 'register_parameter', 'state_dict', 'to', 'train', 'training',
  'type', 'zero_grad'
]);

/** A Python identifier that is also a valid Keras / TF.js layer name. */
export function identifier(text: string): string {
  let name = text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (name === '') name = 'layer';
  if (/^[0-9]/.test(name)) name = `n${name}`;
  if (RESERVED.has(name)) name = `${name}_`;
  return name;
}

function uniqueNamer(): (wanted: string) => string {
  const used = new Set<string>();
  return (wanted) => {
    let name = wanted;
    for (let k = 2; used.has(name) || RESERVED.has(name); k++) name = `${wanted}_${k}`;
    used.add(name);
    return name;
  };
}

/** Nodes in an order where every parent comes first; ties keep the document order. */
function topologicalOrder(doc: NetworkDoc): NodeRecord[] {
  const order = engineOrder(doc.nodes, doc.edges);
  if (order.length < doc.nodes.length) throw new Error('The network has a cycle: fix it before exporting.');
  return order;
}

/**
 * Builds the plan. Throws an Error with a sentence for the person when the layout does not match the
 * document (the network changed since it was compiled) or the parameters are missing.
 */
export function buildPlan(doc: NetworkDoc, layout: ParamLayout, params: Float32Array): ExportPlan {
  if (params.length !== layout.paramCount) {
    throw new Error(`The weights (${params.length} values) do not match the network (${layout.paramCount}): train or reset it, then export.`);
  }
  const groups = new Map(layout.groups.map((g) => [g.id, g]));
  const edgeLayout = new Map(layout.edges.map((e) => [`${e.from}\u0000${e.to}`, e]));
  const name = uniqueNamer();
  const names = new Map<string, string>();
  // Node names first (they are what a reader looks for), auxiliary layer names after.
  for (const node of doc.nodes) names.set(node.id, name(identifier(node.label.trim() || node.id)));

  const inputs: InputPlan[] = [];
  const layers: DensePlan[] = [];
  for (const node of topologicalOrder(doc)) {
    const group = groups.get(node.id);
    if (!group || group.units !== node.units) {
      throw new Error(`Node ${node.label || node.id} is not in the compiled network: let the network recompile, then export.`);
    }
    const nodeName = names.get(node.id)!;
    if (node.kind === 'input') {
      inputs.push({ id: node.id, name: nodeName, label: node.label, units: node.units, features: (node.features ?? []).map((f) => ({ ...f })) });
      continue;
    }
    const incoming = doc.edges.filter((e) => e.to === node.id);
    if (incoming.length === 0) throw new Error(`Node ${node.label || node.id} has no incoming connection: connect it before exporting.`);
    const blocks = incoming.map((e) => {
      const block = edgeLayout.get(`${e.from}\u0000${e.to}`);
      if (!block) throw new Error(`The connection ${e.from} → ${e.to} is not in the compiled network: let it recompile, then export.`);
      return block;
    });
    const fanIn = blocks.reduce((sum, b) => sum + b.fromUnits, 0);
    // Our edge blocks are already [fromUnits, toUnits] row-major: stacking them is concatenating them.
    const kernel = new Float32Array(fanIn * node.units);
    let row = 0;
    for (const b of blocks) {
      kernel.set(params.subarray(b.offset, b.offset + b.fromUnits * b.toUnits), row * node.units);
      row += b.fromUnits;
    }
    const bias = params.slice(group.biasOffset, group.biasOffset + node.units);
    const prelu = node.activation === 'prelu' ? params.slice(group.preluOffset, group.preluOffset + node.units) : null;
    const dropout = node.dropout ?? 0;
    const plan: DensePlan = {
      id: node.id,
      name: nodeName,
      label: node.label,
      units: node.units,
      activation: node.activation,
      parents: incoming.map((e) => names.get(e.from) ?? e.from),
      concatName: incoming.length > 1 ? name(`${nodeName}_concat`) : null,
      activationName: SEPARATE_ACTIVATIONS.has(node.activation) ? name(`${nodeName}_${node.activation}`) : null,
      dropoutName: dropout > 0 && node.kind !== 'output' ? name(`${nodeName}_dropout`) : null,
      dropout,
      kernel,
      fanIn,
      bias,
      prelu,
      l1: node.l1 ?? 0,
      l2: node.l2 ?? 0,
      isOutput: node.kind === 'output'
    };
    layers.push(plan);
  }
  const outputs = layers.filter((l) => l.isOutput);
  if (outputs.length !== 1) throw new Error(`The network needs exactly one output node to export (it has ${outputs.length}).`);
  return { inputs, layers, output: outputs[0] };
}

/** The layer whose output a node's children read: the last of its chain Dense → activation → Dropout. */
export function lastLayerName(layer: DensePlan): string {
  return layer.dropoutName ?? layer.activationName ?? layer.name;
}

/** How one feature is computed from the raw columns, for comments ("x1²" style in Python: x1**2). */
export function featureText(f: Feature, columns: readonly string[]): string {
  const col = (i: number | undefined) => columns[i ?? 0] ?? `x${(i ?? 0) + 1}`;
  switch (f.op) {
    case 'id':
      return col(f.a);
    case 'square':
      return `${col(f.a)}**2`;
    case 'sin':
      return `sin(${col(f.a)})`;
    case 'product':
      return `${col(f.a)}*${col(f.b)}`;
  }
}

/** Column names when the caller gives none: x1, x2, … */
export function defaultColumns(plan: ExportPlan): string[] {
  let max = -1;
  for (const input of plan.inputs) for (const f of input.features) max = Math.max(max, f.a, f.b ?? -1);
  return Array.from({ length: max + 1 }, (_, i) => `x${i + 1}`);
}
