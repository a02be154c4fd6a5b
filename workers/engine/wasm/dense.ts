/**
 * The dense kernels as WebAssembly SIMD, generated with `Fn`. Same contracts as the JS kernels in
 * `../kernels-js.ts`, but on float32 values in linear memory: every pointer argument is a byte
 * address, every size a count of floats. Matrices are row-major, so the four lanes of a v128 are
 * four neighbouring output units (forward, weight gradient) or four neighbouring terms of one dot
 * product (input gradient).
 *
 * Register tiles: up to 4 rows × 8 units (8 v128 accumulators) for the two products that run along
 * the unit axis, 4 rows × 2 inputs for the dot products. x86-64 has 16 vector registers, so larger
 * tiles would spill. Each tile size has a narrower fallback (one vector, then one float) for the
 * remainders, so any shape is handled without padding.
 */
import { F32, Fn, I32, V128 } from './emit';

/** Row offsets r · stride for r = 0…count−1 as locals (row 0 needs none). */
function rowOffsets(f: Fn, stride: number, count: number): number[] {
  const offs = [-1];
  for (let r = 1; r < count; r++) {
    const l = f.local(I32);
    f.get(stride).i32(r).mul().set(l);
    offs.push(l);
  }
  return offs;
}

/** Push base + offs[r] (offs[0] is "no offset"). */
function addr(f: Fn, base: number, offs: number[], r: number): void {
  f.get(base);
  if (r > 0) f.get(offs[r]).add();
}

/** acc = acc + a · b for the current vector or scalar width, operands already chosen by the callers. */
function fma(f: Fn, acc: number, a: number, b: number, vector: boolean): void {
  f.get(acc).get(a).get(b);
  if (vector) f.vMul().vAdd();
  else f.fMul().fAdd();
  f.set(acc);
}

/** Accumulator locals for a tile of `rows` × `lanes` (v128 when vector, else f32). */
function tileLocals(f: Fn, rows: number, lanes: number, vector: boolean): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: lanes }, () => f.local(vector ? V128 : F32)));
}

/** acc[r][v] = M[base + offs[r] + jb + 16v] (or the one float at jb). */
function loadTile(f: Fn, acc: number[][], base: number, offs: number[], jb: number, vector: boolean): void {
  acc.forEach((row, r) =>
    row.forEach((local, v) => {
      addr(f, base, offs, r);
      f.get(jb).add();
      if (vector) f.vLoad(16 * v);
      else f.fLoad();
      f.set(local);
    })
  );
}

/** The inverse of loadTile. */
function storeTile(f: Fn, acc: number[][], base: number, offs: number[], jb: number, vector: boolean): void {
  acc.forEach((row, r) =>
    row.forEach((local, v) => {
      addr(f, base, offs, r);
      f.get(jb).add().get(local);
      if (vector) f.vStore(16 * v);
      else f.fStore();
    })
  );
}

/** Lane sum of a v128 local. */
function hsum(f: Fn, v: number): void {
  f.get(v).lane(0).get(v).lane(1).fAdd().get(v).lane(2).get(v).lane(3).fAdd().fAdd();
}

/** Widths of the unit-axis tiles: two vectors, one vector, one float. */
const WIDTHS = [8, 4, 1] as const;

/** forward(x, nIn, w, z, nOut, n): z[b, j] += Σ_i x[b, i] · w[i, j]. */
export function denseForwardFn(): Fn {
  const f = new Fn([I32, I32, I32, I32, I32, I32]);
  const [x, nIn, w, z, nOut, n] = [0, 1, 2, 3, 4, 5];
  const nIn4 = f.bytes(nIn);
  const nOut4 = f.bytes(nOut);
  const b = f.local(I32);
  const xRow = f.local(I32);
  const zRow = f.local(I32);
  const jb = f.local(I32);
  const wp = f.local(I32);
  const xp = f.local(I32);
  const xEnd = f.local(I32);
    const xOffs = rowOffsets(f, nIn4, 4);
  const zOffs = rowOffsets(f, nOut4, 4);
  f.i32(0).set(b);
  for (const rows of [4, 1]) {
    f.loop(
      () => f.fits(b, rows, n),
      () => {
        f.get(b).get(nIn4).mul().get(x).add().set(xRow);
        f.get(b).get(nOut4).mul().get(z).add().set(zRow);
        f.get(xRow).get(nIn4).add().set(xEnd);
        f.i32(0).set(jb);
        for (const width of WIDTHS) {
          const vector = width > 1;
          const lanes = vector ? width / 4 : 1;
          const acc = tileLocals(f, rows, lanes, vector);
          const wv = Array.from({ length: lanes }, () => f.local(vector ? V128 : F32));
          const xs = f.local(vector ? V128 : F32);
          f.loop(
            () => f.fits(jb, width * 4, nOut4),
            () => {
              loadTile(f, acc, zRow, zOffs, jb, vector);
              f.get(w).get(jb).add().set(wp).get(xRow).set(xp);
              f.loop(
                () => f.fits(xp, 4, xEnd),
                () => {
                  for (let v = 0; v < lanes; v++) {
                    f.get(wp);
                    if (vector) f.vLoad(16 * v);
                    else f.fLoad();
                    f.set(wv[v]);
                  }
                  for (let r = 0; r < rows; r++) {
                    addr(f, xp, xOffs, r);
                    f.fLoad();
                    if (vector) f.splat();
                    f.set(xs);
                    for (let v = 0; v < lanes; v++) fma(f, acc[r][v], xs, wv[v], vector);
                  }
                  f.inc(wp, { local: nOut4 }).inc(xp, 4);
                }
              );
              storeTile(f, acc, zRow, zOffs, jb, vector);
              f.inc(jb, width * 4);
            }
          );
        }
        f.inc(b, rows);
      }
    );
  }
  return f;
}

/** backwardInput(dz, nOut, w, dx, nIn, n): dx[b, i] += Σ_j dz[b, j] · w[i, j]. */
export function denseBackwardInputFn(): Fn {
  const f = new Fn([I32, I32, I32, I32, I32, I32]);
  const [dz, nOut, w, dx, nIn, n] = [0, 1, 2, 3, 4, 5];
  const nIn4 = f.bytes(nIn);
  const nOut4 = f.bytes(nOut);
  const b = f.local(I32);
  const dzRow = f.local(I32);
  const dxRow = f.local(I32);
  const ib = f.local(I32);
  const wRow = f.local(I32);
  const jb = f.local(I32);
  const dp = f.local(I32);
  const wp = f.local(I32);
    const dzOffs = rowOffsets(f, nOut4, 4);
  const dxOffs = rowOffsets(f, nIn4, 4);
  const wOffs = rowOffsets(f, nOut4, 2);
  f.i32(0).set(b);
  for (const rows of [4, 1]) {
    f.loop(
      () => f.fits(b, rows, n),
      () => {
        f.get(b).get(nOut4).mul().get(dz).add().set(dzRow);
        f.get(b).get(nIn4).mul().get(dx).add().set(dxRow);
        f.i32(0).set(ib).get(w).set(wRow);
        for (const cols of [2, 1]) {
          const accV: number[][] = [];
          const accS: number[][] = [];
          for (let r = 0; r < rows; r++) {
            accV.push(Array.from({ length: cols }, () => f.local(V128)));
            accS.push(Array.from({ length: cols }, () => f.local(F32)));
          }
          const wv = Array.from({ length: cols }, () => f.local(V128));
          const ws = Array.from({ length: cols }, () => f.local(F32));
          const dv = f.local(V128);
          const ds = f.local(F32);
          f.loop(
            () => f.fits(ib, cols * 4, nIn4),
            () => {
              for (let r = 0; r < rows; r++) {
                for (let c = 0; c < cols; c++) {
                  f.f32(0).splat().set(accV[r][c]);
                  f.f32(0).set(accS[r][c]);
                }
              }
              f.i32(0).set(jb);
              for (const vector of [true, false]) {
                f.loop(
                  () => f.fits(jb, vector ? 16 : 4, nOut4),
                  () => {
                    f.get(dzRow).get(jb).add().set(dp);
                    f.get(wRow).get(jb).add().set(wp);
                    for (let c = 0; c < cols; c++) {
                      addr(f, wp, wOffs, c);
                      if (vector) f.vLoad().set(wv[c]);
                      else f.fLoad().set(ws[c]);
                    }
                    for (let r = 0; r < rows; r++) {
                      addr(f, dp, dzOffs, r);
                      if (vector) f.vLoad().set(dv);
                      else f.fLoad().set(ds);
                      for (let c = 0; c < cols; c++) {
                        if (vector) fma(f, accV[r][c], dv, wv[c], true);
                        else fma(f, accS[r][c], ds, ws[c], false);
                      }
                    }
                    f.inc(jb, vector ? 16 : 4);
                  }
                );
              }
              for (let r = 0; r < rows; r++) {
                for (let c = 0; c < cols; c++) {
                  addr(f, dxRow, dxOffs, r);
                  f.get(ib).add();
                  addr(f, dxRow, dxOffs, r);
                  f.get(ib).add().fLoad(4 * c);
                  hsum(f, accV[r][c]);
                  f.get(accS[r][c]).fAdd().fAdd().fStore(4 * c);
                }
              }
              f.inc(ib, cols * 4);
              for (let c = 0; c < cols; c++) f.inc(wRow, { local: nOut4 });
            }
          );
        }
        f.inc(b, rows);
      }
    );
  }
  return f;
}

/** backwardWeights(x, nIn, dz, nOut, dw, n): dw[i, j] += Σ_b x[b, i] · dz[b, j]. */
export function denseBackwardWeightsFn(): Fn {
  const f = new Fn([I32, I32, I32, I32, I32, I32]);
  const [x, nIn, dz, nOut, dw, n] = [0, 1, 2, 3, 4, 5];
  const nIn4 = f.bytes(nIn);
  const nOut4 = f.bytes(nOut);
  const ib = f.local(I32);
  const dwRow = f.local(I32);
  const jb = f.local(I32);
  const xp = f.local(I32);
  const dp = f.local(I32);
  const b = f.local(I32);
    const dwOffs = rowOffsets(f, nOut4, 4);
  f.i32(0).set(ib).get(dw).set(dwRow);
  for (const rows of [4, 1]) {
    f.loop(
      () => f.fits(ib, rows * 4, nIn4),
      () => {
        f.i32(0).set(jb);
        for (const width of WIDTHS) {
          const vector = width > 1;
          const lanes = vector ? width / 4 : 1;
          const acc = tileLocals(f, rows, lanes, vector);
          const dv = Array.from({ length: lanes }, () => f.local(vector ? V128 : F32));
          const xs = f.local(vector ? V128 : F32);
          f.loop(
            () => f.fits(jb, width * 4, nOut4),
            () => {
              loadTile(f, acc, dwRow, dwOffs, jb, vector);
              f.get(x).get(ib).add().set(xp).get(dz).get(jb).add().set(dp).i32(0).set(b);
              f.loop(
                () => f.fits(b, 1, n),
                () => {
                  for (let v = 0; v < lanes; v++) {
                    f.get(dp);
                    if (vector) f.vLoad(16 * v);
                    else f.fLoad();
                    f.set(dv[v]);
                  }
                  for (let r = 0; r < rows; r++) {
                    f.get(xp).fLoad(4 * r);
                    if (vector) f.splat();
                    f.set(xs);
                    for (let v = 0; v < lanes; v++) fma(f, acc[r][v], xs, dv[v], vector);
                  }
                  f.inc(xp, { local: nIn4 }).inc(dp, { local: nOut4 }).inc(b, 1);
                }
              );
              storeTile(f, acc, dwRow, dwOffs, jb, vector);
              f.inc(jb, width * 4);
            }
          );
        }
        f.inc(ib, rows * 4);
        for (let r = 0; r < rows; r++) f.inc(dwRow, { local: nOut4 });
      }
    );
  }
  return f;
}
