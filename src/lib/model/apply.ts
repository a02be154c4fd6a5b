/**
 * The one function that changes a document. Pure: it returns a new document and never mutates the old one,
 * so history, autosave and the worker can all hold on to earlier versions safely.
 */
import type { Change, EdgeRecord, NetworkDoc, NodeRecord, OptionalNodeField } from './document';
import { findPath, successors } from './graph';

/** A change that cannot be applied to this document; the message is meant for the person editing. */
export class ChangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChangeError';
  }
}

/** How a node is named in messages: its label, or its id when it has none. */
export function nodeName(doc: NetworkDoc, id: string): string {
  const node = doc.nodes.find((n) => n.id === id);
  return node && node.label.trim() !== '' ? node.label : id;
}

/**
 * The cycle that a new wire from → to would close, as a closed path of node ids
 * (from → to → … → from), or null when the wire is safe.
 */
export function wouldCreateCycle(doc: NetworkDoc, from: string, to: string): string[] | null {
  if (from === to) return [from, from];
  const back = findPath(successors(doc), to, from);
  return back ? [from, ...back] : null;
}

export function apply(doc: NetworkDoc, change: Change): NetworkDoc {
  switch (change.type) {
    case 'addNode': {
      const node = change.node;
      if (doc.nodes.some((n) => n.id === node.id)) throw new ChangeError(`There is already a node with id "${node.id}".`);
      return { nodes: insertAt(doc.nodes, { ...node }, change.index), edges: doc.edges };
    }
    case 'removeNode': {
      requireNode(doc, change.id);
      return {
        nodes: doc.nodes.filter((n) => n.id !== change.id),
        edges: doc.edges.filter((e) => e.from !== change.id && e.to !== change.id)
      };
    }
    case 'updateNode': {
      const index = requireNode(doc, change.id);
      const updated: NodeRecord = { ...doc.nodes[index] };
      const fields = updated as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(change.patch)) {
        if (key === 'id') continue; // renaming would orphan the node's wires
        if (value === undefined) delete fields[key];
        else fields[key] = value;
      }
      for (const key of change.unset ?? []) delete fields[key];
      const nodes = doc.nodes.slice();
      nodes[index] = updated;
      return { nodes, edges: doc.edges };
    }
    case 'moveNodes': {
      const moves = new Map(change.moves.map((m) => [m.id, m]));
      for (const id of moves.keys()) requireNode(doc, id);
      return {
        nodes: doc.nodes.map((n) => {
          const m = moves.get(n.id);
          return m ? { ...n, x: m.x, y: m.y } : n;
        }),
        edges: doc.edges
      };
    }
    case 'addEdge': {
      checkNewEdge(doc, change.edge);
      return { nodes: doc.nodes, edges: insertAt(doc.edges, { ...change.edge }, change.index) };
    }
    case 'removeEdge': {
      if (!doc.edges.some((e) => e.id === change.id)) throw new ChangeError(`There is no wire with id "${change.id}".`);
      return { nodes: doc.nodes, edges: doc.edges.filter((e) => e.id !== change.id) };
    }
    case 'replace':
      return change.doc;
    case 'batch':
      return change.changes.reduce(apply, doc);
  }
}

/**
 * The change that undoes `change`, computed against the document as it was BEFORE the change.
 * Throws ChangeError when `change` does not apply to `doc`.
 */
export function invert(doc: NetworkDoc, change: Change): Change {
  switch (change.type) {
    case 'addNode':
      apply(doc, change);
      return { type: 'removeNode', id: change.node.id };
    case 'removeNode': {
      const index = requireNode(doc, change.id);
      // Put the node back where it was, then its wires, each at its old position (ascending, so indices hold).
      const changes: Change[] = [{ type: 'addNode', node: doc.nodes[index], index }];
      doc.edges.forEach((edge, i) => {
        if (edge.from === change.id || edge.to === change.id) changes.push({ type: 'addEdge', edge, index: i });
      });
      return { type: 'batch', changes };
    }
    case 'updateNode': {
      const node = doc.nodes[requireNode(doc, change.id)];
      const before = node as unknown as Record<string, unknown>;
      const patch: Record<string, unknown> = {};
      const unset: OptionalNodeField[] = [];
      const keys = [...Object.keys(change.patch), ...(change.unset ?? [])].filter((k) => k !== 'id');
      for (const key of new Set(keys)) {
        if (key in before && before[key] !== undefined) patch[key] = before[key];
        else unset.push(key as OptionalNodeField);
      }
      const inverse: Change = { type: 'updateNode', id: change.id, patch: patch as Partial<Omit<NodeRecord, 'id'>> };
      if (unset.length > 0) inverse.unset = unset;
      return inverse;
    }
    case 'moveNodes': {
      const ids = new Set(change.moves.map((m) => m.id));
      for (const id of ids) requireNode(doc, id);
      return {
        type: 'moveNodes',
        moves: doc.nodes.filter((n) => ids.has(n.id)).map((n) => ({ id: n.id, x: n.x, y: n.y }))
      };
    }
    case 'addEdge':
      checkNewEdge(doc, change.edge);
      return { type: 'removeEdge', id: change.edge.id };
    case 'removeEdge': {
      const index = doc.edges.findIndex((e) => e.id === change.id);
      if (index < 0) throw new ChangeError(`There is no wire with id "${change.id}".`);
      return { type: 'addEdge', edge: doc.edges[index], index };
    }
    case 'replace':
      return { type: 'replace', doc };
    case 'batch': {
      const inverses: Change[] = [];
      let current = doc;
      for (const c of change.changes) {
        inverses.push(invert(current, c));
        current = apply(current, c);
      }
      return { type: 'batch', changes: inverses.reverse() };
    }
  }
}

function requireNode(doc: NetworkDoc, id: string): number {
  const index = doc.nodes.findIndex((n) => n.id === id);
  if (index < 0) throw new ChangeError(`There is no node with id "${id}".`);
  return index;
}

function checkNewEdge(doc: NetworkDoc, edge: EdgeRecord): void {
  if (doc.edges.some((e) => e.id === edge.id)) throw new ChangeError(`There is already a wire with id "${edge.id}".`);
  const from = doc.nodes.find((n) => n.id === edge.from);
  const to = doc.nodes.find((n) => n.id === edge.to);
  if (!from) throw new ChangeError(`A wire cannot start at "${edge.from}": there is no such node.`);
  if (!to) throw new ChangeError(`A wire cannot end at "${edge.to}": there is no such node.`);
  const names = `${nodeName(doc, edge.from)} → ${nodeName(doc, edge.to)}`;
  if (doc.edges.some((e) => e.from === edge.from && e.to === edge.to)) {
    throw new ChangeError(`${names} is already wired.`);
  }
  if (to.kind === 'input') throw new ChangeError(`${nodeName(doc, to.id)} is an input: it takes no incoming wires.`);
  if (from.kind === 'output') {
    throw new ChangeError(`${nodeName(doc, from.id)} is the output: no wire can leave it.`);
  }
  const cycle = wouldCreateCycle(doc, edge.from, edge.to);
  if (cycle) throw new ChangeError(`would create a cycle: ${cycle.map((id) => nodeName(doc, id)).join(' → ')}`);
}

function insertAt<T>(items: T[], item: T, index: number | undefined): T[] {
  const copy = items.slice();
  const at = index === undefined ? copy.length : Math.max(0, Math.min(copy.length, Math.trunc(index)));
  copy.splice(at, 0, item);
  return copy;
}
