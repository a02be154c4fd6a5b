/**
 * Loads the generated SIMD module and runs its kernels on JS typed arrays.
 *
 * The engine's buffers are ordinary Float32Arrays, so each call stages its operands into the
 * module's linear memory and copies the written matrix back. The copies are linear (a memcpy each)
 * while the products are cubic, which is why `kernels.ts` only sends work above a size threshold
 */
import { moduleBytes, simdProbeBytes } from './emit';
import { denseBackwardInputFn, denseBackwardWeightsFn, denseForwardFn } from './dense';
import { fillBiasFn, reluBackwardFn, reluForwardFn, sumBiasFn, tanhBackwardFn, tanhForwardFn } from './elementwise';

type Ptr = number;

interface Exports {
  forward(x: Ptr, nIn: number, w: Ptr, z: Ptr, nOut: number, n: number): void;
  backwardInput(dz: Ptr, nOut: number, w: Ptr, dx: Ptr, nIn: number, n: number): void;
  backwardWeights(x: Ptr, nIn: number, dz: Ptr, nOut: number, dw: Ptr, n: number): void;
  fillBias(z: Ptr, nOut: number, bias: Ptr, n: number): void;
  sumBias(dz: Ptr, nOut: number, grads: Ptr, n: number): void;
  tanhForward(z: Ptr, a: Ptr, len: number): void;
  tanhBackward(a: Ptr, da: Ptr, dz: Ptr, len: number): void;
  reluForward(z: Ptr, a: Ptr, len: number): void;
  reluBackward(z: Ptr, da: Ptr, dz: Ptr, len: number): void;
}

/** The kernel module's bytes, generated once. */
let bytesCache: Uint8Array<ArrayBuffer> | null = null;
export function kernelModuleBytes(): Uint8Array<ArrayBuffer> {
  bytesCache ??= moduleBytes({
    forward: denseForwardFn(),
    backwardInput: denseBackwardInputFn(),
    backwardWeights: denseBackwardWeightsFn(),
    fillBias: fillBiasFn(),
    sumBias: sumBiasFn(),
    tanhForward: tanhForwardFn(),
    tanhBackward: tanhBackwardFn(),
    reluForward: reluForwardFn(),
    reluBackward: reluBackwardFn()
  });
  return bytesCache;
}

/** Whether this engine validates a v128 instruction (false without WebAssembly at all). */
export function simdSupported(): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(simdProbeBytes());
  } catch {
    return false;
  }
}

const PAGE = 65536;

/** One instantiated module with its memory; `stage`/`unstage` move operands in and out. */
export class WasmRuntime {
  readonly exports: Exports;
  private readonly memory: WebAssembly.Memory;
  private heap: Float32Array;
  /** next free byte of this call's scratch area */
  private top = 0;
  /** largest memory the runtime may grow to, in 64 KiB pages (65,536 = the 4 GiB of wasm32) */
  private readonly maxPages: number;

  constructor(bytes: Uint8Array<ArrayBuffer>, maxPages = 65536) {
    this.maxPages = maxPages;
    this.memory = new WebAssembly.Memory({ initial: 16 });
    // Synchronous compile: no top-level await anywhere, and the module is a few kilobytes.
    const module = new WebAssembly.Module(bytes);
    const instance = new WebAssembly.Instance(module, { env: { memory: this.memory } });
    this.exports = instance.exports as unknown as Exports;
    this.heap = new Float32Array(this.memory.buffer);
  }

  /**
   * Start a call needing `floats` values of scratch, growing the memory if it is too small; false
   * when it cannot grow (past `maxPages`, or the browser refuses), and the caller runs JS instead.
   */
  begin(floats: number): boolean {
    this.top = 0;
    const bytes = floats * 4 + 64 * 16;
    const have = this.memory.buffer.byteLength;
    if (bytes <= have) return true;
    const pages = Math.ceil((bytes - have) / PAGE);
    if (have / PAGE + pages > this.maxPages) return false;
    try {
      this.memory.grow(pages);
    } catch {
      return false;
    }
    this.heap = new Float32Array(this.memory.buffer);
    return true;
  }

  /** Copy src[start, start + len) into scratch; returns its byte address (16-byte aligned). */
  stage(src: Float32Array, start: number, len: number): Ptr {
    const p = this.top;
    this.heap.set(src.subarray(start, start + len), p >> 2);
    this.top = (p + len * 4 + 15) & ~15;
    return p;
  }

  /** Scratch for a pure output of `len` floats (not copied in). */
  reserve(len: number): Ptr {
    const p = this.top;
    this.top = (p + len * 4 + 15) & ~15;
    return p;
  }

  /** Copy `len` floats at byte address p back into dst[start, …). */
  unstage(p: Ptr, dst: Float32Array, start: number, len: number): void {
    dst.set(this.heap.subarray(p >> 2, (p >> 2) + len), start);
  }
}

/** Build the runtime from `bytes`; null when WebAssembly or SIMD is missing or loading fails. */
export function createWasmRuntime(
  bytes: Uint8Array<ArrayBuffer> = kernelModuleBytes(),
  simd: () => boolean = simdSupported,
  maxPages?: number
): WasmRuntime | null {
  if (!simd()) return null;
  try {
    return new WasmRuntime(bytes, maxPages);
  } catch {
    return null;
  }
}
