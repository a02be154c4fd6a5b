import { describe, expect, it } from 'vitest';
import { createGifEncoder } from './gif-encoder';

/** Counts the image descriptors (0x2C) of a GIF by walking its blocks, as a decoder would. */
function gifFrames(bytes: Uint8Array): number {
  expect(String.fromCharCode(...bytes.subarray(0, 6))).toBe('GIF89a');
  let i = 13;
  if (bytes[10] & 0x80) i += 3 * (1 << ((bytes[10] & 7) + 1));
  const skipSubBlocks = () => {
    while (bytes[i] !== 0) i += bytes[i] + 1;
    i++;
  };
  let frames = 0;
  while (i < bytes.length) {
    const block = bytes[i++];
    if (block === 0x3b) return frames;
    if (block === 0x21) {
      i++;
      skipSubBlocks();
    } else if (block === 0x2c) {
      frames++;
      const packed = bytes[i + 8];
      i += 9;
      if (packed & 0x80) i += 3 * (1 << ((packed & 7) + 1));
      i++;
      skipSubBlocks();
    } else throw new Error(`unexpected block 0x${block.toString(16)} at ${i - 1}`);
  }
  throw new Error('no trailer');
}

function frame(width: number, height: number, shade: number): ImageData {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) data.set([shade, (p * 7) % 256, 255 - shade, 255], p * 4);
  return { width, height, data, colorSpace: 'srgb' } as ImageData;
}

describe('the GIF encoder', () => {
  it('writes one image per frame, readable block by block', async () => {
    const encoder = createGifEncoder(16, 8, 8);
    for (const shade of [0, 120, 250]) await encoder.add(frame(16, 8, shade), null as unknown as HTMLCanvasElement, 0);
    const { blob, frames } = await encoder.finish();
    expect(frames).toBe(3);
    expect(blob.type).toBe('image/gif');
    expect(gifFrames(new Uint8Array(await blob.arrayBuffer()))).toBe(3);
  });

  it('refuses a frame of another size', async () => {
    const encoder = createGifEncoder(16, 8, 8);
    await expect(encoder.add(frame(8, 8, 0), null as unknown as HTMLCanvasElement, 0)).rejects.toThrow(/8×8 frame in a 16×8/);
  });
});
