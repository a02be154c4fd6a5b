import { describe, expect, it } from 'vitest';
import type { GroupSpec, LayerSpec, NetworkSpec } from '../protocol';
import { inferShapes, outputSide, padBefore } from './shapes';

const image = (id: string, height: number, width = height, channels = 1): GroupSpec => ({
  id,
  kind: 'input',
  units: 0,
  activation: 'linear',
  image: { height, width, channels }
});
const conv = (id: string, filters: number, kernelSize: number, padding: 'valid' | 'same' = 'same', stride = 1): GroupSpec => ({
  id,
  kind: 'hidden',
  units: 0,
  activation: 'relu',
  layer: { type: 'conv2d', filters, kernelSize, stride, padding }
});
const pool = (id: string, poolSize: number, stride = poolSize, mode: 'max' | 'avg' = 'max'): GroupSpec => ({
  id,
  kind: 'hidden',
  units: 0,
  activation: 'linear',
  layer: { type: 'pool2d', mode, poolSize, stride }
});
const flatten = (id: string): GroupSpec => ({ id, kind: 'hidden', units: 0, activation: 'linear', layer: { type: 'flatten' } });
const dense = (id: string, units: number, kind: 'hidden' | 'output' = 'hidden'): GroupSpec => ({ id, kind, units, activation: kind === 'output' ? 'softmax' : 'relu' });
const chain = (...groups: GroupSpec[]): NetworkSpec => ({
  groups,
  edges: groups.slice(1).map((g, i) => ({ from: groups[i].id, to: g.id }))
});

/** The ConvNetJS MNIST net, as in its demo. */
const convnetjsSpec = (): NetworkSpec =>
  chain(image('x', 24), conv('c1', 8, 5), pool('p1', 2), conv('c2', 16, 5), pool('p2', 3), flatten('f'), dense('out', 10, 'output'));

describe('inferShapes', () => {
  it('gives the ConvNetJS net Keras’ shapes and parameter counts (208 + 3,216 + 2,570 = 5,994)', () => {
    const r = inferShapes(convnetjsSpec());
    expect(r.problems).toEqual([]);
    expect(r.shapes).toEqual({
      x: { height: 24, width: 24, channels: 1 },
      c1: { height: 24, width: 24, channels: 8 },
      p1: { height: 12, width: 12, channels: 8 },
      c2: { height: 12, width: 12, channels: 16 },
      p2: { height: 4, width: 4, channels: 16 },
      f: null,
      out: null
    });
    expect(r.units).toEqual({ x: 576, c1: 4608, p1: 1152, c2: 2304, p2: 256, f: 256, out: 10 });
    expect(r.params).toEqual({ x: 0, c1: 208, p1: 0, c2: 3216, p2: 0, f: 0, out: 2570 });
    expect(Object.values(r.params).reduce((a, b) => a + b, 0)).toBe(5994);
  });

  it('uses Keras’ output formulas for valid and same padding, odd sizes and strides', () => {
    expect(outputSide(28, 5, 1, 'valid')).toBe(24);
    expect(outputSide(7, 3, 2, 'valid')).toBe(3);
    expect(outputSide(7, 3, 2, 'same')).toBe(4);
    expect(outputSide(4, 5, 1, 'valid')).toBeNull();
    expect(outputSide(4, 5, 1, 'same')).toBe(4);
    // TF puts the odd pixel of 'same' padding after: 7 wide, k 4, stride 1 → total 3, 1 before.
    expect(padBefore(7, 7, 4, 1, 'same')).toBe(1);
    expect(padBefore(8, 4, 3, 2, 'same')).toBe(0);
    expect(padBefore(7, 4, 3, 2, 'same')).toBe(1);
    expect(padBefore(7, 3, 3, 2, 'valid')).toBe(0);
    const r = inferShapes(chain(image('x', 9, 7, 3), conv('c', 4, 3, 'valid', 2), flatten('f'), dense('out', 2, 'output')));
    expect(r.shapes.c).toEqual({ height: 4, width: 3, channels: 4 });
    expect(r.params.c).toBe(3 * 3 * 3 * 4 + 4);
    expect(r.units.f).toBe(48);
    expect(r.params.out).toBe(48 * 2 + 2);
  });

  it('names the group, its input and the shapes when a kernel or pool does not fit', () => {
    const r = inferShapes(chain(image('x', 4), conv('c', 2, 5, 'valid'), flatten('f'), dense('out', 2, 'output')));
    expect(r.problems).toEqual([
      { groupId: 'c', message: `conv "c": its 5×5 window is larger than its input "x" (4×4×1); use a smaller kernel or 'same' padding` }
    ]);
    const p = inferShapes(chain(image('x', 6), conv('c', 2, 3, 'valid'), pool('p', 5), flatten('f'), dense('out', 2, 'output')));
    expect(p.problems.map((q) => q.groupId)).toEqual(['p']);
    expect(p.problems[0].message).toContain('"c" (4×4×2)');
  });

  it('refuses stride 0 and zero filters, once, without blaming what reads them', () => {
    const bad = (layer: LayerSpec) => inferShapes(chain(image('x', 8), { ...conv('c', 1, 3), layer }, flatten('f'), dense('out', 2, 'output')));
    expect(bad({ type: 'conv2d', filters: 2, kernelSize: 3, stride: 0, padding: 'same' }).problems).toEqual([
      { groupId: 'c', message: 'conv "c" has stride 0: use a whole number ≥ 1' }
    ]);
    expect(bad({ type: 'conv2d', filters: 0, kernelSize: 3, stride: 1, padding: 'same' }).problems.map((q) => q.groupId)).toEqual(['c']);
    expect(bad({ type: 'pool2d', mode: 'max', poolSize: 2, stride: 0 }).problems[0].message).toBe('pool "c" has stride 0: use a whole number ≥ 1');
  });

  it('offers a Flatten when a dense group reads an image group', () => {
    const r = inferShapes(chain(image('x', 8), conv('c', 2, 3), dense('out', 2, 'output')));
    expect(r.problems).toEqual([
      { groupId: 'out', message: 'dense "out" reads image "c" (8×8×2): insert a Flatten between "c" and "out"', fix: 'insertFlatten', from: 'c' }
    ]);
    // Still counted as Keras would after the Flatten.
    expect(r.params.out).toBe(128 * 2 + 2);
  });

  it('refuses a conv fed by a flat point set, and a conv with two inputs', () => {
    const points: GroupSpec = { id: 'xy', kind: 'input', units: 2, activation: 'linear', features: [{ op: 'id', a: 0 }, { op: 'id', a: 1 }] };
    const r = inferShapes(chain(points, conv('c', 2, 3), flatten('f'), dense('out', 2, 'output')));
    expect(r.problems).toEqual([
      { groupId: 'c', message: 'conv "c" needs an image input, but "xy" (flat, 2 units) is flat: connect an image input or a conv/pool layer' }
    ]);
    const two: NetworkSpec = {
      groups: [image('a', 8), image('b', 8), conv('c', 2, 3), flatten('f'), dense('out', 2, 'output')],
      edges: [{ from: 'a', to: 'c' }, { from: 'b', to: 'c' }, { from: 'c', to: 'f' }, { from: 'f', to: 'out' }]
    };
    expect(inferShapes(two).problems).toEqual([{ groupId: 'c', message: 'conv "c" has 2 inputs ("a", "b"): it takes exactly one' }]);
  });

  it('leaves dense-only networks as they are', () => {
    const xy: GroupSpec = { id: 'xy', kind: 'input', units: 2, activation: 'linear', features: [{ op: 'id', a: 0 }, { op: 'id', a: 1 }] };
    const prelu: GroupSpec = { id: 'h', kind: 'hidden', units: 3, activation: 'prelu' };
    const r = inferShapes(chain(xy, prelu, dense('out', 1, 'output')));
    expect(r).toEqual({ shapes: { xy: null, h: null, out: null }, units: { xy: 2, h: 3, out: 1 }, params: { xy: 0, h: 12, out: 4 }, problems: [] });
  });
});
