/**
 * A tiny WebAssembly binary writer: just enough of the format (one imported memory, i32/f32/v128
 * locals, structured loops, loads/stores and f32x4 arithmetic) to emit the engine's kernels at run
 * time. Writing bytes directly keeps the kernels free of a build step and of committed binaries, and
 * makes node tests and the worker run the very same module (see the engine README).
 */

export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;
export type ValType = typeof I32 | typeof F32 | typeof V128;

function uleb(out: number[], value: number): void {
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
}

function sleb(out: number[], value: number): void {
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return;
  }
}

function name(out: number[], s: string): void {
  const bytes = new TextEncoder().encode(s);
  uleb(out, bytes.length);
  out.push(...bytes);
}

/** SIMD opcodes used by the kernels (prefix 0xfd, then the LEB128 opcode). */
const SIMD = {
  load: 0x00,
  store: 0x0b,
  splat: 0x13,
  extract: 0x1f,
  gt: 0x44,
  and: 0x4e,
  add: 0xe4,
  sub: 0xe5,
  mul: 0xe6,
  div: 0xe7,
  min: 0xe8,
  max: 0xe9,
  pmax: 0xeb
} as const;

/**
 * One function body under construction. Methods append instructions and return `this`, so kernel
 * generators read as straight sequences of stack operations.
 */
export class Fn {
  readonly params: ValType[];
  private readonly locals: ValType[] = [];
  readonly code: number[] = [];

  constructor(params: ValType[]) {
    this.params = params;
  }

  /** A new local of the given type; returns its index. */
  local(type: ValType): number {
    this.locals.push(type);
    return this.params.length + this.locals.length - 1;
  }

  get(i: number): this {
    this.code.push(0x20);
    uleb(this.code, i);
    return this;
  }

  set(i: number): this {
    this.code.push(0x21);
    uleb(this.code, i);
    return this;
  }

  i32(value: number): this {
    this.code.push(0x41);
    sleb(this.code, value);
    return this;
  }

  f32(value: number): this {
    this.code.push(0x43);
    this.code.push(...new Uint8Array(new Float32Array([value]).buffer));
    return this;
  }

  add(): this {
    this.code.push(0x6a);
    return this;
  }

  mul(): this {
    this.code.push(0x6c);
    return this;
  }

  /** i32 a ≤ b (signed): the loop conditions. */
  le(): this {
    this.code.push(0x4c);
    return this;
  }

  /** Push (local + step ≤ limit): the loop conditions. */
  fits(local: number, step: number, limit: number): this {
    return this.get(local).i32(step).add().get(limit).le();
  }

  /** A new i32 local holding count · 4 (a count of floats in bytes). */
  bytes(count: number): number {
    const l = this.local(I32);
    this.get(count).i32(4).mul().set(l);
    return l;
  }

  /** local[i] += step (i32). */
  inc(i: number, step: number | { local: number }): this {
    this.get(i);
    if (typeof step === 'number') this.i32(step);
    else this.get(step.local);
    return this.add().set(i);
  }

  fAdd(): this {
    this.code.push(0x92);
    return this;
  }

  fMul(): this {
    this.code.push(0x94);
    return this;
  }

  fLoad(offset = 0): this {
    this.code.push(0x2a, 2);
    uleb(this.code, offset);
    return this;
  }

  fStore(offset = 0): this {
    this.code.push(0x38, 2);
    uleb(this.code, offset);
    return this;
  }

  private simd(op: number): this {
    this.code.push(0xfd);
    uleb(this.code, op);
    return this;
  }

  /** v128.load with alignment hint 1 byte: rows of any width start at any float. */
  vLoad(offset = 0): this {
    this.simd(SIMD.load);
    this.code.push(0);
    uleb(this.code, offset);
    return this;
  }

  vStore(offset = 0): this {
    this.simd(SIMD.store);
    this.code.push(0);
    uleb(this.code, offset);
    return this;
  }

  splat(): this {
    return this.simd(SIMD.splat);
  }

  lane(k: number): this {
    this.simd(SIMD.extract);
    this.code.push(k);
    return this;
  }

  vAdd(): this {
    return this.simd(SIMD.add);
  }

  vSub(): this {
    return this.simd(SIMD.sub);
  }

  vMul(): this {
    return this.simd(SIMD.mul);
  }

  vDiv(): this {
    return this.simd(SIMD.div);
  }

  vMin(): this {
    return this.simd(SIMD.min);
  }

  vMax(): this {
    return this.simd(SIMD.max);
  }

  vGt(): this {
    return this.simd(SIMD.gt);
  }

  /** pmax(a, b) = a < b ? b : a: with a = 0 this is exactly `b > 0 ? b : 0`, NaN included. */
  vPmax(): this {
    return this.simd(SIMD.pmax);
  }

  vAnd(): this {
    return this.simd(SIMD.and);
  }

  fSub(): this {
    this.code.push(0x93);
    return this;
  }

  fDiv(): this {
    this.code.push(0x95);
    return this;
  }

  fMin(): this {
    this.code.push(0x96);
    return this;
  }

  fMax(): this {
    this.code.push(0x97);
    return this;
  }

  /** f32 a > b → i32. */
  fGt(): this {
    this.code.push(0x5e);
    return this;
  }

  /** select(a, b, cond): a when cond ≠ 0. */
  select(): this {
    this.code.push(0x1b);
    return this;
  }

  /**
   * while (cond) body: `cond` must leave one i32 on the stack. Emitted as block/loop with the
   * test at the top, so a loop whose condition is false at entry runs zero times.
   */
  loop(cond: () => void, body: () => void): this {
    this.code.push(0x02, 0x40, 0x03, 0x40);
    cond();
    this.code.push(0x45, 0x0d, 1); // i32.eqz; br_if 1 (leave the block)
    body();
    this.code.push(0x0c, 0, 0x0b, 0x0b); // br 0 (next iteration); end loop; end block
    return this;
  }

  /** The function's code entry: locals declaration, body, end. */
  encode(): number[] {
    const out: number[] = [];
    const runs: [number, ValType][] = [];
    for (const t of this.locals) {
      const last = runs[runs.length - 1];
      if (last && last[1] === t) last[0]++;
      else runs.push([1, t]);
    }
    uleb(out, runs.length);
    for (const [count, t] of runs) {
      uleb(out, count);
      out.push(t);
    }
    out.push(...this.code, 0x0b);
    const sized: number[] = [];
    uleb(sized, out.length);
    return sized.concat(out);
  }
}

function section(out: number[], id: number, body: number[]): void {
  out.push(id);
  uleb(out, body.length);
  out.push(...body);
}

/** A module importing `env.memory` and exporting each function under its name (no results). */
export function moduleBytes(fns: Record<string, Fn>): Uint8Array<ArrayBuffer> {
  const entries = Object.entries(fns);
  const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const types: number[] = [];
  uleb(types, entries.length);
  for (const [, f] of entries) {
    types.push(0x60);
    uleb(types, f.params.length);
    types.push(...f.params, 0);
  }
  section(out, 1, types);
  const imports: number[] = [1];
  name(imports, 'env');
  name(imports, 'memory');
  imports.push(0x02, 0x00, 0x01); // memory, limits: min 1 page, no max
  section(out, 2, imports);
  const funcs: number[] = [];
  uleb(funcs, entries.length);
  entries.forEach((_, k) => uleb(funcs, k));
  section(out, 3, funcs);
  const exports: number[] = [];
  uleb(exports, entries.length);
  entries.forEach(([fnName], k) => {
    name(exports, fnName);
    exports.push(0x00);
    uleb(exports, k);
  });
  section(out, 7, exports);
  const code: number[] = [];
  uleb(code, entries.length);
  for (const [, f] of entries) code.push(...f.encode());
  section(out, 10, code);
  return new Uint8Array(out);
}

/** The smallest module using a v128 instruction: validates only where SIMD is supported. */
export function simdProbeBytes(): Uint8Array<ArrayBuffer> {
  const f = new Fn([]);
  f.f32(0).splat().lane(0).code.push(0x1a); // drop
  return moduleBytes({ probe: f });
}
