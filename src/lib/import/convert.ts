/**
 * A model graph (topology.ts) as Axon groups (drafts.ts). Our groups compute z = Σ_parents a_p·W_p + b
 * and one activation, so:
 *   Dense → a group; its activation, and an Activation / LeakyReLU / PReLU / Dropout right after it, fold in;
 *   Concatenate → Dense is one group with one wire per concatenated part (the kernel's rows split);
 *   Add → Dense is one group with one wire per summand (each starting with the same kernel);
 *   Add or Concatenate read by anything else becomes a linear group with identity wires (exact, trainable);
 *   Conv2D, MaxPooling2D, AveragePooling2D and Flatten (of an image) become conv, pool and flatten groups.
 * Anything else is refused naming the layer and its class; nothing is silently dropped.
 */
import type { Activation } from '../../../workers/protocol';
import { inferShapes } from '../../../workers/engine';
import { MAX_NAME_CHARS } from '../limits';
import { activationLayer, activationOf } from './activations';
import { convConfig, poolConfig } from './conv-config';
import { addPiece, draftSpec, type EdgeDraft, type GroupDraft, type Term, type Value, type WeightRef } from './drafts';
import { check, isRecord, ModelImportError, shown } from './errors';
import { declaredShape, type LayerNode, type ModelGraph } from './topology';

export interface Converted {
  groups: GroupDraft[];
  /** key of the output group */
  output: number;
  /** what the person should know about the import (layers changed in meaning, left out, …) */
  notes: string[];
}

type Pending = Extract<Value, { kind: 'pending' }>;
type Form = Extract<Value, { kind: 'form' }>;

const isWhole = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1;

class Converter {
  readonly groups: GroupDraft[] = [];
  readonly notes: string[] = [];
  readonly #values = new Map<string, Value>();
  readonly #materialised = new Map<string, number>();
  readonly #readers = new Map<string, number>();
  readonly #file: string;
  #columns = 0;

  constructor(graph: ModelGraph, file: string) {
    this.#file = file;
    for (const layer of graph.layers) for (const from of layer.inbound) this.#readers.set(from, (this.#readers.get(from) ?? 0) + 1);
    for (const out of graph.outputs) this.#readers.set(out, (this.#readers.get(out) ?? 0) + 1);
  }

  #fail(layer: LayerNode, reason: string): never {
    throw new ModelImportError(`${this.#file}: layer '${shown(layer.name)}' (${shown(layer.className)}) ${reason}`);
  }

  #group(draft: Omit<GroupDraft, 'key'>): number {
    const key = this.groups.length;
    this.groups.push({ ...draft, key, label: draft.label.slice(0, MAX_NAME_CHARS) });
    return key;
  }

  value(name: string): Value {
    const value = this.#values.get(name);
    check(value, `${this.#file}: the model reads '${shown(name)}' before it is made.`);
    return value;
  }

  /** The tensor `name` as a group (made once, however many layers read it). */
  materialise(name: string): number {
    const done = this.#materialised.get(name);
    if (done !== undefined) return done;
    const value = this.value(name);
    let key: number;
    // A single term always sits at offset 0 and covers its whole group (sums and joins take two or more).
    if (value.kind === 'form' && value.terms.length === 1) key = value.terms[0].group;
    else {
      const p = value.kind === 'pending' ? value : this.#identity(value, name);
      key = this.#group({
        kind: p.node,
        label: p.layer,
        units: p.units,
        activation: p.activation,
        dropout: p.dropout,
        edges: p.edges,
        bias: p.bias,
        prelu: p.prelu,
        l1: p.l1,
        l2: p.l2,
        ...(p.conv ? { conv: p.conv } : {})
      });
    }
    this.#materialised.set(name, key);
    this.#values.set(name, { kind: 'form', units: value.units, terms: [{ group: key, offset: 0 }], image: value.image });
    return key;
  }

  /** A sum or concatenation of groups as a linear group fed by identity blocks. */
  #identity(value: Form, layer: string): Pending {
    const edges: EdgeDraft[] = [];
    for (const term of value.terms) addPiece(edges, term.group, { kind: 'identity', column: term.offset });
    this.notes.push(`'${layer}' became a linear group fed by identity weights (exact, and trainable in Axon).`);
    return { kind: 'pending', node: 'dense', image: false, units: value.units, edges, bias: null, activation: 'linear', prelu: null, dropout: 0, l1: 0, l2: 0, layer, folded: [] };
  }

  /** The flat tensor `name` as terms; an image is refused (Keras layers act on its last axis there). */
  #flat(name: string, reader: LayerNode): { units: number; terms: Term[] } {
    const value = this.value(name);
    if (value.image) this.#fail(reader, `reads the image '${shown(name)}'; Keras applies it to each pixel there, which Axon does not do: add a Flatten before it.`);
    if (value.kind === 'form') return value;
    const key = this.materialise(name);
    return { units: value.units, terms: [{ group: key, offset: 0 }] };
  }

  /** The image tensor `name` as one group (its channels), for conv and pool layers. */
  #image(name: string, reader: LayerNode): { key: number; channels: number } {
    const value = this.value(name);
    if (!value.image) this.#fail(reader, `reads the flat tensor '${shown(name)}'; it needs an image (height, width, channels).`);
    const key = this.materialise(name);
    const group = this.groups[key];
    return { key, channels: group.image ? group.image.channels : group.units };
  }

  #single(layer: LayerNode): string {
    if (layer.inbound.length !== 1) this.#fail(layer, `reads ${layer.inbound.length} tensors; it takes one.`);
    return layer.inbound[0];
  }

  add(layer: LayerNode): void {
    this.#values.set(layer.name, this.#make(layer));
  }

  #make(layer: LayerNode): Value {
    switch (layer.className) {
      case 'InputLayer':
        return this.#input(layer);
      case 'Dense':
        return this.#dense(layer);
      case 'Conv2D':
        return this.#conv(layer);
      case 'MaxPooling2D':
      case 'AveragePooling2D':
        return this.#pool(layer);
      case 'Flatten':
        return this.#flatten(layer);
      case 'Dropout':
        return this.#dropout(layer);
      case 'Add':
        return this.#add(layer);
      case 'Concatenate':
        return this.#concatenate(layer);
    }
    const activation = activationLayer(layer, this.#file);
    if (activation) return this.#fold(layer, activation);
    throw new ModelImportError(`${this.#file}: layer '${shown(layer.name)}' is ${shown(layer.className)}, which Axon does not support yet.`);
  }

  #input(layer: LayerNode): Value {
    const shape = declaredShape(layer.config);
    const base = { kind: 'input' as const, label: layer.name, activation: 'linear' as const, dropout: 0, edges: [], bias: null, prelu: null, l1: 0, l2: 0 };
    if (shape && shape.length === 4 && shape.slice(1).every(isWhole)) {
      // An image input reads the first h·w·c columns of the data, so it must be the model's only input.
      if (this.#columns > 0 || this.groups.some((g) => g.kind === 'input')) this.#fail(layer, 'is an image input beside other inputs; Axon reads one image input alone.');
      const [height, width, channels] = shape.slice(1) as number[];
      const units = height * width * channels;
      this.#columns += units;
      const key = this.#group({ ...base, units, image: { height, width, channels } });
      return { kind: 'form', units, terms: [{ group: key, offset: 0 }], image: true };
    }
    if (!shape || shape.length !== 2 || !isWhole(shape[1])) {
      this.#fail(layer, `has input shape ${shown(shape)}; Axon imports flat inputs [null, n] and images [null, height, width, channels].`);
    }
    if (this.groups.some((g) => g.image)) this.#fail(layer, 'is an input beside an image input; Axon reads one image input alone.');
    const units = shape[1] as number;
    const features = Array.from({ length: units }, (_, i) => ({ op: 'id' as const, a: this.#columns + i }));
    this.#columns += units;
    const key = this.#group({ ...base, units, features });
    return { kind: 'form', units, terms: [{ group: key, offset: 0 }], image: false };
  }

  /** kernel_regularizer {class_name: L1 | L2 | L1L2, config: {l1, l2}} in any dialect; others are noted and left out. */
  #regulariser(layer: LayerNode): { l1: number; l2: number } {
    const raw = layer.config.kernel_regularizer;
    if (raw === undefined || raw === null) return { l1: 0, l2: 0 };
    const config = isRecord(raw) && isRecord(raw.config) ? raw.config : {};
    const rate = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);
    const known = isRecord(raw) && ['L1', 'L2', 'L1L2', 'l1', 'l2', 'l1_l2'].includes(String(raw.class_name));
    if (!known) this.notes.push(`'${layer.name}' has a kernel regulariser Axon does not know (${shown(isRecord(raw) ? raw.class_name : raw)}); it was left out.`);
    return { l1: rate(config.l1), l2: rate(config.l2) };
  }

  /** The parts every weighted layer shares: bias, activation, regularisers. */
  #weighted(layer: LayerNode): Pick<Pending, 'bias' | 'activation' | 'prelu' | 'dropout' | 'l1' | 'l2' | 'layer' | 'folded'> {
    const bias: WeightRef | null = layer.config.use_bias === false ? null : { layer: layer.name, param: 'bias' };
    if (!bias) this.notes.push(`'${layer.name}' has no bias; in Axon it gets one, starting at 0.`);
    const activation = activationOf(layer.config.activation, layer.name, this.#file);
    return { bias, activation, prelu: null, dropout: 0, ...this.#regulariser(layer), layer: layer.name, folded: [] };
  }

  #dense(layer: LayerNode): Value {
    const units = layer.config.units;
    if (!isWhole(units)) this.#fail(layer, `has ${shown(units)} units.`);
    const input = this.#flat(this.#single(layer), layer);
    const shape = [input.units, units];
    const edges: EdgeDraft[] = [];
    for (const term of input.terms) addPiece(edges, term.group, { kind: 'slice', layer: layer.name, param: 'kernel', shape, rowStart: term.offset });
    if (new Set(input.terms.map((t) => t.group)).size < input.terms.length) {
      this.notes.push(`'${layer.name}' reads one group twice; its two kernel parts were added into one wire.`);
    }
    return { kind: 'pending', node: 'dense', image: false, units, edges, ...this.#weighted(layer) };
  }

  #conv(layer: LayerNode): Value {
    const conv = convConfig(layer, this.#file);
    const input = this.#image(this.#single(layer), layer);
    const edges: EdgeDraft[] = [{ from: input.key, pieces: [{ kind: 'conv', layer: layer.name, param: 'kernel', kernelSize: conv.kernelSize, filters: conv.filters }] }];
    return { kind: 'pending', node: 'conv', conv, image: true, units: conv.filters, edges, ...this.#weighted(layer) };
  }

  #pool(layer: LayerNode): Value {
    const pool = poolConfig(layer, this.#file);
    const input = this.#image(this.#single(layer), layer);
    const key = this.#group({ kind: 'pool', label: layer.name, units: input.channels, activation: 'linear', dropout: 0, edges: [{ from: input.key, pieces: [] }], bias: null, prelu: null, l1: 0, l2: 0, pool });
    return { kind: 'form', units: input.channels, terms: [{ group: key, offset: 0 }], image: true };
  }

  #flatten(layer: LayerNode): Value {
    const from = this.#single(layer);
    const value = this.value(from);
    // Flattening a flat tensor changes nothing.
    if (!value.image) return value;
    const input = this.#image(from, layer);
    const key = this.#group({ kind: 'flatten', label: layer.name, units: 1, activation: 'linear', dropout: 0, edges: [{ from: input.key, pieces: [] }], bias: null, prelu: null, l1: 0, l2: 0 });
    // Its flat size, by the engine's one shape inference (h·w·c of what it reads).
    const report = inferShapes(draftSpec(this.groups));
    const problem = report.problems[0];
    if (problem) throw new ModelImportError(`${this.#file}: ${problem.message}.`);
    return { kind: 'form', units: report.units[`g${key}`], terms: [{ group: key, offset: 0 }], image: false };
  }

  #fold(layer: LayerNode, activation: Activation): Value {
    const from = this.#single(layer);
    const value = this.value(from);
    const prelu: WeightRef | null = activation === 'prelu' ? { layer: layer.name, param: 'alpha' } : null;
    if (value.kind === 'form' && value.terms.length > 1) return { ...this.#identity(value, layer.name), activation, prelu };
    if (value.kind === 'form') {
      this.#fail(layer, `follows '${shown(from)}', whose output is already a group of its own in Axon (an input, a pooling, or a layer read by other layers too), so the activation cannot be folded into a layer.`);
    }
    if (value.node === 'conv' && activation === 'prelu') this.#fail(layer, 'follows a Conv2D; Axon has no PReLU slopes per pixel for conv layers yet.');
    if (value.activation !== 'linear') this.#fail(layer, `follows '${shown(value.layer)}', which already applies ${value.activation}; an Axon group applies one activation.`);
    if (value.dropout > 0) this.#fail(layer, `comes after a dropout; Axon applies dropout after the activation.`);
    if ((this.#readers.get(from) ?? 0) > 1) this.#fail(layer, `cannot be folded into '${shown(value.layer)}': that layer's output is also read by other layers.`);
    return { ...value, activation, prelu, folded: [...value.folded, layer.name] };
  }

  #dropout(layer: LayerNode): Value {
    const from = this.#single(layer);
    const rate = Number(layer.config.rate ?? 0);
    if (!(rate >= 0 && rate < 1)) this.#fail(layer, `has rate ${shown(layer.config.rate)}; a dropout rate is at least 0 and below 1.`);
    const value = this.value(from);
    if (rate === 0) return value;
    if ((this.#readers.get(from) ?? 0) > 1) this.#fail(layer, `follows '${shown(from)}', whose output is also read without dropout; Axon applies dropout to all of a group's output.`);
    if (value.kind === 'pending') {
      if (value.dropout > 0) this.#fail(layer, `follows another dropout; Axon applies one dropout per group.`);
      return { ...value, dropout: rate, folded: [...value.folded, layer.name] };
    }
    const group = value.terms.length === 1 ? this.groups[value.terms[0].group] : null;
    if (!group || group.kind === 'input' || group.dropout > 0) {
      this.#fail(layer, `follows '${shown(from)}', which is not a layer of its own; Axon applies dropout to a layer's output.`);
    }
    group.dropout = rate;
    return value;
  }

  #add(layer: LayerNode): Value {
    if (layer.inbound.length < 2) this.#fail(layer, `adds ${layer.inbound.length} tensor; it needs at least 2.`);
    const parts = layer.inbound.map((name) => this.#flat(name, layer));
    const units = parts[0].units;
    const other = parts.find((p) => p.units !== units);
    if (other) this.#fail(layer, `adds tensors of ${units} and ${other.units} units; they must be the same size.`);
    this.notes.push(`Add '${layer.name}' became several wires into the next layer; they start with the same weights and train separately in Axon.`);
    return { kind: 'form', units, terms: parts.flatMap((p) => p.terms), image: false };
  }

  #concatenate(layer: LayerNode): Value {
    const axis = layer.config.axis ?? -1;
    if (axis !== -1 && axis !== 1) this.#fail(layer, `joins along axis ${shown(axis)}; Axon joins flat features (axis -1).`);
    if (layer.inbound.length < 2) this.#fail(layer, `joins ${layer.inbound.length} tensor; it needs at least 2.`);
    const terms: Term[] = [];
    let units = 0;
    for (const name of layer.inbound) {
      const part = this.#flat(name, layer);
      for (const t of part.terms) terms.push({ group: t.group, offset: t.offset + units });
      units += part.units;
    }
    return { kind: 'form', units, terms, image: false };
  }
}

/** Converts the graph; throws ModelImportError naming the layer that Axon cannot express. */
export function convertGraph(graph: ModelGraph, file: string): Converted {
  check(graph.outputs.length === 1, `${file}: the model has ${graph.outputs.length} outputs; an Axon network has exactly one.`);
  const converter = new Converter(graph, file);
  for (const layer of graph.layers) converter.add(layer);
  for (const input of graph.inputs) {
    check(graph.layers.some((l) => l.name === input && l.className === 'InputLayer'), `${file}: the model's input '${shown(input)}' is not an InputLayer.`);
  }
  const value = converter.value(graph.outputs[0]);
  check(!value.image, `${file}: the model's output '${shown(graph.outputs[0])}' is an image; an Axon output is a flat layer (add Flatten and Dense).`);
  const output = converter.materialise(graph.outputs[0]);
  const group = converter.groups[output];
  check(group.kind !== 'input', `${file}: the model's output is its input; there is no layer to import.`);
  check(group.kind === 'dense', `${file}: the model ends in a ${group.kind} layer; an Axon output is a dense layer.`);
  check(group.dropout === 0, `${file}: the model ends in a dropout; Axon has no dropout on the output group.`);
  group.kind = 'output';
  return { groups: converter.groups, output, notes: converter.notes };
}
