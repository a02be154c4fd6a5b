/**
 * Explains, in words a learner understands, why a document cannot be trained yet.
 * Runs before compile-to-spec; the editor shows each problem on the nodes it names.
 */
import { inferShapes, memoryMessage } from '../../../workers/engine';
import type { NetworkDoc, NodeRecord } from './document';
import { findCycle, predecessors, reachable, successors } from './graph';
import { formatLimit, MAX_GROUPS, MAX_INPUT_UNITS, MAX_PARAMETERS, MAX_UNITS } from '../limits';
import { layerProblems } from './layer-bounds';
import { paramCounts, toSpec } from './spec';

// The unit limits live with the others in limits.ts; they are re-exported for the code that reads them here.
export { MAX_INPUT_UNITS, MAX_UNITS };

export interface Problem {
  /** the nodes to highlight (may be empty for whole-network problems) */
  nodeIds: string[];
  message: string;
  /** a repair the editor can offer: a Flatten node on the wire from → to (see insertFlatten in fixes.ts) */
  fix?: { kind: 'insertFlatten'; from: string; to: string };
}

export interface ValidateOptions {
  /** samples per training step (the whole training set for batch size 0): refuses a batch whose buffers exceed the memory limit */
  batchSize?: number;
}

/**
 * Every problem of the document, in a fixed order: whole-network problems, then each node's settings
 * (in document order), then the wires, then cycles, then image-shape problems (the engine's inferShapes), then
 * missing connections (in document order).
 */
export function validate(doc: NetworkDoc, options: ValidateOptions = {}): Problem[] {
  const problems: Problem[] = [];
  const name = (node: NodeRecord) => `“${node.label.trim() !== '' ? node.label : node.id}”`;
  const byId = new Map<string, NodeRecord>();
  const duplicates = new Set<string>();
  for (const node of doc.nodes) {
    if (byId.has(node.id)) duplicates.add(node.id);
    else byId.set(node.id, node);
  }
  const label = (id: string) => (byId.has(id) ? name(byId.get(id)!) : `“${id}”`);

  const inputs = doc.nodes.filter((n) => n.kind === 'input');
  const outputs = doc.nodes.filter((n) => n.kind === 'output');
  if (inputs.length === 0) problems.push({ nodeIds: [], message: 'The network has no input: add an input node.' });
  if (outputs.length === 0) problems.push({ nodeIds: [], message: 'The network has no output: add an output node.' });
  if (outputs.length > 1) {
    problems.push({
      nodeIds: outputs.map((n) => n.id),
      message: `There are ${outputs.length} outputs (${outputs.map(name).join(', ')}): a network has exactly one. Make the others dense layers or delete them.`
    });
  }
  if (doc.nodes.length > MAX_GROUPS) {
    problems.push({ nodeIds: [], message: `The network has ${formatLimit(doc.nodes.length)} nodes; the limit is ${formatLimit(MAX_GROUPS)}. Delete some.` });
  }
  problems.push(...sizeProblems(doc));
  for (const id of duplicates) {
    problems.push({ nodeIds: [id], message: `Two nodes share the id "${id}": every node needs its own id.` });
  }

  for (const node of doc.nodes) problems.push(...nodeProblems(node, name(node)));

  const seenPairs = new Set<string>();
  for (const edge of doc.edges) {
    const from = byId.get(edge.from);
    const to = byId.get(edge.to);
    if (!from || !to) {
      const missing = !from ? edge.from : edge.to;
      problems.push({
        nodeIds: [from?.id, to?.id].filter((id): id is string => id !== undefined),
        message: `A wire (${edge.id}) is attached to “${missing}”, which does not exist: delete the wire.`
      });
      continue;
    }
    const pair = `${edge.from}\u0000${edge.to}`;
    if (seenPairs.has(pair)) {
      problems.push({ nodeIds: [from.id, to.id], message: `${name(from)} → ${name(to)} is wired twice: delete one of the wires.` });
    }
    seenPairs.add(pair);
    if (to.kind === 'input') {
      problems.push({ nodeIds: [to.id], message: `Input ${name(to)} has an incoming wire from ${name(from)}: inputs take data, not wires.` });
    }
    if (from.kind === 'output') {
      problems.push({ nodeIds: [from.id], message: `The output ${name(from)} has an outgoing wire to ${name(to)}: nothing may come after the output.` });
    }
  }

  const cycle = findCycle(doc);
  if (cycle) {
    problems.push({
      nodeIds: [...new Set(cycle)],
      message: `The wires go round in a cycle: ${cycle.map(label).join(' → ')}. Remove one of these wires.`
    });
  }

  // Image shapes: the engine's own rules (kernels that do not fit, flat data into a conv, …).
  const spec = toSpec(doc);
  for (const p of inferShapes(spec).problems) {
    problems.push(
      p.fix === 'insertFlatten' && p.from
        ? { nodeIds: [p.groupId], message: sentence(p.message), fix: { kind: 'insertFlatten', from: p.from, to: p.groupId } }
        : { nodeIds: [p.groupId], message: sentence(p.message) }
    );
  }
  if (options.batchSize !== undefined) {
    const memory = memoryMessage(spec, options.batchSize);
    if (memory?.level === 'refuse') problems.push({ nodeIds: [], message: memory.message });
  }

  const into = predecessors(doc);
  const outOf = successors(doc);
  const fromInputs = reachable(outOf, inputs.map((n) => n.id));
  for (const node of doc.nodes) {
    const hasIn = (into.get(node.id)?.length ?? 0) > 0;
    const hasOut = (outOf.get(node.id)?.length ?? 0) > 0;
    if (node.kind === 'input' && !hasOut) {
      problems.push({ nodeIds: [node.id], message: `Input ${name(node)} has no outgoing wire: connect it to a layer or delete it.` });
    }
    const layer = node.kind === 'dense' || node.kind === 'conv' || node.kind === 'pool' || node.kind === 'flatten';
    if (layer && !hasIn) {
      problems.push({ nodeIds: [node.id], message: `${name(node)} has no incoming wire: connect an input or a layer into it.` });
    }
    if (layer && !hasOut) {
      problems.push({ nodeIds: [node.id], message: `${name(node)} has no outgoing wire: connect it towards the output or delete it.` });
    }
    if (node.kind === 'output' && inputs.length > 0 && !fromInputs.has(node.id)) {
      problems.push({ nodeIds: [node.id], message: `No path from the inputs to ${name(node)}: connect a wire into it.` });
    }
  }
  return problems;
}

/**
 * The whole network's parameter count against the limit. Checked here, before the document reaches the
 * engine, so an oversized network is refused with its count instead of stalling the worker's allocation.
 */
function sizeProblems(doc: NetworkDoc): Problem[] {
  const total = paramCounts(doc).total;
  if (!(total > MAX_PARAMETERS)) return [];
  return [
    {
      nodeIds: [],
      message: `The network has ${formatLimit(total)} parameters; the limit is ${formatLimit(MAX_PARAMETERS)}. Use fewer or smaller layers.`
    }
  ];
}

/** The engine's messages start in lower case (they are also joined into SpecErrors): capitalise for the page. */
function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * Memory the network's buffers need at this batch size, when it is worth a warning before training
 * (the refusal above the limit is validate()'s, with its batchSize option); null otherwise.
 */
export function memoryWarning(doc: NetworkDoc, batchSize: number): string | null {
  const verdict = memoryMessage(toSpec(doc), batchSize);
  return verdict?.level === 'warn' ? verdict.message : null;
}

function nodeProblems(node: NodeRecord, name: string): Problem[] {
  const problems: Problem[] = [];
  const add = (message: string) => problems.push({ nodeIds: [node.id], message });
  if (node.kind === 'conv' || node.kind === 'pool' || node.kind === 'flatten' || (node.kind === 'input' && node.image)) {
    // Their size follows from the layer and the image: the bounds of those are checked instead.
    for (const message of layerProblems(node, name)) add(message);
    return [...problems, ...regularisationProblems(node, name)];
  }
  const limit = node.kind === 'input' ? MAX_INPUT_UNITS : MAX_UNITS;
  if (!Number.isInteger(node.units)) add(`${name} needs a whole number of units (it has ${node.units}).`);
  else if (node.units < 1) add(`${name} has ${node.units} units: give it at least 1.`);
  else if (node.units > limit) {
    add(`${name} has ${node.units} units; the limit is ${limit}${node.kind === 'input' ? ' for an input' : ' per layer'}.`);
  }

  // An image input's units are its pixels (HWC, read in order): it has no features to pick.
  if (node.kind === 'input' && !node.image) {
    const features = node.features?.length ?? 0;
    if (features !== node.units) {
      add(`Input ${name} has ${node.units} unit${node.units === 1 ? '' : 's'} but ${features} feature${features === 1 ? '' : 's'}: pick one feature per unit.`);
    }
  } else if (node.activation === 'softmax' && node.units === 1) {
    // Softmax over one unit is the constant 1: nothing can be learned through it.
    add(node.kind === 'output' ? 'Softmax needs at least 2 units; use sigmoid for one.' : `${name}: softmax needs at least 2 units; use sigmoid for one.`);
  }

  return [...problems, ...regularisationProblems(node, name)];
}

/** Dropout and weight penalties, the same for every kind of node. */
function regularisationProblems(node: NodeRecord, name: string): Problem[] {
  const problems: Problem[] = [];
  const add = (message: string) => problems.push({ nodeIds: [node.id], message });
  if (node.dropout !== undefined && !(node.dropout >= 0 && node.dropout < 1)) {
    add(`${name} has dropout ${node.dropout}: it must be at least 0 and below 1.`);
  }
  for (const key of ['l1', 'l2'] as const) {
    const rate = node[key];
    if (rate !== undefined && !(rate >= 0 && Number.isFinite(rate))) {
      add(`${name} has ${key.toUpperCase()} rate ${rate}: it must be 0 or more.`);
    }
  }
  return problems;
}
