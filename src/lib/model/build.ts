/**
 * Builds the layered networks people start from: inputs in a left column, each hidden group a column,
 * the output on the right, every consecutive pair of columns densely wired.
 */
import type { Activation, Feature } from '../../../workers/protocol';
import type { EdgeRecord, NetworkDoc, NodeRecord } from './document';
import { nodeSize } from './geometry';
import { newId } from './ids';

export interface StackSpec {
  inputs: { label: string; features: Feature[] }[];
  hidden: { units: number; activation: Activation }[];
  output: { units: number; activation: Activation };
}

/** horizontal distance between the left sides of two columns */
export const COLUMN_SPACING = 220;
/** vertical gap between two nodes in one column */
export const ROW_GAP = 24;

export function buildStack(spec: StackSpec): NetworkDoc {
  const taken = new Set<string>();
  const make = (prefix: string, fields: Omit<NodeRecord, 'id' | 'x' | 'y'>): NodeRecord => {
    const id = newId(prefix, taken);
    taken.add(id);
    return { id, x: 0, y: 0, ...fields };
  };

  const columns: NodeRecord[][] = [
    spec.inputs.map((input) =>
      make('in', {
        kind: 'input',
        label: input.label,
        units: input.features.length,
        activation: 'linear',
        features: input.features.map((f) => ({ ...f }))
      })
    ),
    ...spec.hidden.map((layer) => {
      const node = make('h', { kind: 'dense', label: '', units: layer.units, activation: layer.activation });
      node.label = node.id;
      return [node];
    }),
    [make('out', { kind: 'output', label: 'out', units: spec.output.units, activation: spec.output.activation })]
  ];

  layoutColumns(columns);

  const edges: EdgeRecord[] = [];
  const edgeIds = new Set<string>();
  for (let c = 1; c < columns.length; c++) {
    for (const from of columns[c - 1]) {
      for (const to of columns[c]) {
        const id = newId('e', edgeIds);
        edgeIds.add(id);
        edges.push({ id, from: from.id, to: to.id });
      }
    }
  }
  return { nodes: columns.flat(), edges };
}

/** Places columns COLUMN_SPACING apart, each centred on the middle of the tallest column (whose top is y = 0). */
export function layoutColumns(columns: NodeRecord[][]): void {
  const heights = columns.map(
    (column) => column.reduce((sum, node) => sum + nodeSize(node).height, 0) + ROW_GAP * Math.max(0, column.length - 1)
  );
  const middle = Math.max(0, ...heights) / 2;
  columns.forEach((column, c) => {
    let y = middle - heights[c] / 2;
    for (const node of column) {
      node.x = c * COLUMN_SPACING;
      node.y = y;
      y += nodeSize(node).height + ROW_GAP;
    }
  });
}

/** The reference tool's starting network: x1, x2 → 4 tanh → 2 tanh → 1 sigmoid. */
export function defaultClassificationDoc(): NetworkDoc {
  return buildStack({
    inputs: [
      { label: 'x1', features: [{ op: 'id', a: 0 }] },
      { label: 'x2', features: [{ op: 'id', a: 1 }] }
    ],
    hidden: [
      { units: 4, activation: 'tanh' },
      { units: 2, activation: 'tanh' }
    ],
    output: { units: 1, activation: 'sigmoid' }
  });
}
