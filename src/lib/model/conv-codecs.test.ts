/** Conv, pool, flatten and image-input nodes through the file and link codecs, with their bounds. */
import { describe, expect, it } from 'vitest';
import { defaultState } from './defaults';
import type { NetworkDoc, NodeRecord } from './document';
import { exportStateJson, importStateJson } from './file';
import type { PlaygroundState } from './playground';
import { parseState } from './schema';
import { paramCounts } from './spec';
import { decodeState, encodeState } from './url';

const node = (id: string, kind: NodeRecord['kind'], extra: Partial<NodeRecord> = {}): NodeRecord => ({
  id,
  kind,
  label: id,
  x: 10,
  y: 20,
  units: 1,
  activation: kind === 'conv' ? 'relu' : kind === 'output' ? 'softmax' : 'linear',
  ...extra
});

function convState(): PlaygroundState {
  const nodes = [
    node('x', 'input', { image: { height: 28, width: 28, channels: 1 }, units: 784 }),
    node('c1', 'conv', { units: 6, conv: { filters: 6, kernelSize: 5, stride: 1, padding: 'valid' }, dropout: 0.1, l2: 0.001 }),
    node('p1', 'pool', { pool: { mode: 'avg', poolSize: 2, stride: 2 } }),
    node('f', 'flatten'),
    node('out', 'output', { units: 10 })
  ];
  const doc: NetworkDoc = { nodes, edges: nodes.slice(1).map((n, i) => ({ id: `e${i + 1}`, from: nodes[i].id, to: n.id })) };
  return { ...defaultState(), doc, data: { kind: 'mnist', trainCount: 8000, testCount: 2000 } };
}

describe('conv documents in files and links', () => {
  it('round-trip through a file with their weights', () => {
    const state = convState();
    const count = paramCounts(state.doc).total;
    expect(count).toBe(5 * 5 * 6 + 6 + 12 * 12 * 6 * 10 + 10);
    const params = Array.from({ length: count }, (_, i) => (i % 7) / 8);
    const frozen = params.map((_, i) => (i < 6 ? 1 : 0));
    expect(importStateJson(exportStateJson(state, { params, frozen }))).toEqual({ ok: true, state, weights: { params, frozen } });
  });

  it('round-trip through a link with their weights', async () => {
    const state = convState();
    const params = Float32Array.from({ length: paramCounts(state.doc).total }, (_, i) => i / 1000);
    const decoded = await decodeState(await encodeState(state, { params, frozen: null }));
    expect(decoded.state).toEqual(state);
    expect(decoded.weights?.params).toEqual(params);
  });

  it('refuse layer settings beyond their bounds, naming the field', () => {
    const bad = (patch: Partial<NodeRecord>, index = 1) => {
      const state = convState();
      state.doc.nodes[index] = { ...state.doc.nodes[index], ...patch };
      const result = parseState(JSON.parse(JSON.stringify(state)));
      return result.ok ? [] : result.errors;
    };
    expect(bad({ conv: { filters: 6, kernelSize: 16, stride: 1, padding: 'valid' } })).toEqual(['doc.nodes[1].conv.kernelSize: must be at most 15 (got 16)']);
    expect(bad({ conv: { filters: 257, kernelSize: 3, stride: 1, padding: 'valid' } })).toEqual(['doc.nodes[1].conv.filters: must be at most 256 (got 257)']);
    expect(bad({ conv: { filters: 6, kernelSize: 3, stride: 9, padding: 'valid' } })).toEqual(['doc.nodes[1].conv.stride: must be at most 8 (got 9)']);
    expect(bad({ conv: { filters: 6, kernelSize: 3, stride: 1, padding: 'full' as 'same' } })[0]).toMatch(/^doc\.nodes\[1\]\.conv\.padding: unknown "full"/);
    expect(bad({ pool: { mode: 'max', poolSize: 9, stride: 2 } }, 2)).toEqual(['doc.nodes[2].pool.poolSize: must be at most 8 (got 9)']);
    expect(bad({ image: { height: 65, width: 28, channels: 1 } }, 0)).toEqual(['doc.nodes[0].image.height: must be at most 64 (got 65)']);
    expect(bad({ image: { height: 28, width: 28, channels: 5 } }, 0)).toEqual(['doc.nodes[0].image.channels: must be at most 4 (got 5)']);
    // A stride of 0 is read, then explained on the node by validate() (it is a mistake, not an attack).
    expect(bad({ conv: { filters: 6, kernelSize: 3, stride: 0, padding: 'valid' } })).toEqual([]);
  });
});
