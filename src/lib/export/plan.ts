/**
 * The drawn network as a list of Keras-style layers, shared by the Keras and TF.js exporters.
 *
 * Our semantics: a group with several parents computes z = Σ_p a_p·W_p + b. That is exactly ONE Dense
 * layer applied to the concatenation [a_1, a_2, …] with the kernel rows stacked in the same order, so a
 * group becomes (Concatenate when it has several parents) → Dense → (an activation layer when Keras
 * has no activation string for it) → (Dropout). Kernels are [in, out], like our layout and Keras.
 */
import type { Activation, EdgeLayout, Feature, GroupLayout, ImageShape, LayerSpec, ParamLayout } from '../../../workers/protocol';
import type { NetworkDoc, NodeRecord } from '../model/document';
import { topologicalOrder as engineOrder } from '../../../workers/engine';

export interface InputPlan {
  id: string;
  /** the layer / Python variable name */
  name: string;
  label: string;
  units: number;
  features: Feature[];
  /** image inputs: the shape; their units are the raw columns 0 … h·w·c − 1, row-major HWC */
  image: ImageShape | null;
}

/** One non-input node as the exporters see it: a Dense layer, or a conv2d / pool2d / flatten layer (`layer`). */
export interface DensePlan {
  id: string;
  name: string;
  label: string;
  /** what the layer computes: dense (absent layer), or a conv2d / pool2d / flatten LayerSpec */
  layer: LayerSpec | null;
  /** dense: output units; conv, pool, flatten: the flat output size h·w·c */
  units: number;
  /** conv and pool: the output shape (conv: channels = filters); null for flat outputs */
  shape: ImageShape | null;
  /** conv and pool: the shape of the one parent */
  inputShape: ImageShape | null;
  activation: Activation;
  /** plan names of the parents, in the order their kernel rows are stacked */
  parents: string[];
  /** set when there are several parents */
  concatName: string | null;
  /** set for activations that are a layer of their own (prelu, leaky_relu, arctan, step) */
  activationName: string | null;
  dropoutName: string | null;
  dropout: number;
  /**
   * dense: fanIn × units, row-major (row i = input unit i of the concatenation); conv: Keras' order
   * [k][k][inChannels][filters] with fanIn = k·k·inChannels; empty for pool and flatten
   */
  kernel: Float32Array;
  fanIn: number;
  /** one per unit (dense) or per filter (conv); empty for pool and flatten */
  bias: Float32Array;
  /** one slope per unit (conv: per output position and channel, HWC), for prelu */
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

type Weights = Pick<DensePlan, 'kernel' | 'fanIn' | 'bias'>;

/** A dense group's kernel: our edge blocks are [fromUnits, toUnits] row-major, so stacking them is concatenating. */
function denseWeights(units: number, incoming: NetworkDoc['edges'], edgeLayout: Map<string, EdgeLayout>, params: Float32Array, biasOffset: number): Weights {
  const blocks = incoming.map((e) => {
    const block = edgeLayout.get(`${e.from}\u0000${e.to}`);
    if (!block) throw new Error(`The connection ${e.from} → ${e.to} is not in the compiled network: let it recompile, then export.`);
    return block;
  });
  const fanIn = blocks.reduce((sum, b) => sum + b.fromUnits, 0);
  const kernel = new Float32Array(fanIn * units);
  let row = 0;
  for (const b of blocks) {
    kernel.set(params.subarray(b.offset, b.offset + b.fromUnits * b.toUnits), row * units);
    row += b.fromUnits;
  }
  return { kernel, fanIn, bias: params.slice(biasOffset, biasOffset + units) };
}

/** A conv group's kernel (already in Keras' order) and biases; pool and flatten have none. */
function layerWeights(group: GroupLayout, layer: LayerSpec, params: Float32Array): Weights {
  if (layer.type !== 'conv2d') return { kernel: new Float32Array(0), fanIn: 0, bias: new Float32Array(0) };
  if (group.kernelOffset === undefined || !group.inputShape) throw new Error(`Convolution ${group.id} has no compiled kernel: let the network recompile, then export.`);
  const fanIn = layer.kernelSize * layer.kernelSize * group.inputShape.channels;
  return {
    kernel: params.slice(group.kernelOffset, group.kernelOffset + fanIn * layer.filters),
    fanIn,
    bias: params.slice(group.biasOffset, group.biasOffset + layer.filters)
  };
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
    // Dense nodes store their width; conv, pool, flatten and image input groups infer theirs.
    const inferred = node.kind === 'conv' || node.kind === 'pool' || node.kind === 'flatten' || node.image !== undefined;
    if (!group || (!inferred && group.units !== node.units)) {
      throw new Error(`Node ${node.label || node.id} is not in the compiled network: let the network recompile, then export.`);
    }
    const nodeName = names.get(node.id)!;
    if (node.kind === 'input') {
      const image = node.image ? { ...node.image } : null;
      const features = image ? [] : (node.features ?? []).map((f) => ({ ...f }));
      inputs.push({ id: node.id, name: nodeName, label: node.label, units: group.units, features, image });
      continue;
    }
    const incoming = doc.edges.filter((e) => e.to === node.id);
    if (incoming.length === 0) throw new Error(`Node ${node.label || node.id} has no incoming connection: connect it before exporting.`);
    const parents = incoming.map((e) => names.get(e.from) ?? e.from);
    const layer = group.layer ? { ...group.layer } : null;
    const weights = layer ? layerWeights(group, layer, params) : denseWeights(node.units, incoming, edgeLayout, params, group.biasOffset);
    // Pool and flatten have no activation of their own (the engine compiles them as linear).
    const activation: Activation = layer && layer.type !== 'conv2d' ? 'linear' : node.activation;
    const prelu = activation === 'prelu' ? params.slice(group.preluOffset, group.preluOffset + group.units) : null;
    const dropout = node.dropout ?? 0;
    layers.push({
      id: node.id,
      name: nodeName,
      label: node.label,
      layer,
      units: group.units,
      shape: group.shape ? { ...group.shape } : null,
      inputShape: group.inputShape ? { ...group.inputShape } : null,
      activation,
      parents,
      concatName: incoming.length > 1 ? name(`${nodeName}_concat`) : null,
      activationName: SEPARATE_ACTIVATIONS.has(activation) ? name(`${nodeName}_${activation}`) : null,
      dropoutName: dropout > 0 && node.kind !== 'output' ? name(`${nodeName}_dropout`) : null,
      dropout,
      ...weights,
      prelu,
      l1: node.l1 ?? 0,
      l2: node.l2 ?? 0,
      isOutput: node.kind === 'output'
    });
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
  for (const input of plan.inputs) {
    if (input.image) max = Math.max(max, input.units - 1);
    for (const f of input.features) max = Math.max(max, f.a, f.b ?? -1);
  }
  return Array.from({ length: max + 1 }, (_, i) => `x${i + 1}`);
}

/** 'same' pads as TensorFlow splits them: the odd pixel goes to the end (bottom, right). */
export function samePads(size: number, k: number, stride: number): [number, number] {
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + k - size, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}
