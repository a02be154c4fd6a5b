/**
 * What the converter builds before it becomes a document: groups (Axon's node groups) whose incoming
 * kernels are still references into the model's weights, read only once the network is known to fit.
 *
 * A Keras tensor is either a group's output (or a sum / concatenation of group outputs, from Add and
 * Concatenate: a `form`), or a layer waiting to become a group (`pending`: a Dense whose activation or
 * dropout may still be folded in by the layers after it).
 */
import type { Activation, Feature, GroupSpec, ImageShape, NetworkSpec } from '../../../workers/protocol';
import type { NodeKind, NodeRecord } from '../model/document';
import { layerOf } from '../model/spec';

/**
 * Part of one incoming kernel: rows of a stored dense kernel, an identity block (a sum's pass-through),
 * or a conv kernel [k][k][in channels][filters] (its input channels are known once the shapes are inferred).
 */
export type KernelPiece =
  | { kind: 'slice'; layer: string; param: string; shape: number[]; rowStart: number }
  | { kind: 'identity'; column: number }
  | { kind: 'conv'; layer: string; param: string; kernelSize: number; filters: number };

/** A wire into a group; its kernel is the sum of its pieces (fromUnits × units). */
export interface EdgeDraft {
  from: number;
  pieces: KernelPiece[];
}

export interface WeightRef {
  layer: string;
  param: string;
}

export interface GroupDraft {
  key: number;
  kind: NodeKind;
  label: string;
  units: number;
  activation: Activation;
  features?: Feature[];
  dropout: number;
  edges: EdgeDraft[];
  /** null: the layer had no bias (Axon's group starts it at zero) */
  bias: WeightRef | null;
  prelu: WeightRef | null;
  /** the layer's kernel regularisers (per-node L1/L2 in Axon) */
  l1: number;
  l2: number;
  conv?: NodeRecord['conv'];
  pool?: NodeRecord['pool'];
  image?: ImageShape;
}

/** `units` columns of a tensor that are group `group`'s output, starting at column `offset`. */
export interface Term {
  group: number;
  offset: number;
}

/** `image`: the tensor is an image (4-D in Keras); its `units` are then not its flat size. */
export type Value =
  | { kind: 'form'; units: number; terms: Term[]; image: boolean }
  | {
      kind: 'pending';
      /** 'dense' or 'conv' */
      node: NodeKind;
      conv?: NodeRecord['conv'];
      image: boolean;
      units: number;
      edges: EdgeDraft[];
      bias: WeightRef | null;
      activation: Activation;
      prelu: WeightRef | null;
      dropout: number;
      l1: number;
      l2: number;
      /** the layer that made it (its name becomes the group's label) */
      layer: string;
      /** the layers folded into it after that one, for messages */
      folded: string[];
    };

/** Adds `piece` to the wire from `from`, merging two wires from one group into one (their kernels add). */
export function addPiece(edges: EdgeDraft[], from: number, piece: KernelPiece): void {
  const edge = edges.find((e) => e.from === from);
  if (edge) edge.pieces.push(piece);
  else edges.push({ from, pieces: [piece] });
}

/** The drafts as an engine spec (ids g0, g1, …), for the engine's one shape inference. */
export function draftSpec(groups: readonly GroupDraft[]): NetworkSpec {
  const kind = (g: GroupDraft): GroupSpec['kind'] => (g.kind === 'input' ? 'input' : g.kind === 'output' ? 'output' : 'hidden');
  return {
    groups: groups.map((g) => {
      const layer = layerOf({ id: `g${g.key}`, kind: g.kind, label: g.label, x: 0, y: 0, units: g.units, activation: g.activation, conv: g.conv, pool: g.pool });
      const spec: GroupSpec = { id: `g${g.key}`, name: g.label, kind: kind(g), units: g.units, activation: g.activation };
      if (g.image) spec.image = { ...g.image };
      if (g.features) spec.features = g.features;
      if (layer) spec.layer = layer;
      return spec;
    }),
    edges: groups.flatMap((g) => g.edges.map((e) => ({ from: `g${e.from}`, to: `g${g.key}` })))
  };
}
