/**
 * A Keras / TF.js model topology (the JSON of model.json's modelTopology, a .keras config.json or a legacy
 * .h5 model_config) read into one plain graph of layers. Three dialects exist: TF.js and Keras 2 write a
 * layer's inputs as [[name, node, tensor, kwargs], …]; Keras 3 writes {args: [keras tensors], kwargs}.
 * Sequential models have no inbound nodes at all: each layer reads the one before it.
 */
import { MAX_GROUPS } from '../limits';
import { check, isRecord, ModelImportError, shown } from './errors';

export interface LayerNode {
  name: string;
  className: string;
  config: Record<string, unknown>;
  /** names of the layers whose outputs this layer reads, in the order the layer reads them */
  inbound: string[];
}

export interface ModelGraph {
  name: string;
  /** every layer after the layers it reads */
  layers: LayerNode[];
  inputs: string[];
  outputs: string[];
}

const FUNCTIONAL = new Set(['Model', 'Functional']);
const MODEL_CLASSES = new Set(['Sequential', ...FUNCTIONAL]);
/** Layer count accepted before anything else is read: a model with more cannot fit in MAX_GROUPS groups anyway. */
const MAX_LAYERS = MAX_GROUPS * 4;

function layerName(raw: Record<string, unknown>, index: number): string {
  const config = isRecord(raw.config) ? raw.config : {};
  const name = raw.name ?? config.name;
  return typeof name === 'string' && name !== '' ? name : `layer_${index + 1}`;
}

function readLayer(raw: unknown, index: number, file: string): Omit<LayerNode, 'inbound'> & { raw: Record<string, unknown> } {
  check(isRecord(raw) && typeof raw.class_name === 'string', `${file}: layer ${index + 1} has no class_name, so it is not a Keras layer.`);
  const name = layerName(raw, index);
  check(
    !MODEL_CLASSES.has(raw.class_name),
    `${file}: layer '${shown(name)}' is a nested ${shown(raw.class_name)} model, which Axon does not support yet (flatten it into one model first).`
  );
  return { name, className: raw.class_name, config: isRecord(raw.config) ? raw.config : {}, raw };
}

/** [name, node, tensor] of one inbound tensor, from either dialect. */
type Ref = [string, number, number];

function collectKerasTensors(value: unknown, into: Ref[]): void {
  if (Array.isArray(value)) {
    for (const v of value) collectKerasTensors(v, into);
  } else if (isRecord(value)) {
    const history = isRecord(value.config) ? value.config.keras_history : undefined;
    if (value.class_name === '__keras_tensor__' && Array.isArray(history)) {
      into.push([String(history[0]), Number(history[1] ?? 0), Number(history[2] ?? 0)]);
    }
  }
}

function inboundRefs(raw: Record<string, unknown>, name: string, file: string): Ref[] {
  const nodes = raw.inbound_nodes;
  if (nodes === undefined || (Array.isArray(nodes) && nodes.length === 0)) return [];
  check(Array.isArray(nodes), `${file}: layer '${shown(name)}' has inbound_nodes that are not a list.`);
  check(
    nodes.length === 1,
    `${file}: layer '${shown(name)}' is called ${nodes.length} times (shared weights); Axon gives every group its own weights, so it cannot import a shared layer.`
  );
  const node = nodes[0];
  const refs: Ref[] = [];
  if (isRecord(node)) collectKerasTensors(node.args, refs);
  else if (Array.isArray(node)) {
    for (const entry of node) {
      check(Array.isArray(entry) && typeof entry[0] === 'string', `${file}: layer '${shown(name)}' has an inbound node that names no layer.`);
      refs.push([entry[0], Number(entry[1] ?? 0), Number(entry[2] ?? 0)]);
    }
  }
  check(refs.length > 0, `${file}: layer '${shown(name)}' has an inbound node that names no layer.`);
  return refs;
}

function refName(ref: Ref, reader: string, file: string): string {
  check(
    ref[1] === 0 && ref[2] === 0,
    `${file}: layer '${shown(reader)}' reads output ${ref[2]} of call ${ref[1]} of '${shown(ref[0])}'; Axon imports only layers called once with one output.`
  );
  return ref[0];
}

/** input_layers / output_layers: [[name, 0, 0], …], or Keras 3's single [name, 0, 0]. */
function endpoints(value: unknown, what: string, file: string): string[] {
  check(Array.isArray(value) && value.length > 0, `${file}: the model lists no ${what}.`);
  const list = typeof value[0] === 'string' ? [value] : value;
  return list.map((entry: unknown) => {
    check(Array.isArray(entry) && typeof entry[0] === 'string', `${file}: the model's ${what} are not [layer name, 0, 0] entries.`);
    return refName([entry[0], Number(entry[1] ?? 0), Number(entry[2] ?? 0)], what, file);
  });
}

/** The batch shape a Sequential model's first layer declares (Keras 2 / TF.js: batch_input_shape, Keras 3: batch_shape). */
export function declaredShape(config: Record<string, unknown>): unknown[] | null {
  for (const key of ['batch_input_shape', 'batch_shape']) if (Array.isArray(config[key])) return config[key] as unknown[];
  if (Array.isArray(config.input_shape)) return [null, ...(config.input_shape as unknown[])];
  return null;
}

function sequential(name: string, rawLayers: unknown[], file: string): ModelGraph {
  const read = rawLayers.map((raw, i) => readLayer(raw, i, file));
  check(read.length > 0, `${file}: the Sequential model has no layers.`);
  const layers: LayerNode[] = [];
  if (read[0].className !== 'InputLayer') {
    const shape = declaredShape(read[0].config);
    check(shape, `${file}: the Sequential model's first layer '${shown(read[0].name)}' does not say its input shape (batch_input_shape).`);
    layers.push({ name: `${read[0].name}_input`, className: 'InputLayer', config: { batch_input_shape: shape }, inbound: [] });
  }
  for (const layer of read) {
    const previous = layers.at(-1);
    layers.push({ name: layer.name, className: layer.className, config: layer.config, inbound: previous ? [previous.name] : [] });
  }
  return { name, layers, inputs: [layers[0].name], outputs: [layers.at(-1)!.name] };
}

function functional(name: string, config: Record<string, unknown>, file: string): ModelGraph {
  const rawLayers = config.layers as unknown[];
  const layers = rawLayers.map((raw, i) => {
    const layer = readLayer(raw, i, file);
    const inbound = inboundRefs(layer.raw, layer.name, file).map((ref) => refName(ref, layer.name, file));
    return { name: layer.name, className: layer.className, config: layer.config, inbound };
  });
  return { name, layers: ordered(layers, file), inputs: endpoints(config.input_layers, 'inputs', file), outputs: endpoints(config.output_layers, 'outputs', file) };
}

/** Layers after the layers they read (files list them so, but nothing guarantees it); a cycle is refused. */
function ordered(layers: LayerNode[], file: string): LayerNode[] {
  const byName = new Map<string, LayerNode>();
  for (const layer of layers) {
    check(!byName.has(layer.name), `${file}: two layers are named '${shown(layer.name)}'.`);
    byName.set(layer.name, layer);
  }
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: LayerNode[] = [];
  const visit = (layer: LayerNode) => {
    if (done.has(layer.name)) return;
    check(!visiting.has(layer.name), `${file}: the layers read each other in a cycle through '${shown(layer.name)}'.`);
    visiting.add(layer.name);
    for (const from of layer.inbound) {
      const parent = byName.get(from);
      check(parent, `${file}: layer '${shown(layer.name)}' reads '${shown(from)}', which is not a layer of the model.`);
      visit(parent);
    }
    visiting.delete(layer.name);
    done.add(layer.name);
    out.push(layer);
  };
  for (const layer of layers) visit(layer);
  return out;
}

/**
 * Reads a topology: `{class_name, config}` of a Sequential or Functional model, or a converted Keras
 * model's `{model_config: …}` wrapper. `file` names the file in messages.
 */
export function readTopology(topology: unknown, file: string): ModelGraph {
  const model = isRecord(topology) && isRecord(topology.model_config) ? topology.model_config : topology;
  check(isRecord(model) && typeof model.class_name === 'string', `${file} is not a Keras or TF.js model: its topology has no class_name.`);
  const className = model.class_name;
  const config = model.config;
  // Old Keras wrote a Sequential model's config as the bare list of layers.
  const rawLayers = Array.isArray(config) ? config : isRecord(config) ? config.layers : undefined;
  check(
    MODEL_CLASSES.has(className),
    `${file}: the model is a ${shown(className)}; Axon imports Sequential and Functional models.`
  );
  check(Array.isArray(rawLayers), `${file}: the ${className} model has no list of layers.`);
  if (rawLayers.length > MAX_LAYERS) {
    throw new ModelImportError(`${file}: the model has ${rawLayers.length} layers; Axon imports at most ${MAX_LAYERS}.`);
  }
  const name = isRecord(config) && typeof config.name === 'string' ? config.name : 'model';
  return className === 'Sequential' ? sequential(name, rawLayers, file) : functional(name, config as Record<string, unknown>, file);
}
