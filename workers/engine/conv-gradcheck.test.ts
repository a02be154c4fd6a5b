/**
 * Conv2D, MaxPool2D, AvgPool2D and Flatten against central differences (float64, the same
 * machinery and tolerances as gradcheck.test.ts): strides 1 and 2, both paddings (with the odd
 * 'same' split), odd sizes, several input channels, overlapping pools, PReLU, dropout and penalties
 * on image groups, and the error sent back to the image itself. Then the same cases on float32
 * buffers on both kernel paths.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Activation, GroupSpec, Loss, NetworkSpec, Padding } from '../protocol';
import { backward } from './backward';
import { analytic, analyticF32, expectClose, expectCloseF32, expectSomeGradient, lossOf, makeCase, numeric } from './gradcheck-support';
import { setKernelMode } from './kernels';
import { addRegularisation } from './optimizers';

const image = (h: number, w: number, c: number): GroupSpec => ({ id: 'x', kind: 'input', units: 0, activation: 'linear', image: { height: h, width: w, channels: c } });
const conv = (id: string, filters: number, k: number, stride: number, padding: Padding, activation: Activation = 'tanh', extra: Partial<GroupSpec> = {}): GroupSpec => ({
  id,
  kind: 'hidden',
  units: 0,
  activation,
  layer: { type: 'conv2d', filters, kernelSize: k, stride, padding },
  ...extra
});
const pool = (id: string, mode: 'max' | 'avg', size: number, stride: number): GroupSpec => ({
  id,
  kind: 'hidden',
  units: 0,
  activation: 'linear',
  layer: { type: 'pool2d', mode, poolSize: size, stride }
});
const flatten = (extra: Partial<GroupSpec> = {}): GroupSpec => ({ id: 'f', kind: 'hidden', units: 0, activation: 'linear', layer: { type: 'flatten' }, ...extra });
const out = (units: number, activation: Activation): GroupSpec => ({ id: 'out', kind: 'output', units, activation });
const chain = (...groups: GroupSpec[]): NetworkSpec => ({ groups, edges: groups.slice(1).map((g, i) => ({ from: groups[i].id, to: g.id })) });

interface ConvCase {
  name: string;
  spec: NetworkSpec;
  loss: Loss;
  n: number;
  dropoutSeed?: number;
}

const cases: ConvCase[] = [
  { name: 'conv 3×3 same, stride 1, 7×5×2, 3 filters', spec: chain(image(7, 5, 2), conv('c', 3, 3, 1, 'same'), flatten(), out(3, 'softmax')), loss: 'cce', n: 3 },
  { name: 'conv 3×3 valid, stride 2, 7×7×3', spec: chain(image(7, 7, 3), conv('c', 2, 3, 2, 'valid'), flatten(), out(2, 'linear')), loss: 'mse', n: 2 },
  { name: 'conv 4×4 same, stride 2 (odd padding split), 9×7×2', spec: chain(image(9, 7, 2), conv('c', 2, 4, 2, 'same', 'sigmoid'), flatten(), out(3, 'softmax')), loss: 'cce', n: 2 },
  { name: 'conv 2×2 same, stride 1, even kernel (padding after)', spec: chain(image(5, 6, 1), conv('c', 2, 2, 1, 'same', 'elu'), flatten(), out(2, 'linear')), loss: 'mse', n: 2 },
  {
    name: 'conv valid → max pool 2/2 on an odd side (last row dropped) → conv same stride 2',
    spec: chain(image(9, 9, 2), conv('c1', 3, 3, 1, 'valid'), pool('p', 'max', 2, 2), conv('c2', 2, 3, 2, 'same', 'prelu'), flatten(), out(3, 'softmax')),
    loss: 'cce',
    n: 2
  },
  {
    name: 'overlapping max pool 3/1 and avg pool 3/2',
    spec: chain(image(8, 7, 2), conv('c1', 2, 3, 1, 'same'), pool('p1', 'max', 3, 1), pool('p2', 'avg', 3, 2), flatten(), out(2, 'linear')),
    loss: 'mse',
    n: 2
  },
  {
    name: 'LeNet-style: conv → avg pool → conv relu → max pool → flatten → dense → softmax',
    spec: chain(image(10, 10, 1), conv('c1', 3, 3, 1, 'same'), pool('p1', 'avg', 2, 2), conv('c2', 4, 3, 1, 'valid', 'relu'), pool('p2', 'max', 3, 3), flatten(), { id: 'h', kind: 'hidden', units: 5, activation: 'tanh' }, out(3, 'softmax')),
    loss: 'cce',
    n: 3
  },
  {
    name: 'dropout on a conv group and on the flatten',
    spec: chain(image(6, 6, 2), conv('c', 3, 3, 1, 'same', 'tanh', { dropout: 0.4 }), pool('p', 'max', 2, 2), flatten({ dropout: 0.3 }), out(2, 'softmax')),
    loss: 'cce',
    n: 3,
    dropoutSeed: 77
  }
];

describe('gradient check: conv, pool and flatten layers', () => {
  cases.forEach((c, i) => {
    it(c.name, () => {
      const k = makeCase(c.spec, c.loss, c.n, 400 + i, c.dropoutSeed ?? null);
      const a = analytic(k);
      expectClose(a, numeric((p) => lossOf(k, p), k.params), c.name);
      expectSomeGradient(a);
      // Every kernel weight of the first conv is used by some output pixel: each gets a gradient.
      const first = k.program.groups.find((g) => g.layer?.type === 'conv2d')!;
      const kernel = a.subarray(first.kernelOffset, first.biasOffset);
      expect(kernel.every((v) => v !== 0)).toBe(true);
    });
  });

  it('L1 and L2 on a conv kernel (network and per group) act on the kernel, not on biases', () => {
    const spec = chain(image(6, 5, 2), conv('c', 3, 3, 1, 'valid', 'tanh', { l1: 0.02, l2: 0.05 }), flatten(), out(2, 'linear'));
    const k = makeCase(spec, 'mse', 2, 31);
    const c = k.program.groups.find((g) => g.id === 'c')!;
    const o = k.program.groups.find((g) => g.id === 'out')!;
    const penalty = (p: Float64Array): number => {
      let s = 0;
      for (let i = c.kernelOffset; i < c.biasOffset; i++) s += 0.03 * Math.abs(p[i]) + 0.06 * p[i] * p[i];
      const dense = o.inEdges[0];
      for (let i = dense.offset; i < dense.offset + dense.weightCount; i++) s += 0.01 * Math.abs(p[i]) + 0.01 * p[i] * p[i];
      return s;
    };
    const a = analytic(k);
    addRegularisation(k.program, k.params, a, 0.01, 0.01);
    expectClose(a, numeric((p) => lossOf(k, p) + penalty(p), k.params), 'conv penalties');
  });

  it('sends the error back to the image pixels (col2im, the adjoint of im2col)', () => {
    const spec = chain(image(7, 6, 2), conv('c', 2, 3, 2, 'same'), flatten(), out(2, 'softmax'));
    const k = makeCase(spec, 'cce', 2, 55);
    const x = k.ws.a[0];
    const len = 2 * 7 * 6 * 2;
    lossOf(k, k.params);
    backward(k.program, k.ws, k.params, new Float64Array(k.params.length), k.n, k.loss, 0.7, true);
    const dx = Float64Array.from(k.ws.da[0].subarray(0, len));
    const pixels = Float64Array.from(x.subarray(0, len));
    const numericDx = numeric((p) => {
      x.set(p);
      const l = lossOf(k, k.params);
      x.set(pixels);
      return l;
    }, pixels);
    expectClose(dx, numericDx, 'input pixels');
    expectSomeGradient(dx);
  });
});

for (const mode of ['js', 'wasm'] as const) {
  describe(`conv float32 gradients on the ${mode} kernel path match the checked float64 ones`, () => {
    afterAll(() => setKernelMode('auto'));
    it('every conv case', () => {
      setKernelMode(mode);
      cases.forEach((c, i) => {
        const k = makeCase(c.spec, c.loss, c.n, 400 + i, c.dropoutSeed ?? null);
        expectCloseF32(analyticF32(k), analytic(k), `${mode}: ${c.name}`);
      });
    });
  });
}
