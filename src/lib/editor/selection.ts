/**
 * The selection: ids of nodes and wires, in the order they were picked. Not part of the document or of history;
 * these helpers keep it consistent with the document and turn it into document changes.
 */
import type { Change, NetworkDoc } from '../model/document';

export type Selection = string[];

export function toggle(selection: Selection, id: string): Selection {
  return selection.includes(id) ? selection.filter((s) => s !== id) : [...selection, id];
}

/** The ids of both lists, each once, first-list order first. */
export function union(a: Selection, b: Selection): Selection {
  const out = [...a];
  for (const id of b) if (!out.includes(id)) out.push(id);
  return out;
}

export function sameSelection(a: Selection, b: Selection): boolean {
  return a.length === b.length && a.every((id, k) => b[k] === id);
}

/** Drop ids that no longer exist (after undo, delete, a replaced document). */
export function prune(selection: Selection, doc: NetworkDoc): Selection {
  const live = new Set([...doc.nodes.map((n) => n.id), ...doc.edges.map((e) => e.id)]);
  const kept = selection.filter((id) => live.has(id));
  return kept.length === selection.length ? selection : kept;
}

export function selectedNodeIds(doc: NetworkDoc, selection: Selection): string[] {
  const picked = new Set(selection);
  return doc.nodes.filter((n) => picked.has(n.id)).map((n) => n.id);
}

export function selectedEdgeIds(doc: NetworkDoc, selection: Selection): string[] {
  const picked = new Set(selection);
  return doc.edges.filter((e) => picked.has(e.id)).map((e) => e.id);
}

export function selectAll(doc: NetworkDoc): Selection {
  return [...doc.nodes.map((n) => n.id), ...doc.edges.map((e) => e.id)];
}

/**
 * One change that deletes the selection: the selected wires that do not touch a deleted node
 * (removeNode takes those with it), then the nodes. Null when nothing is selected.
 */
export function removeSelection(doc: NetworkDoc, selection: Selection): Change | null {
  const nodes = new Set(selectedNodeIds(doc, selection));
  const edges = selectedEdgeIds(doc, selection).filter((id) => {
    const edge = doc.edges.find((e) => e.id === id)!;
    return !nodes.has(edge.from) && !nodes.has(edge.to);
  });
  const changes: Change[] = [
    ...edges.map((id): Change => ({ type: 'removeEdge', id })),
    ...[...nodes].map((id): Change => ({ type: 'removeNode', id }))
  ];
  if (changes.length === 0) return null;
  return changes.length === 1 ? changes[0] : { type: 'batch', changes };
}

/** Move the selected nodes by (dx, dy) world units; null when no node is selected. */
export function nudgeSelection(doc: NetworkDoc, selection: Selection, dx: number, dy: number): Change | null {
  const picked = new Set(selection);
  const moves = doc.nodes.filter((n) => picked.has(n.id)).map((n) => ({ id: n.id, x: n.x + dx, y: n.y + dy }));
  return moves.length > 0 ? { type: 'moveNodes', moves } : null;
}
