/**
 * The data switch's adaptation, read from the tables the page holds (see model/adapt-to-data). Image inputs
 * take part as the pixel columns they read, and fresh inputs over an image table become one image input,
 * so switching between the digits, the shapes and the 2-D sets keeps conv nets and dense nets sensible.
 */
import type { DataTable, ImageShape } from '../../../workers/protocol';
import { imageShapeOf } from '../data/images';
import { shapeReport } from '../editor/conv-shapes';
import { insertFlatten } from '../model/fixes';
import { apply } from '../model/apply';
import { adaptToData, type Adaptation, type DataShape } from '../model/adapt-to-data';
import type { Change, NetworkDoc, NodeRecord } from '../model/document';
import type { PlaygroundState } from '../model/playground';

export const shapeOf = (table: DataTable): DataShape => ({ columns: table.columns, classes: table.classes, targetColumns: table.targetColumns });

/** Image inputs as the columns they read (0 … units − 1), so the adaptation can remap or replace them. */
function asColumns(doc: NetworkDoc): NetworkDoc {
  const nodes = doc.nodes.map((n) =>
    n.kind === 'input' && n.image ? { ...n, features: Array.from({ length: n.units }, (_, a) => ({ op: 'id' as const, a })) } : n
  );
  return { ...doc, nodes };
}

/** An input that reads every pixel of `image` in order becomes an image input. */
function asImage(node: NodeRecord, image: ImageShape): NodeRecord {
  const pixels = image.height * image.width * image.channels;
  const whole = node.features?.length === pixels && node.features.every((f, a) => f.op === 'id' && f.a === a);
  if (node.kind !== 'input' || !whole) return node;
  const { features: _features, ...rest } = node;
  return { ...rest, units: pixels, image: { ...image }, label: `pixels ${image.height}×${image.width}` };
}

function mapAdded(change: Change, image: ImageShape): Change {
  if (change.type === 'batch') return { ...change, changes: change.changes.map((c) => mapAdded(c, image)) };
  if (change.type === 'addNode') return { ...change, node: asImage(change.node, image) };
  return change;
}

const sameShape = (a: ImageShape, b: ImageShape) => a.height === b.height && a.width === b.width && a.channels === b.channels;

/** Ids of the nodes a change removes. */
function removed(change: Change | null): Set<string> {
  if (!change) return new Set();
  if (change.type === 'batch') return new Set(change.changes.flatMap((c) => [...removed(c)]));
  return change.type === 'removeNode' ? new Set([change.id]) : new Set();
}

/** What to change so the network in `state` fits `next`, having been made for `previous` (null: unknown). */
export function adaptation(state: PlaygroundState, next: DataTable, previous: DataTable | null): Adaptation {
  const result = adaptToData(asColumns(state.doc), state.settings, shapeOf(next), previous ? shapeOf(previous) : null);
  const image = imageShapeOf(next);
  if (!image) return result;
  let change = result.change ? mapAdded(result.change, image) : null;
  // An image input kept by the remap (its columns exist in the new table too) must still take the new size.
  const gone = removed(change);
  const resized: Change[] = state.doc.nodes
    .filter((n) => n.kind === 'input' && n.image && !gone.has(n.id) && !sameShape(n.image, image))
    .map((n) => ({ type: 'updateNode', id: n.id, patch: { units: image.height * image.width * image.channels, image: { ...image }, label: `pixels ${image.height}×${image.width}` } }));
  const notes: string[] = [];
  if (resized.length) {
    change = change ? { type: 'batch', changes: [change, ...resized] } : { type: 'batch', changes: resized };
    notes.push(`input → ${image.height}×${image.width} image`);
  }
  // Dense layers read an image through a Flatten: a dense net keeps working on image data as it is.
  const flattens = change ? withFlattens(apply(state.doc, change)) : [];
  if (flattens.length) {
    change = { type: 'batch', changes: [change!, ...flattens] };
    notes.push('a Flatten before the dense layers');
  }
  if (notes.length === 0) return { ...result, change };
  const note = notes.join('; ');
  return { ...result, change, summary: result.summary ? result.summary.replace(/\.$/, `; ${note}.`) : `Adapted the network to the data: ${note}.` };
}

/** Insert-Flatten fixes for every dense node that reads an image group, one after another. */
function withFlattens(doc: NetworkDoc): Change[] {
  const changes: Change[] = [];
  let current = doc;
  for (const problem of shapeReport(doc).problems) {
    if (problem.fix !== 'insertFlatten' || !problem.from) continue;
    const fix = insertFlatten(current, problem.from, problem.groupId);
    if (!fix) continue;
    changes.push(fix);
    current = apply(current, fix);
  }
  return changes;
}
