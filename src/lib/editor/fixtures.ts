/** Small documents shared by the editor's node tests. */
import type { NetworkDoc, NodeRecord } from '../model/document';

export function node(id: string, kind: NodeRecord['kind'], x: number, y: number, units: number, label = id): NodeRecord {
  return {
    id,
    kind,
    label,
    x,
    y,
    units,
    activation: kind === 'output' ? 'sigmoid' : 'tanh',
    ...(kind === 'input' ? { features: Array.from({ length: units }, (_, a) => ({ op: 'id' as const, a })) } : {})
  };
}

/** x (2 inputs) at (0,0) → h (3 tanh units) at (200,0) → o (1 sigmoid unit) at (400,0). */
export function smallNet(): NetworkDoc {
  return {
    nodes: [node('x', 'input', 0, 0, 2), node('h', 'dense', 200, 0, 3), node('o', 'output', 400, 0, 1)],
    edges: [
      { id: 'e1', from: 'x', to: 'h' },
      { id: 'e2', from: 'h', to: 'o' }
    ]
  };
}
