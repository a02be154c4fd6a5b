/**
 * What the converter builds before it becomes a document: groups (Axon's node groups) whose incoming
 * kernels are still references into the model's weights, read only once the network is known to fit.
 *
 * A Keras tensor is either a group's output (or a sum / concatenation of group outputs, from Add and
 * Concatenate: a `form`), or a layer waiting to become a group (`pending`: a Dense whose activation or
 * dropout may still be folded in by the layers after it).
 */
import type { Activation, Feature } from '../../../workers/protocol';
import type { NodeKind } from '../model/document';

/** Part of one incoming kernel: rows of a stored weight, or an identity block (a sum's pass-through). */
export type KernelPiece =
  | { kind: 'slice'; layer: string; param: string; shape: number[]; rowStart: number }
  | { kind: 'identity'; column: number };

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
}

/** `units` columns of a tensor that are group `group`'s output, starting at column `offset`. */
export interface Term {
  group: number;
  offset: number;
}

export type Value =
  | { kind: 'form'; units: number; terms: Term[] }
  | {
      kind: 'pending';
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
