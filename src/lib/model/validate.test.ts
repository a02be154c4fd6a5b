import { describe, expect, it } from 'vitest';
import { apply } from './apply';
import { buildStack, defaultClassificationDoc } from './build';
import type { NetworkDoc, NodeRecord } from './document';
import { MAX_GROUPS, MAX_PARAMETERS } from '../limits';
import { validate } from './validate';

const dense = (id: string, units = 2, extra: Partial<NodeRecord> = {}): NodeRecord => ({
  id,
  kind: 'dense',
  label: id,
  x: 0,
  y: 0,
  units,
  activation: 'relu',
  ...extra
});
const messages = (doc: NetworkDoc) => validate(doc).map((p) => p.message);

describe('validate', () => {
  it('finds nothing wrong with a well-formed network', () => {
    expect(validate(defaultClassificationDoc())).toEqual([]);
  });

  it('reports an empty document: no input, no output', () => {
    expect(validate({ nodes: [], edges: [] })).toEqual([
      { nodeIds: [], message: 'The network has no input: add an input node.' },
      { nodeIds: [], message: 'The network has no output: add an output node.' }
    ]);
  });

  it('reports two outputs by name', () => {
    const doc = apply(defaultClassificationDoc(), { type: 'updateNode', id: 'h2', patch: { kind: 'output', label: 'y2' } });
    const problems = validate(doc);
    expect(problems[0]).toEqual({
      nodeIds: ['h2', 'out1'],
      message: 'There are 2 outputs (“y2”, “out”): a network has exactly one. Make the others dense layers or delete them.'
    });
  });

  it('reports an output that no input reaches', () => {
    const doc = apply(defaultClassificationDoc(), { type: 'removeEdge', id: 'e4' });
    expect(validate(doc)).toEqual([
      { nodeIds: ['h2'], message: '“h2” has no outgoing wire: connect it towards the output or delete it.' },
      { nodeIds: ['out1'], message: 'No path from the inputs to “out”: connect a wire into it.' }
    ]);
  });

  it('reports a layer with no incoming wire and an unwired input', () => {
    let doc = defaultClassificationDoc();
    doc = apply(doc, { type: 'removeEdge', id: 'e2' });
    doc = apply(doc, { type: 'addNode', node: dense('h3') });
    doc = apply(doc, { type: 'addEdge', edge: { id: 'e9', from: 'h3', to: 'out1' } });
    expect(validate(doc)).toEqual([
      { nodeIds: ['in2'], message: 'Input “x2” has no outgoing wire: connect it to a layer or delete it.' },
      { nodeIds: ['h3'], message: '“h3” has no incoming wire: connect an input or a layer into it.' }
    ]);
  });

  it('reports softmax with one unit (output or hidden); softmax over several hidden units is fine', () => {
    let doc = apply(defaultClassificationDoc(), { type: 'updateNode', id: 'out1', patch: { activation: 'softmax' } });
    expect(messages(doc)).toEqual(['Softmax needs at least 2 units; use sigmoid for one.']);
    doc = apply(doc, { type: 'updateNode', id: 'out1', patch: { units: 2 } });
    expect(messages(doc)).toEqual([]);
    doc = apply(doc, { type: 'updateNode', id: 'h1', patch: { activation: 'softmax' } });
    expect(messages(doc)).toEqual([]);
    doc = apply(doc, { type: 'updateNode', id: 'h1', patch: { units: 1 } });
    expect(messages(doc)).toEqual(['“h1”: softmax needs at least 2 units; use sigmoid for one.']);
  });

  it('reports zero, fractional and too many units', () => {
    const set = (id: string, units: number) => messages(apply(defaultClassificationDoc(), { type: 'updateNode', id, patch: { units } }));
    expect(set('h1', 0)).toEqual(['“h1” has 0 units: give it at least 1.']);
    expect(set('h1', 2.5)).toEqual(['“h1” needs a whole number of units (it has 2.5).']);
    expect(set('h1', 1025)).toEqual(['“h1” has 1025 units; the limit is 1024 per layer.']);
    expect(set('h1', 1024)).toEqual([]);
    const big = buildStack({
      inputs: [{ label: 'x', features: Array.from({ length: 2049 }, (_, a) => ({ op: 'id' as const, a })) }],
      hidden: [],
      output: { units: 1, activation: 'sigmoid' }
    });
    expect(messages(big)).toEqual(['“x” has 2049 units; the limit is 2048 for an input.']);
  });

  it('reports inputs whose features do not match their units', () => {
    const doc = apply(defaultClassificationDoc(), { type: 'updateNode', id: 'in1', patch: { units: 2 } });
    expect(messages(doc)).toEqual(['Input “x1” has 2 units but 1 feature: pick one feature per unit.']);
  });

  it('reports dropout outside [0, 1) and negative penalties', () => {
    const set = (patch: Partial<NodeRecord>) => messages(apply(defaultClassificationDoc(), { type: 'updateNode', id: 'h2', patch }));
    expect(set({ dropout: 1 })).toEqual(['“h2” has dropout 1: it must be at least 0 and below 1.']);
    expect(set({ dropout: -0.1 })).toEqual(['“h2” has dropout -0.1: it must be at least 0 and below 1.']);
    expect(set({ dropout: 0.99 })).toEqual([]);
    expect(set({ l2: -1 })).toEqual(['“h2” has L2 rate -1: it must be 0 or more.']);
  });

  it('reports a cycle (from a bad import), wires to missing nodes, duplicates and wrong directions', () => {
    const doc = defaultClassificationDoc();
    const bad: NetworkDoc = {
      nodes: [...doc.nodes, { ...doc.nodes[2] }],
      edges: [
        ...doc.edges,
        { id: 'e5', from: 'h2', to: 'h1' },
        { id: 'e6', from: 'h2', to: 'ghost' },
        { id: 'e7', from: 'h1', to: 'h2' },
        { id: 'e8', from: 'h2', to: 'in1' },
        { id: 'e9', from: 'out1', to: 'h1' }
      ]
    };
    expect(validate(bad)).toEqual([
      { nodeIds: ['h1'], message: 'Two nodes share the id "h1": every node needs its own id.' },
      { nodeIds: ['h2'], message: 'A wire (e6) is attached to “ghost”, which does not exist: delete the wire.' },
      { nodeIds: ['h1', 'h2'], message: '“h1” → “h2” is wired twice: delete one of the wires.' },
      { nodeIds: ['in1'], message: 'Input “x1” has an incoming wire from “h2”: inputs take data, not wires.' },
      { nodeIds: ['out1'], message: 'The output “out” has an outgoing wire to “h1”: nothing may come after the output.' },
      { nodeIds: ['h1', 'h2', 'out1'], message: 'The wires go round in a cycle: “h1” → “h2” → “out” → “h1”. Remove one of these wires.' }
    ]);
    // Deterministic: the same document always gives the same list.
    expect(validate(bad)).toEqual(validate(JSON.parse(JSON.stringify(bad))));
  });

  it('refuses a network over the parameter limit, naming its count and the limit', () => {
    // The 50-layer chain of 1,024 units that used to sit at "Loading the data…": (2·1024 + 1024) + 49·(1024² + 1024) + (1024 + 1) parameters.
    const chain = buildStack({
      inputs: [{ label: 'x', features: [{ op: 'id', a: 0 }, { op: 'id', a: 1 }] }],
      hidden: Array.from({ length: 50 }, () => ({ units: 1024, activation: 'relu' as const })),
      output: { units: 1, activation: 'sigmoid' }
    });
    const problem = validate(chain).find((p) => p.message.includes('parameters'));
    expect(problem?.message).toBe(
      `The network has 51,434,497 parameters; the limit is ${MAX_PARAMETERS.toLocaleString('en-US')}. Use fewer or smaller layers.`
    );
  });

  it('accepts a network just under the parameter limit', () => {
    // 784 inputs → 1,024 → 10 is MNIST with a big hidden layer: about 815,000 parameters.
    const mnist = buildStack({
      inputs: [{ label: 'pixels', features: Array.from({ length: 784 }, (_, a) => ({ op: 'id' as const, a })) }],
      hidden: [{ units: 1024, activation: 'relu' }],
      output: { units: 10, activation: 'softmax' }
    });
    expect(validate(mnist)).toEqual([]);
  });

  it('refuses more nodes than the limit', () => {
    const doc = defaultClassificationDoc();
    const many = { ...doc, nodes: [...doc.nodes, ...Array.from({ length: MAX_GROUPS }, (_, i) => dense(`extra${i}`))] };
    expect(messages(many)).toContain(`The network has ${(MAX_GROUPS + doc.nodes.length).toLocaleString('en-US')} nodes; the limit is ${MAX_GROUPS}. Delete some.`);
  });
});
