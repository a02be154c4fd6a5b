/**
 * The MNIST digits: 10,000 real 28×28 digits built by scripts/build-mnist.mjs into static/data,
 * fetched only when chosen, kept in the Cache API for offline use, decoded into a DataTable.
 */
import type { DataTable } from '../../../workers/protocol';
import { createRng } from '../../../workers/engine';
import { pixelTable } from './images';

export const MNIST_URL = '/data/mnist-10k.bin';
export const MNIST_CACHE = 'axon-datasets-v1';
export const MNIST_SIDE = 28;
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;
export const MNIST_TEST_COUNT = 2000;
export const MNIST_TRAIN_COUNT = 8000;
export const MNIST_CLASSES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
export const MNIST_COLUMNS = Array.from({ length: MNIST_PIXELS }, (_, i) => `p${i}`);

const MAGIC = 'AXMN';
const VERSION = 1;
const HEADER_BYTES = 16;

export interface MnistHeader {
  count: number;
  rows: number;
  cols: number;
}

/** Read and check the header; throws an Error naming what is wrong with the file. */
export function readMnistHeader(buffer: ArrayBuffer): MnistHeader {
  if (buffer.byteLength < HEADER_BYTES) throw new Error(`The MNIST file is too short (${buffer.byteLength} bytes).`);
  const view = new DataView(buffer);
  const magic = String.fromCharCode(...new Uint8Array(buffer, 0, 4));
  if (magic !== MAGIC) throw new Error('This is not an Axon MNIST file (wrong magic bytes).');
  const version = view.getUint16(4, true);
  if (version !== VERSION) throw new Error(`The MNIST file has version ${version}; this app reads version ${VERSION}.`);
  const rows = view.getUint16(6, true);
  const cols = view.getUint16(8, true);
  const count = view.getUint32(12, true);
  if (rows * cols !== MNIST_PIXELS) throw new Error(`The MNIST file has ${rows}×${cols} images, not 28×28.`);
  const expected = HEADER_BYTES + count + count * MNIST_PIXELS;
  if (buffer.byteLength !== expected) {
    throw new Error(`The MNIST file is ${buffer.byteLength} bytes, but its header promises ${expected}: it is damaged or cut short.`);
  }
  return { count, rows, cols };
}

export interface MnistOptions {
  /** training digits taken from the digits before the held-out tail; default 8,000 (all of them) */
  trainCount?: number;
  /** the LAST testCount digits of the file are the test set; default 2,000 */
  testCount?: number;
  /** picks which training digits when fewer than all are asked for */
  seed?: number;
  /**
   * Add four copies of every training digit shifted by one pixel (right, left, down, up); test digits
   * are never shifted. Five times the training rows (about 31 MB of bytes for 8,000 digits),
   * but it lifts 784 → 128 → 10 from about 93% to 96% on the held-out digits: 8,000 digits alone overfit.
   */
  augment?: boolean;
}

/** One-pixel shifts used by `augment`: [dx, dy], positive = right / down. */
export const MNIST_SHIFTS: readonly (readonly [number, number])[] = [
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1]
];

/**
 * Decode the binary into a table: columns p0..p783 as bytes (`pixels`, raw value = byte / 255; `x` stays
 * empty, so the engine normalises each batch on the fly and no Float32 copy is ever made), classes '0'..'9',
 * training rows first, then the held-out test digits (the file's last testCount) with isTest = 1.
 */
export function decodeMnist(
  buffer: ArrayBuffer,
  { trainCount, testCount = MNIST_TEST_COUNT, seed = 1, augment = false }: MnistOptions = {}
): DataTable {
  const { count } = readMnistHeader(buffer);
  const tests = Math.max(0, Math.min(Math.floor(testCount), count));
  const available = count - tests;
  const trains = Math.max(0, Math.min(Math.floor(trainCount ?? available), available));
  const labels = new Uint8Array(buffer, HEADER_BYTES, count);
  const source = new Uint8Array(buffer, HEADER_BYTES + count, count * MNIST_PIXELS);

  let trainRows = Array.from({ length: available }, (_, i) => i);
  if (trains < available) {
    // A seeded subset, then back in file order so the classes stay interleaved.
    trainRows = createRng(seed).shuffle(trainRows).slice(0, trains).sort((a, b) => a - b);
  }
  const rows = [...trainRows, ...Array.from({ length: tests }, (_, i) => available + i)];
  const shifts = augment ? MNIST_SHIFTS : [];
  const trainTotal = trains * (1 + shifts.length);

  const total = trainTotal + tests;
  const pixels = new Uint8Array(total * MNIST_PIXELS);
  const y = new Float32Array(total);
  const isTest = new Uint8Array(total);
  rows.forEach((from, k) => {
    // Training digits first (originals, then each shift in turn), test digits last.
    const row = k < trains ? k : trainTotal + (k - trains);
    pixels.set(source.subarray(from * MNIST_PIXELS, (from + 1) * MNIST_PIXELS), row * MNIST_PIXELS);
    y[row] = labels[from];
    isTest[row] = k >= trains ? 1 : 0;
  });
  shifts.forEach(([dx, dy], s) => {
    for (let k = 0; k < trains; k++) {
      const from = k * MNIST_PIXELS;
      const row = trains * (s + 1) + k;
      const to = row * MNIST_PIXELS;
      for (let py = 0; py < MNIST_SIDE; py++) {
        const sy = py - dy;
        if (sy < 0 || sy >= MNIST_SIDE) continue;
        for (let px = 0; px < MNIST_SIDE; px++) {
          const sx = px - dx;
          if (sx >= 0 && sx < MNIST_SIDE) pixels[to + py * MNIST_SIDE + px] = pixels[from + sy * MNIST_SIDE + sx];
        }
      }
      y[row] = y[k];
    }
  });
  return pixelTable({ count: total, columns: [...MNIST_COLUMNS], bytes: pixels, scale: 1 / 255, y, classes: [...MNIST_CLASSES], targetColumns: [], isTest });
}

type FetchFn = (input: string) => Promise<Response>;

/**
 * Fetch the MNIST binary: from the Cache API when it holds it (offline use), else from the network,
 * storing a copy. Throws an Error with a sentence for the panel when neither works.
 */
export async function fetchMnist(
  fetchFn: FetchFn = (input) => fetch(input),
  cacheStorage: CacheStorage | undefined = globalThis.caches,
  url: string = MNIST_URL
): Promise<ArrayBuffer> {
  const cache = cacheStorage ? await cacheStorage.open(MNIST_CACHE).catch(() => undefined) : undefined;
  const cached = await cache?.match(url);
  if (cached) return cached.arrayBuffer();

  let response: Response;
  try {
    response = await fetchFn(url);
  } catch {
    throw new Error('Could not load the MNIST digits: you seem to be offline and they are not cached yet. Connect once and choose MNIST again.');
  }
  if (!response.ok) throw new Error(`Could not load the MNIST digits: the server answered ${response.status} for ${url}.`);
  const buffer = await response.arrayBuffer();
  readMnistHeader(buffer);
  // Storing may fail (private mode, quota); the digits still load this time.
  await cache?.put(url, new Response(buffer.slice(0), { headers: { 'content-type': 'application/octet-stream' } })).catch(() => undefined);
  return buffer;
}
