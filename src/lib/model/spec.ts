/**
 * Compile-to-spec: the document as the engine sees it. Groups keep the order of doc.nodes, so the
 * input features reach the engine as the input nodes' features concatenated in document order
 * (not sorted by position on the canvas: moving a node must not reorder the network's inputs).
 */
import type { GroupKind, GroupSpec, LayerSpec, NetworkSpec } from '../../../workers/protocol';
import { inferShapes } from '../../../workers/engine';
import type { NetworkDoc, NodeKind, NodeRecord } from './document';

const GROUP_KIND: Record<NodeKind, GroupKind> = { input: 'input', dense: 'hidden', output: 'output', conv: 'hidden', pool: 'hidden', flatten: 'hidden' };

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
      if (node.kind === 'input') {
        if (node.image) group.image = { ...node.image };
        else group.features = (node.features ?? []).map((f) => ({ ...f }));
      } else {
        const layer = layerOf(node);
        if (layer) {
          group.layer = layer;
          // Pool and flatten have no activation of their own.
          if (layer.type !== 'conv2d') group.activation = 'linear';
        }
        if (node.dropout !== undefined && node.dropout > 0) group.dropout = node.dropout;
        if (node.l1 !== undefined && node.l1 > 0) group.l1 = node.l1;
        if (node.l2 !== undefined && node.l2 > 0) group.l2 = node.l2;
      }
      return group;
    }),
    edges: doc.edges.map((e) => ({ from: e.from, to: e.to }))
  };
}

/** The engine's LayerSpec of a conv, pool or flatten node; undefined for dense, input and output nodes. */
export function layerOf(node: NodeRecord): LayerSpec | undefined {
  if (node.kind === 'conv') {
    const c = node.conv ?? { filters: node.units, kernelSize: 3, stride: 1, padding: 'valid' as const };
    return { type: 'conv2d', filters: c.filters, kernelSize: c.kernelSize, stride: c.stride, padding: c.padding };
  }
  if (node.kind === 'pool') {
    const p = node.pool ?? { mode: 'max' as const, poolSize: 2, stride: 2 };
    return { type: 'pool2d', mode: p.mode, poolSize: p.poolSize, stride: p.stride };
  }
  if (node.kind === 'flatten') return { type: 'flatten' };
  return undefined;
}

export interface ParamCounts {
  /** Keras-style parameter count of each node: incoming weights + biases (+ one slope per unit for PReLU) */
  perNode: Record<string, number>;
  total: number;
}

/**
 * Parameter counts as the engine lays them out (the engine's inferShapes, Keras' formulas): Dense(n)
 * with k inputs has k·n + n; conv k×k with c input channels and f filters has k·k·c·f + f; PReLU adds
 * one slope per unit; pool and flatten have none.
 */
export function paramCounts(doc: NetworkDoc): ParamCounts {
  const { params } = inferShapes(toSpec(doc));
  const perNode: Record<string, number> = {};
  for (const node of doc.nodes) perNode[node.id] = params[node.id] ?? 0;
  const total = Object.values(perNode).reduce((a, b) => a + b, 0);
  return { perNode, total };
}
