/**
 * The bias and activation loops as WebAssembly SIMD: four floats per step, then a scalar tail, so
 * no buffer needs padding. Same contracts as the JS loops (`../kernels-js.ts`, `../activations.ts`).
 */
import { F32, Fn, I32, V128 } from './emit';

/**
 * for k over [0, len4) bytes: body(vector, k) with k the byte offset of the current element; the
 * vector pass takes 16 bytes at a time, the scalar tail 4.
 */
function elementwise(f: Fn, len4: number, body: (vector: boolean, k: number) => void): void {
  const k = f.local(I32);
  f.i32(0).set(k);
  for (const vector of [true, false]) {
    f.loop(
      () => f.fits(k, vector ? 16 : 4, len4),
      () => {
        body(vector, k);
        f.inc(k, vector ? 16 : 4);
      }
    );
  }
}

function load(f: Fn, base: number, k: number, vector: boolean): void {
  f.get(base).get(k).add();
  if (vector) f.vLoad();
  else f.fLoad();
}

function constant(f: Fn, value: number, vector: boolean): void {
  f.f32(value);
  if (vector) f.splat();
}

/** fillBias(z, nOut, bias, n): z[b, j] = bias[j]. */
export function fillBiasFn(): Fn {
  const f = new Fn([I32, I32, I32, I32]);
  const [z, nOut, bias, n] = [0, 1, 2, 3];
  const nOut4 = f.bytes(nOut);
  const row = f.local(I32);
  const end = f.local(I32);
  f.get(z).set(row).get(n).get(nOut4).mul().get(z).add().set(end);
  f.loop(
    () => f.fits(row, 4, end),
    () => {
      elementwise(f, nOut4, (vector, k) => {
        f.get(row).get(k).add();
        load(f, bias, k, vector);
        if (vector) f.vStore();
        else f.fStore();
      });
      f.inc(row, { local: nOut4 });
    }
  );
  return f;
}

/** sumBias(dz, nOut, grads, n): grads[j] += Σ_b dz[b, j]. */
export function sumBiasFn(): Fn {
  const f = new Fn([I32, I32, I32, I32]);
  const [dz, nOut, grads, n] = [0, 1, 2, 3];
  const nOut4 = f.bytes(nOut);
  const p = f.local(I32);
  const b = f.local(I32);
  const accV = f.local(V128);
  const accS = f.local(F32);
  elementwise(f, nOut4, (vector, k) => {
    const acc = vector ? accV : accS;
    load(f, grads, k, vector);
    f.set(acc).get(dz).get(k).add().set(p).i32(0).set(b);
    f.loop(
      () => f.fits(b, 1, n),
      () => {
        f.get(acc).get(p);
        if (vector) f.vLoad().vAdd();
        else f.fLoad().fAdd();
        f.set(acc).inc(p, { local: nOut4 }).inc(b, 1);
      }
    );
    f.get(grads).get(k).add().get(acc);
    if (vector) f.vStore();
    else f.fStore();
  });
  return f;
}

/** The coefficients of `tanhF32` (activations.ts): x·P(x²)/Q(x²) on x clamped to ±TANH_CLAMP. */
const TANH_CLAMP = 7.90531110763549805;
const TANH_P = [
  -2.76076847742355e-16, 2.00018790482477e-13, -8.60467152213735e-11, 5.12229709037114e-8, 1.48572235717979e-5,
  6.37261928875436e-4, 4.89352455891786e-3
];
const TANH_Q = [1.19825839466702e-6, 1.18534705686654e-4, 2.268434632439e-3, 4.89352518554385e-3];

function horner(f: Fn, coefficients: number[], x2: number, vector: boolean): void {
  constant(f, coefficients[0], vector);
  for (const c of coefficients.slice(1)) {
    f.get(x2);
    if (vector) f.vMul();
    else f.fMul();
    constant(f, c, vector);
    if (vector) f.vAdd();
    else f.fAdd();
  }
}

/** tanhForward(z, a, len): a = tanh(z) to float32 accuracy. */
export function tanhForwardFn(): Fn {
  const f = new Fn([I32, I32, I32]);
  const [z, a, len] = [0, 1, 2];
  const len4 = f.bytes(len);
  const c = [f.local(F32), f.local(V128)];
  const x2 = [f.local(F32), f.local(V128)];
  elementwise(f, len4, (vector, k) => {
    const v = vector ? 1 : 0;
    load(f, z, k, vector);
    constant(f, -TANH_CLAMP, vector);
    if (vector) f.vMax();
    else f.fMax();
    constant(f, TANH_CLAMP, vector);
    if (vector) f.vMin();
    else f.fMin();
    f.set(c[v]).get(c[v]).get(c[v]);
    if (vector) f.vMul();
    else f.fMul();
    f.set(x2[v]).get(a).get(k).add().get(c[v]);
    horner(f, TANH_P, x2[v], vector);
    if (vector) f.vMul();
    else f.fMul();
    horner(f, TANH_Q, x2[v], vector);
    if (vector) f.vDiv().vStore();
    else f.fDiv().fStore();
  });
  return f;
}

/** tanhBackward(a, da, dz, len): dz = da · (1 − a²). */
export function tanhBackwardFn(): Fn {
  const f = new Fn([I32, I32, I32, I32]);
  const [a, da, dz, len] = [0, 1, 2, 3];
  const len4 = f.bytes(len);
  const t = [f.local(F32), f.local(V128)];
  elementwise(f, len4, (vector, k) => {
    const v = vector ? 1 : 0;
    f.get(dz).get(k).add();
    load(f, da, k, vector);
    constant(f, 1, vector);
    load(f, a, k, vector);
    f.set(t[v]).get(t[v]).get(t[v]);
    if (vector) f.vMul().vSub().vMul().vStore();
    else f.fMul().fSub().fMul().fStore();
  });
  return f;
}

/** reluForward(z, a, len): a = z > 0 ? z : 0 (NaN → 0, as in the JS loop). */
export function reluForwardFn(): Fn {
  const f = new Fn([I32, I32, I32]);
  const [z, a, len] = [0, 1, 2];
  const len4 = f.bytes(len);
  const s = f.local(F32);
  elementwise(f, len4, (vector, k) => {
    f.get(a).get(k).add();
    if (vector) {
      constant(f, 0, true);
      load(f, z, k, true);
      f.vPmax().vStore();
    } else {
      load(f, z, k, false);
      f.set(s).get(s).f32(0).get(s).f32(0).fGt().select().fStore();
    }
  });
  return f;
}

/** reluBackward(z, da, dz, len): dz = z > 0 ? da : 0. */
export function reluBackwardFn(): Fn {
  const f = new Fn([I32, I32, I32, I32]);
  const [z, da, dz, len] = [0, 1, 2, 3];
  const len4 = f.bytes(len);
  elementwise(f, len4, (vector, k) => {
    f.get(dz).get(k).add();
    load(f, da, k, vector);
    if (vector) {
      load(f, z, k, true);
      constant(f, 0, true);
      f.vGt().vAnd().vStore();
    } else {
      f.f32(0);
      load(f, z, k, false);
      f.f32(0).fGt().select().fStore();
    }
  });
  return f;
}
