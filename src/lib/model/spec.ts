/**
 * Compile-to-spec: the document as the engine sees it. Groups keep the order of doc.nodes, so the
 * input features reach the engine as the input nodes' features concatenated in document order
 * (not sorted by position on the canvas: moving a node must not reorder the network's inputs).
 */
import type { GroupKind, GroupSpec, NetworkSpec } from '../../../workers/protocol';
import type { NetworkDoc, NodeKind } from './document';

const GROUP_KIND: Record<NodeKind, GroupKind> = { input: 'input', dense: 'hidden', output: 'output' };

/** Run validate(doc) first: toSpec copies the document as it is, problems included. */
export function toSpec(doc: NetworkDoc): NetworkSpec {
  return {
    groups: doc.nodes.map((node) => {
      const group: GroupSpec = {
        id: node.id,
        name: node.label.trim() !== '' ? node.label : node.id,
        kind: GROUP_KIND[node.kind],
        units: node.units,
        activation: node.activation
      };
      if (node.kind === 'input') group.features = (node.features ?? []).map((f) => ({ ...f }));
      else {
        if (node.dropout !== undefined && node.dropout > 0) group.dropout = node.dropout;
        if (node.l1 !== undefined && node.l1 > 0) group.l1 = node.l1;
        if (node.l2 !== undefined && node.l2 > 0) group.l2 = node.l2;
      }
      return group;
    }),
    edges: doc.edges.map((e) => ({ from: e.from, to: e.to }))
  };
}

export interface ParamCounts {
  /** Keras-style parameter count of each node: incoming weights + biases (+ one slope per unit for PReLU) */
  perNode: Record<string, number>;
  total: number;
}

/** Parameter counts as the engine lays them out: Dense(n) with k inputs has k·n + n; PReLU adds n. */
export function paramCounts(doc: NetworkDoc): ParamCounts {
  const units = new Map(doc.nodes.map((n) => [n.id, n.units]));
  const perNode: Record<string, number> = {};
  for (const node of doc.nodes) {
    perNode[node.id] = node.kind === 'input' ? 0 : node.units + (node.activation === 'prelu' ? node.units : 0);
  }
  for (const edge of doc.edges) {
    const from = units.get(edge.from);
    if (from !== undefined && edge.to in perNode) perNode[edge.to] += from * units.get(edge.to)!;
  }
  const total = Object.values(perNode).reduce((a, b) => a + b, 0);
  return { perNode, total };
}
