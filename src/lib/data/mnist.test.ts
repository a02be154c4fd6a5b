import { describe, expect, it } from 'vitest';
import { encode } from '../../../scripts/build-mnist.mjs';
import { rowRgba } from './images';
import { decodeMnist, fetchMnist, MNIST_PIXELS, MNIST_URL, readMnistHeader } from './mnist';

/** A small file: 10 digits per class, every pixel of digit i of class c equal to (c * 10 + i) / 255. */
function smallFile(): ArrayBuffer {
  const raw = Array.from({ length: 10 }, (_, c) => {
    const data: number[] = [];
    for (let i = 0; i < 10; i++) for (let p = 0; p < MNIST_PIXELS; p++) data.push((c * 10 + i) / 255);
    return data;
  });
  const bytes: Uint8Array = encode(raw);
  return bytes.buffer.slice(0) as ArrayBuffer;
}

describe('decodeMnist', () => {
  it('decodes labels and byte pixels (× 1/255, no Float32 copy), the last testCount digits as test rows', () => {
    const table = decodeMnist(smallFile(), { testCount: 20 });
    expect(table.x.length).toBe(0);
    expect(table.pixels!.length).toBe(100 * MNIST_PIXELS);
    expect(table.pixelScale).toBeCloseTo(1 / 255, 12);
    expect(table.count).toBe(100);
    expect(table.columns[0]).toBe('p0');
    expect(table.columns[783]).toBe('p783');
    expect(table.classes).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(table.isTest.reduce((s, v) => s + v, 0)).toBe(20);
    for (let row = 0; row < table.count; row++) {
      const value = table.pixels![row * MNIST_PIXELS];
      // pixel value c*10+i encodes the class: its tens digit is the label
      expect(Math.floor(Math.round(value) / 10)).toBe(table.y[row]);
    }
    // The interleaved test tail holds two of each class.
    const perClass = new Array(10).fill(0);
    for (let row = 80; row < 100; row++) perClass[table.y[row]]++;
    expect(perClass).toEqual(new Array(10).fill(2));
  });

  it('takes a seeded subset of the training digits when asked for fewer', () => {
    const a = decodeMnist(smallFile(), { trainCount: 30, testCount: 10, seed: 3 });
    const b = decodeMnist(smallFile(), { trainCount: 30, testCount: 10, seed: 3 });
    const c = decodeMnist(smallFile(), { trainCount: 30, testCount: 10, seed: 4 });
    expect(a.count).toBe(40);
    expect(Array.from(a.pixels!)).toEqual(Array.from(b.pixels!));
    expect(Array.from(a.pixels!)).not.toEqual(Array.from(c.pixels!));
    expect(Array.from(a.isTest.slice(30))).toEqual(new Array(10).fill(1));
  });

  it('augments only the training digits with four one-pixel shifts', () => {
    const raw = Array.from({ length: 10 }, (_, c) => {
      const data = new Array<number>(2 * MNIST_PIXELS).fill(0);
      // one lit pixel at row 10, column 12 (+ c so classes differ)
      data[10 * 28 + 12 + c] = 1;
      data[MNIST_PIXELS + 10 * 28 + 12 + c] = 1;
      return data;
    });
    const buffer = (encode(raw) as Uint8Array).buffer.slice(0) as ArrayBuffer;
    const table = decodeMnist(buffer, { testCount: 5, augment: true });
    expect(table.count).toBe(15 * 5 + 5);
    expect(table.isTest.reduce((s, v) => s + v, 0)).toBe(5);
    expect(Array.from(table.isTest.slice(75))).toEqual([1, 1, 1, 1, 1]);
    const lit = (row: number) => {
      const at: number[] = [];
      for (let p = 0; p < MNIST_PIXELS; p++) if (table.pixels![row * MNIST_PIXELS + p] > 127) at.push(p);
      return at;
    };
    const original = lit(0)[0];
    expect(lit(15)).toEqual([original + 1]);
    expect(lit(30)).toEqual([original - 1]);
    expect(lit(45)).toEqual([original + 28]);
    expect(lit(60)).toEqual([original - 28]);
    for (const s of [1, 2, 3, 4]) expect(table.y[15 * s + 3]).toBe(table.y[3]);
  });

  it('refuses damaged files with a reason', () => {
    const buffer = smallFile();
    expect(() => readMnistHeader(buffer.slice(0, 1000))).toThrow(/damaged or cut short/);
    const wrong = new Uint8Array(buffer.slice(0));
    wrong[0] = 0;
    expect(() => readMnistHeader(wrong.buffer)).toThrow(/wrong magic/);
    expect(() => readMnistHeader(new ArrayBuffer(4))).toThrow(/too short/);
  });

  it('renders a digit as grey RGBA', () => {
    const table = decodeMnist(smallFile(), { testCount: 0 });
    const rgba = rowRgba(table, 0);
    expect(rgba.length).toBe(MNIST_PIXELS * 4);
    expect([rgba[0], rgba[1], rgba[2], rgba[3]]).toEqual([0, 0, 0, 255]);
  });
});

class MemoryCache {
  store = new Map<string, Response>();
  async match(url: string) {
    return this.store.get(url)?.clone();
  }
  async put(url: string, response: Response) {
    this.store.set(url, response);
  }
}
function memoryStorage(cache: MemoryCache): CacheStorage {
  return { open: async () => cache } as unknown as CacheStorage;
}

describe('fetchMnist', () => {
  it('fetches, checks and caches the file, then serves it from the cache when offline', async () => {
    const file = smallFile();
    const cache = new MemoryCache();
    let calls = 0;
    const online = async (url: string) => {
      calls++;
      expect(url).toBe(MNIST_URL);
      return new Response(file.slice(0));
    };
    const first = await fetchMnist(online, memoryStorage(cache));
    expect(first.byteLength).toBe(file.byteLength);
    expect(cache.store.has(MNIST_URL)).toBe(true);
    const offline = async () => {
      throw new TypeError('Failed to fetch');
    };
    const second = await fetchMnist(offline, memoryStorage(cache));
    expect(readMnistHeader(second).count).toBe(100);
    expect(calls).toBe(1);
  });

  it('says so clearly when offline and not cached', async () => {
    const offline = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(fetchMnist(offline, undefined)).rejects.toThrow(/you seem to be offline and they are not cached yet/);
  });

  it('reports a server error with its status', async () => {
    const missing = async () => new Response('nope', { status: 404 });
    await expect(fetchMnist(missing, undefined)).rejects.toThrow(/answered 404 for \/data\/mnist-10k\.bin/);
  });
});
