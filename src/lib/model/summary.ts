/** The model summary table, in the style of Keras's model.summary(). */
import type { Activation } from '../../../workers/protocol';
import type { NetworkDoc } from './document';
import { predecessors, topologicalOrder } from './graph';
import { paramCounts } from './spec';

export interface SummaryRow {
  nodeId: string;
  /** the node's own label, for display beside the Keras name */
  label: string;
  /** Keras-style name and class, e.g. 'dense_1 (Dense)' or 'input_1 (InputLayer)' */
  layer: string;
  units: number;
  activation: Activation | null;
  /** e.g. '(None, 4)' */
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
  let inputs = 0;
  let dense = 0;
  for (const id of order) names.set(id, byId.get(id)!.kind === 'input' ? `input_${++inputs}` : `dense_${++dense}`);

  const into = predecessors(doc);
  const rows = order.map((id): SummaryRow => {
    const node = byId.get(id)!;
    const isInput = node.kind === 'input';
    return {
      nodeId: id,
      label: node.label,
      layer: `${names.get(id)} (${isInput ? 'InputLayer' : 'Dense'})`,
      units: node.units,
      activation: isInput ? null : node.activation,
      outputShape: `(None, ${node.units})`,
      params: counts.perNode[id] ?? 0,
      connectedTo: (into.get(id) ?? []).map((from) => names.get(from)!)
    };
  });
  const nonTrainable = Math.max(0, Math.min(counts.total, Math.trunc(frozenCount)));
  return { rows, total: counts.total, trainable: counts.total - nonTrainable, nonTrainable };
}
