/** The document side of conv nets: shapes, parameter counts, problems on the node, the Flatten repair, memory. */
import { describe, expect, it } from 'vitest';
import type { Feature } from '../../../workers/protocol';
import { apply } from './apply';
import type { NetworkDoc, NodeRecord } from './document';
import { insertFlatten } from './fixes';
import { paramCounts, toSpec } from './spec';
import { memoryWarning, validate } from './validate';

const node = (id: string, kind: NodeRecord['kind'], extra: Partial<NodeRecord> = {}): NodeRecord => ({
  id,
  kind,
  label: id,
  x: 0,
  y: 0,
  units: 1,
  activation: kind === 'conv' ? 'relu' : kind === 'output' ? 'softmax' : 'linear',
  ...extra
});
const wire = (from: string, to: string, id = `${from}-${to}`) => ({ id, from, to });

/** The ConvNetJS MNIST net as a document. */
function convnetjs(): NetworkDoc {
  const nodes = [
    node('x', 'input', { image: { height: 24, width: 24, channels: 1 }, units: 576 }),
    node('c1', 'conv', { units: 8, conv: { filters: 8, kernelSize: 5, stride: 1, padding: 'same' } }),
    node('p1', 'pool', { pool: { mode: 'max', poolSize: 2, stride: 2 } }),
    node('c2', 'conv', { units: 16, conv: { filters: 16, kernelSize: 5, stride: 1, padding: 'same' } }),
    node('p2', 'pool', { pool: { mode: 'max', poolSize: 3, stride: 3 } }),
    node('f', 'flatten'),
    node('out', 'output', { units: 10 })
  ];
  return { nodes, edges: nodes.slice(1).map((n, i) => wire(nodes[i].id, n.id)) };
}

describe('conv documents', () => {
  it('the ConvNetJS net is valid and has Keras’ parameter counts (208 + 3,216 + 2,570 = 5,994)', () => {
    const doc = convnetjs();
    expect(validate(doc)).toEqual([]);
    const counts = paramCounts(doc);
    expect(counts.perNode).toEqual({ x: 0, c1: 208, p1: 0, c2: 3216, p2: 0, f: 0, out: 2570 });
    expect(counts.total).toBe(5994);
  });

  it('toSpec maps conv, pool and flatten nodes to the engine’s layers, and image inputs to image groups', () => {
    const spec = toSpec(convnetjs());
    expect(spec.groups[0]).toEqual({ id: 'x', name: 'x', kind: 'input', units: 576, activation: 'linear', image: { height: 24, width: 24, channels: 1 } });
    expect(spec.groups[1].layer).toEqual({ type: 'conv2d', filters: 8, kernelSize: 5, stride: 1, padding: 'same' });
    expect(spec.groups[2]).toMatchObject({ activation: 'linear', layer: { type: 'pool2d', mode: 'max', poolSize: 2, stride: 2 } });
    expect(spec.groups[5].layer).toEqual({ type: 'flatten' });
  });

  it('reports a kernel larger than its input on the conv node, saying how to fix it', () => {
    const doc = apply(convnetjs(), { type: 'updateNode', id: 'c2', patch: { conv: { filters: 16, kernelSize: 13, stride: 1, padding: 'valid' } } });
    expect(validate(doc)).toEqual([
      { nodeIds: ['c2'], message: `Conv "c2": its 13×13 window is larger than its input "p1" (12×12×8); use a smaller kernel or 'same' padding.` }
    ]);
  });

  it('reports a stride of 0 and a pool that does not fit', () => {
    let doc = apply(convnetjs(), { type: 'updateNode', id: 'c1', patch: { conv: { filters: 8, kernelSize: 5, stride: 0, padding: 'same' } } });
    expect(validate(doc).map((p) => p.message)).toEqual(['Conv "c1" has stride 0: use a whole number ≥ 1.']);
    doc = apply(convnetjs(), { type: 'updateNode', id: 'c2', patch: { conv: { filters: 16, kernelSize: 5, stride: 2, padding: 'same' } } });
    doc = apply(doc, { type: 'updateNode', id: 'p2', patch: { pool: { mode: 'avg', poolSize: 8, stride: 8 } } });
    expect(validate(doc)).toEqual([
      { nodeIds: ['p2'], message: 'Pool "p2": its 8×8 window is larger than its input "c2" (6×6×16); use a smaller pool.' }
    ]);
  });

  it('offers a Flatten for a dense layer wired to an image, and the repair makes the network valid', () => {
    let doc = convnetjs();
    doc = apply(doc, { type: 'removeNode', id: 'f' });
    doc = apply(doc, { type: 'addEdge', edge: wire('p2', 'out') });
    const [problem] = validate(doc);
    expect(problem).toEqual({
      nodeIds: ['out'],
      message: 'Dense "out" reads image "p2" (4×4×16): insert a Flatten between "p2" and "out".',
      fix: { kind: 'insertFlatten', from: 'p2', to: 'out' }
    });
    const repaired = apply(doc, insertFlatten(doc, 'p2', 'out')!);
    expect(validate(repaired)).toEqual([]);
    expect(paramCounts(repaired).total).toBe(5994);
    expect(insertFlatten(doc, 'c1', 'out')).toBeNull();
  });

  it('reports a 2-D point set wired to a conv node', () => {
    const features: Feature[] = [{ op: 'id', a: 0 }, { op: 'id', a: 1 }];
    const doc: NetworkDoc = {
      nodes: [node('xy', 'input', { units: 2, features }), node('c', 'conv', { units: 4, conv: { filters: 4, kernelSize: 3, stride: 1, padding: 'same' } }), node('f', 'flatten'), node('out', 'output', { units: 2 })],
      edges: [wire('xy', 'c'), wire('c', 'f'), wire('f', 'out')]
    };
    expect(validate(doc)).toEqual([
      { nodeIds: ['c'], message: 'Conv "c" needs an image input, but "xy" (flat, 2 units) is flat: connect an image input or a conv/pool layer.' }
    ]);
  });

  it('holds conv, pool and image settings to their bounds', () => {
    let doc = apply(convnetjs(), { type: 'updateNode', id: 'c1', patch: { conv: { filters: 300, kernelSize: 5, stride: 1, padding: 'same' } } });
    expect(validate(doc).map((p) => p.message)).toContain('“c1” has filters 300; the limit is 256.');
    doc = apply(convnetjs(), { type: 'updateNode', id: 'x', patch: { image: { height: 24, width: 24, channels: 5 } } });
    expect(validate(doc).map((p) => p.message)).toContain('“x” has channels 5; the limit is 4.');
    doc = apply(convnetjs(), { type: 'updateNode', id: 'p1', unset: ['pool'], patch: {} });
    expect(validate(doc).map((p) => p.message)).toContain('Pool layer “p1” has no settings: choose its pool size and stride.');
  });

  it('warns about the memory of a big batch, and refuses it above the limit when told the batch size', () => {
    const big = apply(convnetjs(), { type: 'updateNode', id: 'c1', patch: { units: 64, conv: { filters: 64, kernelSize: 3, stride: 1, padding: 'same' } } });
    expect(memoryWarning(big, 20)).toBeNull();
    expect(memoryWarning(big, 256)).toMatch(/^This network needs about [\d,]+ MB of memory for a batch of 256/);
    expect(memoryWarning(big, 2000)).toBeNull(); // refused, not warned: validate() says so
    expect(validate(big, { batchSize: 20 })).toEqual([]);
    const refused = validate(big, { batchSize: 2000 });
    expect(refused).toHaveLength(1);
    expect(refused[0].message).toMatch(/needs about [\d,]+ MB of memory for a batch of 2,000; the limit is 384 MB/);
  });
});
