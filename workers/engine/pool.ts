/**
 * MaxPool2D and AvgPool2D ('valid', as Keras' default) and Flatten, on HWC rows. Max pooling records
 * the winning input index of every output so the backward pass routes the error to it alone (ties
 * go to the first in row-major window order, as tfjs).
 */
import type { ImageShape, LayerSpec } from '../protocol';
import type { Vec } from './vec';

export interface PoolGeometry {
  max: boolean;
  inH: number;
  inW: number;
  channels: number;
  outH: number;
  outW: number;
  size: number;
  stride: number;
}

export function poolGeometry(layer: Extract<LayerSpec, { type: 'pool2d' }>, input: ImageShape, output: ImageShape): PoolGeometry {
  return {
    max: layer.mode === 'max',
    inH: input.height,
    inW: input.width,
    channels: input.channels,
    outH: output.height,
    outW: output.width,
    size: layer.poolSize,
    stride: layer.stride
  };
}

/** a = pool(x) for n samples; `argmax` (max pooling) receives the index into x of each output's winner. */
export function poolForward(geo: PoolGeometry, x: Vec, a: Vec, argmax: Int32Array | null, n: number): void {
  const { inH, inW, channels: C, outH, outW, size, stride } = geo;
  const inSize = inH * inW * C;
  const inv = 1 / (size * size);
  let o = 0;
  for (let b = 0; b < n; b++) {
    const base = b * inSize;
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        const corner = base + (oy * stride * inW + ox * stride) * C;
        for (let c = 0; c < C; c++, o++) {
          if (geo.max && argmax) {
            let best = corner + c;
            let value = x[best];
            for (let ky = 0; ky < size; ky++) {
              let i = corner + ky * inW * C + c;
              for (let kx = 0; kx < size; kx++, i += C) {
                if (x[i] > value) {
                  value = x[i];
                  best = i;
                }
              }
            }
            a[o] = value;
            argmax[o] = best;
          } else {
            let sum = 0;
            for (let ky = 0; ky < size; ky++) {
              let i = corner + ky * inW * C + c;
              for (let kx = 0; kx < size; kx++, i += C) sum += x[i];
            }
            a[o] = sum * inv;
          }
        }
      }
    }
  }
}

/** dx += the pool's adjoint applied to da (n samples). */
export function poolBackward(geo: PoolGeometry, da: Vec, dx: Vec, argmax: Int32Array | null, n: number): void {
  const { inH, inW, channels: C, outH, outW, size, stride } = geo;
  const outSize = outH * outW * C;
  if (geo.max && argmax) {
    const len = n * outSize;
    for (let o = 0; o < len; o++) dx[argmax[o]] += da[o];
    return;
  }
  const inSize = inH * inW * C;
  const inv = 1 / (size * size);
  let o = 0;
  for (let b = 0; b < n; b++) {
    const base = b * inSize;
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        const corner = base + (oy * stride * inW + ox * stride) * C;
        for (let c = 0; c < C; c++, o++) {
          const g = da[o] * inv;
          for (let ky = 0; ky < size; ky++) {
            let i = corner + ky * inW * C + c;
            for (let kx = 0; kx < size; kx++, i += C) dx[i] += g;
          }
        }
      }
    }
  }
}
