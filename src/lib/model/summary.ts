/** The model summary table, in the style of Keras's model.summary(). */
import { inferShapes } from '../../../workers/engine';
import type { Activation } from '../../../workers/protocol';
import type { NetworkDoc, NodeRecord } from './document';
import { predecessors, topologicalOrder } from './graph';
import { paramCounts, toSpec } from './spec';

export interface SummaryRow {
  nodeId: string;
  /** the node's own label, for display beside the Keras name */
  label: string;
  /** Keras-style name and class, e.g. 'dense_1 (Dense)' or 'input_1 (InputLayer)' */
  layer: string;
  units: number;
  activation: Activation | null;
  /** e.g. '(None, 4)', or '(None, 24, 24, 8)' for image groups (height, width, channels) */
  outputShape: string;
  params: number;
  /** Keras names (e.g. 'dense_1') of the layers feeding this one, in wiring order */
  connectedTo: string[];
}

export interface ModelSummary {
  rows: SummaryRow[];
  total: number;
  trainable: number;
  nonTrainable: number;
}

/**
 * Rows in topological order (ties in document order; nodes on a cycle, if any, at the end).
 * `frozenCount` is the number of frozen parameters, as reported by the engine; they are the non-trainable ones.
 */
export function modelSummary(doc: NetworkDoc, frozenCount = 0): ModelSummary {
  const counts = paramCounts(doc);
  const order = topologicalOrder(doc);
  const placed = new Set(order);
  for (const node of doc.nodes) if (!placed.has(node.id)) order.push(node.id);

  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const names = new Map<string, string>();
  const classes = new Map<string, string>();
  // Keras numbers each layer class on its own: conv2d_1, conv2d_2, max_pooling2d_1, …
  const counters = new Map<string, number>();
  for (const id of order) {
    const [name, cls] = kerasLayer(byId.get(id)!);
    const n = (counters.get(name) ?? 0) + 1;
    counters.set(name, n);
    names.set(id, `${name}_${n}`);
    classes.set(id, cls);
  }

  const shapes = inferShapes(toSpec(doc));
  const into = predecessors(doc);
  const rows = order.map((id): SummaryRow => {
    const node = byId.get(id)!;
    const hasActivation = node.kind === 'dense' || node.kind === 'output' || node.kind === 'conv';
    const image = shapes.shapes[id];
    const units = shapes.units[id] ?? node.units;
    return {
      nodeId: id,
      label: node.label,
      layer: `${names.get(id)} (${classes.get(id)})`,
      units,
      activation: hasActivation ? node.activation : null,
      outputShape: image ? `(None, ${image.height}, ${image.width}, ${image.channels})` : `(None, ${units})`,
      params: counts.perNode[id] ?? 0,
      connectedTo: (into.get(id) ?? []).map((from) => names.get(from)!)
    };
  });
  const nonTrainable = Math.max(0, Math.min(counts.total, Math.trunc(frozenCount)));
  return { rows, total: counts.total, trainable: counts.total - nonTrainable, nonTrainable };
}

/** Keras' layer name stem and class for a node. */
function kerasLayer(node: NodeRecord): [string, string] {
  switch (node.kind) {
    case 'input':
      return ['input', 'InputLayer'];
    case 'conv':
      return ['conv2d', 'Conv2D'];
    case 'pool':
      return node.pool?.mode === 'avg' ? ['average_pooling2d', 'AveragePooling2D'] : ['max_pooling2d', 'MaxPooling2D'];
    case 'flatten':
      return ['flatten', 'Flatten'];
    default:
      return ['dense', 'Dense'];
  }
}
