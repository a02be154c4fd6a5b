import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sameConv } from './w5-conv';

describe("W5's conv op with written-out gradients (what lets tfjs-wasm train it)", () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it("matches tfjs' own conv2d gradients, for the input and the kernel", () => {
    const x = tf.randomUniform([3, 7, 6, 2], -1, 1, 'float32', 1) as tf.Tensor4D;
    const k = tf.randomUniform([5, 5, 2, 4], -1, 1, 'float32', 2) as tf.Tensor4D;
    const w = tf.randomUniform([3, 7, 6, 4], -1, 1, 'float32', 3);
    const loss = (f: (a: tf.Tensor4D, b: tf.Tensor4D) => tf.Tensor4D) => (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(f(a as tf.Tensor4D, b as tf.Tensor4D), w));
    const [dxOurs, dkOurs] = tf.grads(loss((a, b) => sameConv(a, b, true)))([x, k]);
    const [dxTf, dkTf] = tf.grads(loss((a, b) => tf.conv2d(a, b, 1, 'same')))([x, k]);
    expect(sameConv(x, k, true).arraySync()).toEqual(tf.conv2d(x, k, 1, 'same').arraySync());
    const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0];
    expect(maxDiff(dxOurs, dxTf)).toBeLessThan(1e-4);
    expect(maxDiff(dkOurs, dkTf)).toBeLessThan(1e-4);
    expect(tf.max(tf.abs(dkTf)).dataSync()[0]).toBeGreaterThan(0.1);
  });
});
