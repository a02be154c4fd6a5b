/**
 * The network document: plain records that the editor draws, history records, URLs encode,
 * and compile-to-spec turns into the engine's NetworkSpec. No Svelte, pixi or worker knowledge here.
 */
import type { Activation, Feature, ImageShape, Padding, PoolMode } from '../../../workers/protocol';

export type NodeKind = 'input' | 'dense' | 'output' | 'conv' | 'pool' | 'flatten';

export interface NodeRecord {
  id: string;
  kind: NodeKind;
  /** shown on the canvas and in the model summary */
  label: string;
  /** canvas position of the node's top-left corner, in world units */
  x: number;
  y: number;
  units: number;
  /** ignored for inputs */
  activation: Activation;
  /** input nodes: one feature per unit */
  features?: Feature[];
  /** dense, conv, pool and flatten nodes: dropout rate in [0, 1) */
  dropout?: number;
  /** conv nodes: the layer (units = filters, kept in sync by the inspector) */
  conv?: { filters: number; kernelSize: number; stride: number; padding: Padding };
  /** pool nodes: the layer (their flat size is not stored: read it from inferShapes) */
  pool?: { mode: PoolMode; poolSize: number; stride: number };
  /** input nodes: the input is an image of this shape (its features are its pixels, HWC) */
  image?: ImageShape;
  /** per-node weight penalties (added to the network-wide rates) */
  l1?: number;
  l2?: number;
}

export interface EdgeRecord {
  id: string;
  from: string;
  to: string;
}

export interface NetworkDoc {
  nodes: NodeRecord[];
  edges: EdgeRecord[];
}

/** The NodeRecord fields that may be absent. */
export type OptionalNodeField = 'features' | 'dropout' | 'l1' | 'l2' | 'conv' | 'pool' | 'image';

/** Every document change is one of these, applied by apply(doc, change). */
export type Change =
  /** `index`: where to insert in doc.nodes (default: the end); undo uses it to restore the order */
  | { type: 'addNode'; node: NodeRecord; index?: number }
  /** also removes every edge touching the node */
  | { type: 'removeNode'; id: string }
  /** `unset`: optional fields to remove (JSON cannot carry `undefined`, so undo needs this to clear a field) */
  | { type: 'updateNode'; id: string; patch: Partial<Omit<NodeRecord, 'id'>>; unset?: OptionalNodeField[] }
  | { type: 'moveNodes'; moves: { id: string; x: number; y: number }[] }
  /** `index`: where to insert in doc.edges (default: the end) */
  | { type: 'addEdge'; edge: EdgeRecord; index?: number }
  | { type: 'removeEdge'; id: string }
  | { type: 'replace'; doc: NetworkDoc }
  | { type: 'batch'; changes: Change[] };
