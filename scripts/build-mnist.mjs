#!/usr/bin/env node
/**
 * Turns the `mnist` package's 10,000 digits (JSON, 784 floats each, one file per digit class)
 * into static/data/mnist-10k.bin, which the app fetches lazily:
 *
 *   bytes 0..3   'AXMN'
 *   4..5         version (uint16 LE) = 1
 *   6..7         rows (uint16 LE) = 28
 *   8..9         cols (uint16 LE) = 28
 *   10..11       reserved, 0
 *   12..15       count (uint32 LE)
 *   16..         count labels (uint8), then count × rows × cols pixels (uint8, 0–255, row-major)
 *
 * The classes are interleaved evenly (digit i of a class with n digits sits at (i + ½) / n of the way
 * through the file), so any tail of the file — the held-out test digits — has every class in its share.
 *
 * Usage: node scripts/build-mnist.mjs [--out path] [--force]
 * Skips the work when the output is newer than every input (and this script).
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MAGIC = 'AXMN';
export const VERSION = 1;
export const HEADER_BYTES = 16;
const SIZE = 28;
const PIXELS = SIZE * SIZE;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Paths of the package's ten digit files, class 0 first. */
export function digitFiles() {
  const packageDir = dirname(require.resolve('mnist/package.json'));
  return Array.from({ length: 10 }, (_, d) => join(packageDir, 'src', 'digits', `${d}.json`));
}

/**
 * The order the digits are written in: [class, index within class] pairs, classes spread evenly.
 * @param {number[]} classCounts digits per class
 * @returns {[number, number][]}
 */
export function interleavedOrder(classCounts) {
  /** @type {{ c: number; i: number; key: number }[]} */
  const order = [];
  classCounts.forEach((n, c) => {
    for (let i = 0; i < n; i++) order.push({ c, i, key: (i + 0.5) / n });
  });
  order.sort((a, b) => a.key - b.key || a.c - b.c);
  return order.map(({ c, i }) => /** @type {[number, number]} */ ([c, i]));
}

/**
 * @param {ArrayLike<number>[]} rawByClass per class, the package's flat 0..1 pixel values
 * @returns {Uint8Array} the whole file
 */
export function encode(rawByClass) {
  const counts = rawByClass.map((raw) => {
    if (raw.length % PIXELS !== 0) throw new Error(`a digit file has ${raw.length} values, not a multiple of ${PIXELS}`);
    return raw.length / PIXELS;
  });
  const order = interleavedOrder(counts);
  const count = order.length;
  const bytes = new Uint8Array(HEADER_BYTES + count + count * PIXELS);
  const view = new DataView(bytes.buffer);
  for (let k = 0; k < 4; k++) bytes[k] = MAGIC.charCodeAt(k);
  view.setUint16(4, VERSION, true);
  view.setUint16(6, SIZE, true);
  view.setUint16(8, SIZE, true);
  view.setUint32(12, count, true);
  const labels = bytes.subarray(HEADER_BYTES, HEADER_BYTES + count);
  const pixels = bytes.subarray(HEADER_BYTES + count);
  order.forEach(([c, i], row) => {
    labels[row] = c;
    const raw = rawByClass[c];
    for (let p = 0; p < PIXELS; p++) {
      // The package stores pixel/255 rounded to 3 decimals; back to bytes, clamped against rounding overshoot.
      pixels[row * PIXELS + p] = Math.max(0, Math.min(255, Math.round(raw[i * PIXELS + p] * 255)));
    }
  });
  return bytes;
}

/** @param {string} path */
function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

/**
 * @param {{ out?: string; force?: boolean }} [options]
 * @returns {{ out: string; skipped: boolean; bytes: number }}
 */
export function build({ out = join(root, 'static', 'data', 'mnist-10k.bin'), force = false } = {}) {
  const inputs = [...digitFiles(), fileURLToPath(import.meta.url)];
  const newestInput = Math.max(...inputs.map(mtime));
  if (!force && mtime(out) > newestInput) return { out, skipped: true, bytes: statSync(out).size };
  const rawByClass = digitFiles().map((file) => JSON.parse(readFileSync(file, 'utf8')).data);
  const bytes = encode(rawByClass);
  mkdirSync(dirname(out), { recursive: true });
  // Write beside and rename, so an interrupted build never leaves a half file that looks up to date.
  const partial = `${out}.partial`;
  writeFileSync(partial, bytes);
  renameSync(partial, out);
  return { out, skipped: false, bytes: bytes.length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const started = Date.now();
  const result = build({
    out: outIndex >= 0 ? resolve(args[outIndex + 1]) : undefined,
    force: args.includes('--force')
  });
  if (result.skipped) console.log(`build-mnist: ${result.out} is up to date`);
  else console.log(`build-mnist: wrote ${result.out} (${(result.bytes / 1e6).toFixed(2)} MB) in ${Date.now() - started} ms`);
}
