/**
 * Conv2D through im2col: each output pixel's receptive field is copied into one row of a column
 * matrix whose columns run (ky, kx, c) — the order of the Keras kernel [kh][kw][inC][filters] — so
 * the convolution is the dense product col · kernel and rides the same kernels (WASM SIMD or JS) as
 * dense layers. Samples are processed in blocks whose column matrix fits the workspace's scratch, so
 * memory stays bounded for any batch; the blocks' views of z and dz are made once, with the workspace.
 */
import type { ImageShape, LayerSpec } from '../protocol';
import { denseBackwardInput, denseBackwardWeights, denseForward, fillBias, sumBias } from './kernels';
import { padBefore } from './shapes';
import type { Vec } from './vec';

/** Column-matrix values one block may hold (4 MiB in float32): cache-friendly, and bounded for any batch. */
export const COL_BUDGET = 1 << 20;

/** Everything a conv group's loops need, fixed at compile time. */
export interface ConvGeometry {
  inH: number;
  inW: number;
  inC: number;
  outH: number;
  outW: number;
  filters: number;
  kernel: number;
  stride: number;
  padTop: number;
  padLeft: number;
  /** k·k·inC: the columns of the column matrix (the rows of the kernel matrix) */
  patch: number;
  /** samples per block (see COL_BUDGET), at least 1 */
  blockSamples: number;
}

export function convGeometry(layer: Extract<LayerSpec, { type: 'conv2d' }>, input: ImageShape, output: ImageShape): ConvGeometry {
  const k = layer.kernelSize;
  const patch = k * k * input.channels;
  const perSample = output.height * output.width * patch;
  return {
    inH: input.height,
    inW: input.width,
    inC: input.channels,
    outH: output.height,
    outW: output.width,
    filters: layer.filters,
    kernel: k,
    stride: layer.stride,
    padTop: padBefore(input.height, output.height, k, layer.stride, layer.padding),
    padLeft: padBefore(input.width, output.width, k, layer.stride, layer.padding),
    patch,
    blockSamples: Math.max(1, Math.floor(COL_BUDGET / perSample))
  };
}

/** col[r, (ky·k + kx)·C + c] for the n samples starting at sample `first` of x (zeros where padding). */
export function im2col(geo: ConvGeometry, x: Vec, first: number, n: number, col: Vec): void {
  const { inH, inW, inC, outH, outW, kernel, stride, padTop, padLeft, patch } = geo;
  const inSize = inH * inW * inC;
  const rowLen = kernel * inC;
  let r = 0;
  for (let b = 0; b < n; b++) {
    const base = (first + b) * inSize;
    for (let oy = 0; oy < outH; oy++) {
      const y0 = oy * stride - padTop;
      for (let ox = 0; ox < outW; ox++, r++) {
        const x0 = ox * stride - padLeft;
        let o = r * patch;
        for (let ky = 0; ky < kernel; ky++) {
          const iy = y0 + ky;
          if (iy < 0 || iy >= inH) {
            col.fill(0, o, o + rowLen);
            o += rowLen;
            continue;
          }
          const rowBase = base + iy * inW * inC;
          // Inside the image the kernel row is one contiguous run of kernel·C values.
          if (x0 >= 0 && x0 + kernel <= inW) {
            let s = rowBase + x0 * inC;
            for (let i = 0; i < rowLen; i++) col[o++] = x[s++];
            continue;
          }
          for (let kx = 0; kx < kernel; kx++) {
            const ix = x0 + kx;
            if (ix < 0 || ix >= inW) {
              for (let c = 0; c < inC; c++) col[o++] = 0;
            } else {
              let s = rowBase + ix * inC;
              for (let c = 0; c < inC; c++) col[o++] = x[s++];
            }
          }
        }
      }
    }
  }
}

/** dx[sample first + b] += the column gradients scattered back to their pixels (the adjoint of im2col). */
export function col2im(geo: ConvGeometry, dcol: Vec, first: number, n: number, dx: Vec): void {
  const { inH, inW, inC, outH, outW, kernel, stride, padTop, padLeft, patch } = geo;
  const inSize = inH * inW * inC;
  let r = 0;
  for (let b = 0; b < n; b++) {
    const base = (first + b) * inSize;
    for (let oy = 0; oy < outH; oy++) {
      const y0 = oy * stride - padTop;
      for (let ox = 0; ox < outW; ox++, r++) {
        const x0 = ox * stride - padLeft;
        let o = r * patch;
        for (let ky = 0; ky < kernel; ky++) {
          const iy = y0 + ky;
          if (iy < 0 || iy >= inH) {
            o += kernel * inC;
            continue;
          }
          const rowBase = base + iy * inW * inC;
          for (let kx = 0; kx < kernel; kx++) {
            const ix = x0 + kx;
            if (ix < 0 || ix >= inW) {
              o += inC;
              continue;
            }
            let d = rowBase + ix * inC;
            for (let c = 0; c < inC; c++) dx[d++] += dcol[o++];
          }
        }
      }
    }
  }
}

/** Views of one group's z (or dz) at each block's first row, made once per workspace. */
export function blockViews(geo: ConvGeometry, buffer: Vec, capacity: number): Vec[] {
  const views: Vec[] = [];
  const rowValues = geo.outH * geo.outW * geo.filters;
  for (let first = 0; first < Math.max(1, capacity); first += geo.blockSamples) views.push(buffer.subarray(first * rowValues));
  return views;
}

/** The per-workspace buffers of one conv group. */
export interface ConvBuffers {
  geo: ConvGeometry;
  zBlocks: Vec[];
  dzBlocks: Vec[];
}

/** z = bias + conv(x) for n samples; `col` is scratch of at least blockSamples·outH·outW·patch values. */
export function convForward(bufs: ConvBuffers, x: Vec, params: Vec, kernelOffset: number, biasOffset: number, z: Vec, n: number, col: Vec): void {
  const geo = bufs.geo;
  const pixels = geo.outH * geo.outW;
  fillBias(z, geo.filters, params, biasOffset, n * pixels);
  for (let first = 0, blk = 0; first < n; first += geo.blockSamples, blk++) {
    const nb = Math.min(geo.blockSamples, n - first);
    im2col(geo, x, first, nb, col);
    denseForward(col, geo.patch, params, kernelOffset, bufs.zBlocks[blk], geo.filters, nb * pixels);
  }
}

/**
 * Kernel and bias gradients from dz (n samples), and when dx is given the error sent back to the
 * parent (added into dx). The column matrix is rebuilt rather than kept from the forward pass.
 */
export function convBackward(
  bufs: ConvBuffers,
  x: Vec,
  params: Vec,
  grads: Vec,
  kernelOffset: number,
  biasOffset: number,
  dz: Vec,
  dx: Vec | null,
  n: number,
  col: Vec,
  dcol: Vec
): void {
  const geo = bufs.geo;
  const pixels = geo.outH * geo.outW;
  sumBias(dz, geo.filters, grads, biasOffset, n * pixels);
  for (let first = 0, blk = 0; first < n; first += geo.blockSamples, blk++) {
    const nb = Math.min(geo.blockSamples, n - first);
    const rows = nb * pixels;
    im2col(geo, x, first, nb, col);
    denseBackwardWeights(col, geo.patch, bufs.dzBlocks[blk], geo.filters, grads, kernelOffset, rows);
    if (!dx) continue;
    dcol.fill(0, 0, rows * geo.patch);
    denseBackwardInput(bufs.dzBlocks[blk], geo.filters, params, kernelOffset, dcol, geo.patch, rows);
    col2im(geo, dcol, first, nb, dx);
  }
}
