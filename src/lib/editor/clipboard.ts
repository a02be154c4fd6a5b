/**
 * Copy and paste within the page: a copied subgraph keeps its nodes and the wires among them;
 * each paste gets fresh ids and lands 24 px further down-right than the previous one.
 */
import type { Change, EdgeRecord, NetworkDoc, NodeRecord } from '../model/document';
import { newId } from '../model/ids';

export const PASTE_OFFSET = 24;

export interface Clipboard {
  nodes: NodeRecord[];
  /** only wires whose two ends were both copied */
  edges: EdgeRecord[];
  /** how many times it has been pasted, so repeated pastes do not stack on one spot */
  pastes: number;
}

export function copySubgraph(doc: NetworkDoc, ids: Iterable<string>): Clipboard | null {
  const picked = new Set(ids);
  const nodes = doc.nodes.filter((n) => picked.has(n.id)).map(cloneNode);
  if (nodes.length === 0) return null;
  const kept = new Set(nodes.map((n) => n.id));
  const edges = doc.edges.filter((e) => kept.has(e.from) && kept.has(e.to)).map((e) => ({ ...e }));
  return { nodes, edges, pastes: 0 };
}

function cloneNode(node: NodeRecord): NodeRecord {
  return { ...node, ...(node.features ? { features: node.features.map((f) => ({ ...f })) } : {}) };
}

/** The prefix of a node id ('h12' → 'h'), so a pasted copy of h1 is named like its kind. */
function idPrefix(id: string): string {
  const stripped = id.replace(/\d+$/, '');
  return stripped === '' ? 'n' : stripped;
}

export interface Paste {
  change: Change;
  /** the new node and wire ids, to select them */
  ids: string[];
  /** the clipboard with its paste count advanced */
  clipboard: Clipboard;
}

export function pasteClipboard(doc: NetworkDoc, clipboard: Clipboard): Paste {
  const offset = PASTE_OFFSET * (clipboard.pastes + 1);
  const taken = new Set([...doc.nodes.map((n) => n.id), ...doc.edges.map((e) => e.id)]);
  const rename = new Map<string, string>();
  const changes: Change[] = [];
  for (const node of clipboard.nodes) {
    const id = newId(idPrefix(node.id), taken);
    taken.add(id);
    rename.set(node.id, id);
    changes.push({ type: 'addNode', node: { ...cloneNode(node), id, x: node.x + offset, y: node.y + offset } });
  }
  const edgeIds: string[] = [];
  for (const edge of clipboard.edges) {
    const id = newId('e', taken);
    taken.add(id);
    edgeIds.push(id);
    changes.push({ type: 'addEdge', edge: { id, from: rename.get(edge.from)!, to: rename.get(edge.to)! } });
  }
  return {
    change: { type: 'batch', changes },
    ids: [...rename.values(), ...edgeIds],
    clipboard: { ...clipboard, pastes: clipboard.pastes + 1 }
  };
}
