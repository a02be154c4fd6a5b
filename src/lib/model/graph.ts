/**
 * Graph queries over a document's wires: neighbours, reachability, cycles, topological order.
 * Every function tolerates broken documents (dangling edges, cycles) because imports can be bad.
 */
import type { NetworkDoc } from './document';
import { topologicalOrder as engineOrder } from '../../../workers/engine';

export type Adjacency = Map<string, string[]>;

/** Outgoing neighbours of every node (in edge order); edges to unknown nodes are ignored. */
export function successors(doc: NetworkDoc): Adjacency {
  const next: Adjacency = new Map(doc.nodes.map((n) => [n.id, []]));
  for (const e of doc.edges) {
    if (next.has(e.to)) next.get(e.from)?.push(e.to);
  }
  return next;
}

/** Incoming neighbours of every node (in edge order); edges from unknown nodes are ignored. */
export function predecessors(doc: NetworkDoc): Adjacency {
  const prev: Adjacency = new Map(doc.nodes.map((n) => [n.id, []]));
  for (const e of doc.edges) {
    if (prev.has(e.from)) prev.get(e.to)?.push(e.from);
  }
  return prev;
}

/** Every node reachable from the start nodes (the starts included), following `adjacency`. */
export function reachable(adjacency: Adjacency, starts: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const stack = [...starts];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const n of adjacency.get(id) ?? []) if (!seen.has(n)) stack.push(n);
  }
  return seen;
}

/** A path from `from` to `to` (both included), or null. Breadth-first, so the path is a shortest one. */
export function findPath(adjacency: Adjacency, from: string, to: string): string[] | null {
  const parent = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head];
    if (id === to) {
      const path: string[] = [];
      for (let at: string | null = id; at !== null; at = parent.get(at) ?? null) path.push(at);
      return path.reverse();
    }
    for (const n of adjacency.get(id) ?? []) {
      if (!parent.has(n)) {
        parent.set(n, id);
        queue.push(n);
      }
    }
  }
  return null;
}

/**
 * One cycle of the graph as a closed path (first id repeated at the end), or null if it is a DAG.
 * Searches from nodes in document order so the answer is deterministic.
 */
export function findCycle(doc: NetworkDoc): string[] | null {
  const next = successors(doc);
  const state = new Map<string, 1 | 2>(); // 1 = on the current path, 2 = finished
  const path: string[] = [];
  const visit = (id: string): string[] | null => {
    state.set(id, 1);
    path.push(id);
    for (const n of next.get(id) ?? []) {
      const s = state.get(n);
      if (s === 1) return [...path.slice(path.indexOf(n)), n];
      if (s === undefined) {
        const found = visit(n);
        if (found) return found;
      }
    }
    path.pop();
    state.set(id, 2);
    return null;
  };
  for (const node of doc.nodes) {
    if (!state.has(node.id)) {
      const found = visit(node.id);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Node ids in topological order (Kahn), ties broken by document order so the result is stable.
 * Nodes on a cycle are left out; callers that care check findCycle first.
 */
export function topologicalOrder(doc: NetworkDoc): string[] {
  return engineOrder(doc.nodes, doc.edges).map((n) => n.id);
}
