/**
 * Repairs the validator offers (Problem.fix), as document changes the editor applies in one undoable
 * step. insertFlatten: a dense layer wired straight to an image group gets a Flatten node on that wire,
 * placed half-way between the two.
 */
import type { Change, NetworkDoc, NodeRecord } from './document';
import { newId } from './ids';

/** The change that puts a Flatten on the wire from → to; null when there is no such wire. */
export function insertFlatten(doc: NetworkDoc, from: string, to: string): Change | null {
  const wire = doc.edges.find((e) => e.from === from && e.to === to);
  const a = doc.nodes.find((n) => n.id === from);
  const b = doc.nodes.find((n) => n.id === to);
  if (!wire || !a || !b) return null;
  const nodeId = newId('flat', doc.nodes.map((n) => n.id));
  const edgeIds = new Set(doc.edges.map((e) => e.id));
  const first = newId('e', edgeIds);
  edgeIds.add(first);
  const second = newId('e', edgeIds);
  const node: NodeRecord = {
    id: nodeId,
    kind: 'flatten',
    label: 'flatten',
    x: Math.round((a.x + b.x) / 2),
    y: Math.round((a.y + b.y) / 2),
    units: 1,
    activation: 'linear'
  };
  return {
    type: 'batch',
    changes: [
      { type: 'removeEdge', id: wire.id },
      { type: 'addNode', node },
      { type: 'addEdge', edge: { id: first, from, to: nodeId } },
      { type: 'addEdge', edge: { id: second, from: nodeId, to } }
    ]
  };
}
