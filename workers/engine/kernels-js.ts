/**
 * The JavaScript dense kernels (the fallback behind `kernels.ts`, and the float64 path of the
 * gradient checks): the only code that touches weights in bulk. Matrices are row-major:
 * activations x[b * nIn + i], pre-activations z[b * nOut + j], weights w[wOff + i * nOut + j].
 *
 * Each kernel works on 4 × 4 register tiles (4 samples × 4 units) so every loaded value is used
 * four times, which is what makes plain JS competitive with SIMD libraries on small layers.
 * The remainders fall back to short scalar loops.
 */
import type { Vec } from './vec';

/** z[b, j] += Σ_i x[b, i] · w[i, j] for b < n. */
export function denseForwardJs(x: Vec, nIn: number, w: Vec, wOff: number, z: Vec, nOut: number, n: number): void {
  let b = 0;
  for (; b + 3 < n; b += 4) {
    const x0 = b * nIn;
    const x1 = x0 + nIn;
    const x2 = x1 + nIn;
    const x3 = x2 + nIn;
    const z0 = b * nOut;
    const z1 = z0 + nOut;
    const z2 = z1 + nOut;
    const z3 = z2 + nOut;
    let j = 0;
    for (; j + 3 < nOut; j += 4) {
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0;
      let s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0;
      let s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      let wp = wOff + j;
      for (let i = 0; i < nIn; i++, wp += nOut) {
        const w0 = w[wp];
        const w1 = w[wp + 1];
        const w2 = w[wp + 2];
        const w3 = w[wp + 3];
        const a0 = x[x0 + i];
        const a1 = x[x1 + i];
        const a2 = x[x2 + i];
        const a3 = x[x3 + i];
        s00 += a0 * w0; s01 += a0 * w1; s02 += a0 * w2; s03 += a0 * w3;
        s10 += a1 * w0; s11 += a1 * w1; s12 += a1 * w2; s13 += a1 * w3;
        s20 += a2 * w0; s21 += a2 * w1; s22 += a2 * w2; s23 += a2 * w3;
        s30 += a3 * w0; s31 += a3 * w1; s32 += a3 * w2; s33 += a3 * w3;
      }
      z[z0 + j] += s00; z[z0 + j + 1] += s01; z[z0 + j + 2] += s02; z[z0 + j + 3] += s03;
      z[z1 + j] += s10; z[z1 + j + 1] += s11; z[z1 + j + 2] += s12; z[z1 + j + 3] += s13;
      z[z2 + j] += s20; z[z2 + j + 1] += s21; z[z2 + j + 2] += s22; z[z2 + j + 3] += s23;
      z[z3 + j] += s30; z[z3 + j + 1] += s31; z[z3 + j + 2] += s32; z[z3 + j + 3] += s33;
    }
    for (; j < nOut; j++) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      let wp = wOff + j;
      for (let i = 0; i < nIn; i++, wp += nOut) {
        const wv = w[wp];
        s0 += x[x0 + i] * wv;
        s1 += x[x1 + i] * wv;
        s2 += x[x2 + i] * wv;
        s3 += x[x3 + i] * wv;
      }
      z[z0 + j] += s0;
      z[z1 + j] += s1;
      z[z2 + j] += s2;
      z[z3 + j] += s3;
    }
  }
  for (; b < n; b++) {
    const xb = b * nIn;
    const zb = b * nOut;
    for (let i = 0; i < nIn; i++) {
      const a = x[xb + i];
      if (a === 0) continue;
      const wp = wOff + i * nOut;
      for (let j = 0; j < nOut; j++) z[zb + j] += a * w[wp + j];
    }
  }
}

/** dx[b, i] += Σ_j dz[b, j] · w[i, j] for b < n (the error sent back to the parent group). */
export function denseBackwardInputJs(dz: Vec, nOut: number, w: Vec, wOff: number, dx: Vec, nIn: number, n: number): void {
  let b = 0;
  for (; b + 3 < n; b += 4) {
    const d0 = b * nOut;
    const d1 = d0 + nOut;
    const d2 = d1 + nOut;
    const d3 = d2 + nOut;
    const x0 = b * nIn;
    const x1 = x0 + nIn;
    const x2 = x1 + nIn;
    const x3 = x2 + nIn;
    let i = 0;
    for (; i + 3 < nIn; i += 4) {
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0;
      let s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0;
      let s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      const r0 = wOff + i * nOut;
      const r1 = r0 + nOut;
      const r2 = r1 + nOut;
      const r3 = r2 + nOut;
      for (let j = 0; j < nOut; j++) {
        const g0 = dz[d0 + j];
        const g1 = dz[d1 + j];
        const g2 = dz[d2 + j];
        const g3 = dz[d3 + j];
        const w0 = w[r0 + j];
        const w1 = w[r1 + j];
        const w2 = w[r2 + j];
        const w3 = w[r3 + j];
        s00 += g0 * w0; s01 += g0 * w1; s02 += g0 * w2; s03 += g0 * w3;
        s10 += g1 * w0; s11 += g1 * w1; s12 += g1 * w2; s13 += g1 * w3;
        s20 += g2 * w0; s21 += g2 * w1; s22 += g2 * w2; s23 += g2 * w3;
        s30 += g3 * w0; s31 += g3 * w1; s32 += g3 * w2; s33 += g3 * w3;
      }
      dx[x0 + i] += s00; dx[x0 + i + 1] += s01; dx[x0 + i + 2] += s02; dx[x0 + i + 3] += s03;
      dx[x1 + i] += s10; dx[x1 + i + 1] += s11; dx[x1 + i + 2] += s12; dx[x1 + i + 3] += s13;
      dx[x2 + i] += s20; dx[x2 + i + 1] += s21; dx[x2 + i + 2] += s22; dx[x2 + i + 3] += s23;
      dx[x3 + i] += s30; dx[x3 + i + 1] += s31; dx[x3 + i + 2] += s32; dx[x3 + i + 3] += s33;
    }
    for (; i < nIn; i++) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      const r = wOff + i * nOut;
      for (let j = 0; j < nOut; j++) {
        const wv = w[r + j];
        s0 += dz[d0 + j] * wv;
        s1 += dz[d1 + j] * wv;
        s2 += dz[d2 + j] * wv;
        s3 += dz[d3 + j] * wv;
      }
      dx[x0 + i] += s0;
      dx[x1 + i] += s1;
      dx[x2 + i] += s2;
      dx[x3 + i] += s3;
    }
  }
  for (; b < n; b++) {
    const db = b * nOut;
    const xb = b * nIn;
    for (let i = 0; i < nIn; i++) {
      const r = wOff + i * nOut;
      let s = 0;
      for (let j = 0; j < nOut; j++) s += dz[db + j] * w[r + j];
      dx[xb + i] += s;
    }
  }
}

/** dw[i, j] += Σ_b x[b, i] · dz[b, j] over b < n (the weight gradient of one edge). */
export function denseBackwardWeightsJs(x: Vec, nIn: number, dz: Vec, nOut: number, dw: Vec, wOff: number, n: number): void {
  let i = 0;
  for (; i + 3 < nIn; i += 4) {
    const r0 = wOff + i * nOut;
    const r1 = r0 + nOut;
    const r2 = r1 + nOut;
    const r3 = r2 + nOut;
    let j = 0;
    for (; j + 3 < nOut; j += 4) {
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0;
      let s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0;
      let s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      let xp = i;
      let dp = j;
      for (let b = 0; b < n; b++, xp += nIn, dp += nOut) {
        const a0 = x[xp];
        const a1 = x[xp + 1];
        const a2 = x[xp + 2];
        const a3 = x[xp + 3];
        const g0 = dz[dp];
        const g1 = dz[dp + 1];
        const g2 = dz[dp + 2];
        const g3 = dz[dp + 3];
        s00 += a0 * g0; s01 += a0 * g1; s02 += a0 * g2; s03 += a0 * g3;
        s10 += a1 * g0; s11 += a1 * g1; s12 += a1 * g2; s13 += a1 * g3;
        s20 += a2 * g0; s21 += a2 * g1; s22 += a2 * g2; s23 += a2 * g3;
        s30 += a3 * g0; s31 += a3 * g1; s32 += a3 * g2; s33 += a3 * g3;
      }
      dw[r0 + j] += s00; dw[r0 + j + 1] += s01; dw[r0 + j + 2] += s02; dw[r0 + j + 3] += s03;
      dw[r1 + j] += s10; dw[r1 + j + 1] += s11; dw[r1 + j + 2] += s12; dw[r1 + j + 3] += s13;
      dw[r2 + j] += s20; dw[r2 + j + 1] += s21; dw[r2 + j + 2] += s22; dw[r2 + j + 3] += s23;
      dw[r3 + j] += s30; dw[r3 + j + 1] += s31; dw[r3 + j + 2] += s32; dw[r3 + j + 3] += s33;
    }
    for (; j < nOut; j++) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      let xp = i;
      let dp = j;
      for (let b = 0; b < n; b++, xp += nIn, dp += nOut) {
        const g = dz[dp];
        s0 += x[xp] * g;
        s1 += x[xp + 1] * g;
        s2 += x[xp + 2] * g;
        s3 += x[xp + 3] * g;
      }
      dw[r0 + j] += s0;
      dw[r1 + j] += s1;
      dw[r2 + j] += s2;
      dw[r3 + j] += s3;
    }
  }
  for (; i < nIn; i++) {
    const r = wOff + i * nOut;
    for (let b = 0; b < n; b++) {
      const a = x[b * nIn + i];
      if (a === 0) continue;
      const dp = b * nOut;
      for (let j = 0; j < nOut; j++) dw[r + j] += a * dz[dp + j];
    }
  }
}

/** z[b, j] = bias[j] for b < n: the start of every pre-activation. */
export function fillBiasJs(z: Vec, nOut: number, params: Vec, biasOff: number, n: number): void {
  for (let b = 0; b < n; b++) {
    const zb = b * nOut;
    for (let j = 0; j < nOut; j++) z[zb + j] = params[biasOff + j];
  }
}

/** db[j] += Σ_b dz[b, j]. */
export function sumBiasJs(dz: Vec, nOut: number, grads: Vec, biasOff: number, n: number): void {
  for (let b = 0; b < n; b++) {
    const zb = b * nOut;
    for (let j = 0; j < nOut; j++) grads[biasOff + j] += dz[zb + j];
  }
}
