import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeMnist, MNIST_PIXELS, readMnistHeader } from '../src/lib/data/mnist';
import { interleavedOrder } from './build-mnist.mjs';

const require = createRequire(import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'axon-mnist-'));
const out = join(dir, 'mnist-10k.bin');
const script = new URL('./build-mnist.mjs', import.meta.url).pathname;
const packageDigits: number[][] = Array.from({ length: 10 }, (_, d) => require(`mnist/src/digits/${d}.json`).data);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function load(): ArrayBuffer {
  const bytes = readFileSync(out);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

describe('scripts/build-mnist.mjs', () => {
  it('writes the 10,000 digits with a valid header, then skips when up to date', () => {
    const first = execFileSync('node', [script, '--out', out], { encoding: 'utf8' });
    expect(first).toMatch(/wrote .*7\.85 MB/);
    const header = readMnistHeader(load());
    expect(header).toEqual({ count: 10_000, rows: 28, cols: 28 });
    const before = statSync(out).mtimeMs;
    const second = execFileSync('node', [script, '--out', out], { encoding: 'utf8' });
    expect(second).toMatch(/up to date/);
    expect(statSync(out).mtimeMs).toBe(before);
  });

  it('round-trips: the binary’s digits and labels equal the package’s', () => {
    const bytes = new Uint8Array(load());
    const count = 10_000;
    const labels = bytes.subarray(16, 16 + count);
    const pixels = bytes.subarray(16 + count);
    const order = interleavedOrder(packageDigits.map((raw) => raw.length / MNIST_PIXELS));
    // Every 97th digit plus the first 20 and the last 20: label and all 784 pixels.
    const rows = [...Array.from({ length: 20 }, (_, i) => i), ...Array.from({ length: 103 }, (_, k) => k * 97), 9980, 9999];
    for (const row of rows) {
      const [c, i] = order[row];
      expect(labels[row]).toBe(c);
      for (let p = 0; p < MNIST_PIXELS; p++) {
        expect(Math.abs(pixels[row * MNIST_PIXELS + p] / 255 - packageDigits[c][i * MNIST_PIXELS + p])).toBeLessThan(0.0025);
      }
    }
    // The class with the most digits (ones: 1,127) leads, starting with its first digit.
    expect(order[0]).toEqual([1, 0]);
  });

  it('holds out 2,000 test digits with every class in its share (±25%)', () => {
    const table = decodeMnist(load());
    expect(table.count).toBe(10_000);
    expect(table.isTest.reduce((s, v) => s + v, 0)).toBe(2000);
    const perClass = new Array(10).fill(0);
    for (let i = 0; i < table.count; i++) if (table.isTest[i]) perClass[table.y[i]]++;
    for (const n of perClass) {
      expect(n).toBeGreaterThan(150);
      expect(n).toBeLessThan(250);
    }
    const firstTest = table.isTest.indexOf(1);
    expect(firstTest).toBe(8000);
    // Pixels stay bytes (no Float32 copy); byte × pixelScale is 0..1 and equals the package's value for the first digit.
    expect(table.y[0]).toBe(1);
    expect(table.x.length).toBe(0);
    const pixels = table.pixels!;
    const scale = table.pixelScale!;
    expect(pixels.length).toBe(10_000 * MNIST_PIXELS);
    for (let p = 0; p < MNIST_PIXELS; p++) expect(Math.abs(pixels[p] * scale - packageDigits[1][p])).toBeLessThan(0.0025);
  });
});
