/**
 * What the editor shows and repairs about image shapes, read from the engine's one inferShapes (through its
 * door, never a second copy of the rules): each node's output shape and parameter count, the shape problems
 * with the wire an "insert Flatten" fix repairs, and the display units of pool nodes kept equal to their channel count. Pure.
 */
import { inferShapes, shapeText, type ShapeReport } from '../../../workers/engine';
import type { Change, NetworkDoc, NodeRecord } from '../model/document';
import { toSpec } from '../model/spec';

/** The kinds that carry an image shape (or turn one flat) and show it under the node. */
export const IMAGE_KINDS: readonly NodeRecord['kind'][] = ['conv', 'pool', 'flatten'];

export interface NodeShape {
  /** "24×24×8", or "128" for a flat group */
  text: string;
  params: number;
  /** the shape problem on this node, in words, when there is one */
  problem: string | null;
  /** the editor can repair it by inserting a Flatten on the wire from → to (model/fixes.ts) */
  fix: { from: string; to: string } | null;
}

export function shapeReport(doc: NetworkDoc): ShapeReport {
  return inferShapes(toSpec(doc));
}

/** By node id: its output shape, parameters and any shape problem (nodes the report skipped are left out). */
export function nodeShapes(doc: NetworkDoc, report: ShapeReport = shapeReport(doc)): Map<string, NodeShape> {
  const out = new Map<string, NodeShape>();
  for (const node of doc.nodes) {
    if (!(node.id in report.units)) continue;
    const shape = report.shapes[node.id];
    const problem = report.problems.find((p) => p.groupId === node.id) ?? null;
    out.set(node.id, {
      text: shape ? shapeText(shape) : String(report.units[node.id]),
      params: report.params[node.id] ?? 0,
      problem: problem?.message ?? null,
      fix: problem?.fix === 'insertFlatten' && problem.from ? { from: problem.from, to: node.id } : null
    });
  }
  return out;
}

/** "1.2k" style counts for the small caption under a node. */
export function compactCount(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1e6) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1e6).toFixed(1)}M`;
}

/**
 * The caption under a node: shape and parameters for image-related nodes and for any node fed by an image
 * group (so a dense layer after a Flatten says what it reads), nothing for plain dense-only networks.
 */
export function shapeCaption(node: NodeRecord, shape: NodeShape | undefined, imageNetwork: boolean): string {
  if (!shape || !imageNetwork) return '';
  if (node.kind === 'input') return shape.text;
  return shape.params > 0 ? `${shape.text} · ${compactCount(shape.params)} params` : shape.text;
}

/** True when the document has any image input or conv/pool/flatten node: only then do captions show. */
export function isImageNetwork(doc: NetworkDoc): boolean {
  return doc.nodes.some((n) => (n.kind === 'input' && n.image !== undefined) || IMAGE_KINDS.includes(n.kind));
}

/** True when the document has a conv layer (such nets learn shifted digits without shifted copies). */
export const hasConv = (doc: NetworkDoc): boolean => doc.nodes.some((n) => n.kind === 'conv');

/**
 * Pool nodes show one tile per channel, so their display `units` follow the channel count of their input;
 * the changes that bring them in line (none when they already are). Flatten nodes stay at 1.
 */
export function unitSync(doc: NetworkDoc, report: ShapeReport = shapeReport(doc)): Change[] {
  const changes: Change[] = [];
  for (const node of doc.nodes) {
    if (node.kind !== 'pool') continue;
    const channels = report.shapes[node.id]?.channels;
    if (channels !== undefined && channels !== node.units) changes.push({ type: 'updateNode', id: node.id, patch: { units: channels } });
  }
  return changes;
}

/** `change` followed by the unit sync it makes necessary, as one change (one undo step). */
export function withUnitSync(change: Change, next: NetworkDoc): Change {
  const sync = unitSync(next);
  return sync.length ? { type: 'batch', changes: [change, ...sync] } : change;
}
