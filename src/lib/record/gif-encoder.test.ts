import { describe, expect, it } from 'vitest';
import { gifFrameCount } from '../testing/gif';
import { createGifEncoder } from './gif-encoder';

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
    expect(gifFrameCount(new Uint8Array(await blob.arrayBuffer()))).toBe(3);
  });

  it('the frame counter refuses what is not a GIF', () => {
    expect(() => gifFrameCount(new TextEncoder().encode('PNG...'))).toThrow(/not a GIF89a/);
  });

  it('refuses a frame of another size', async () => {
    const encoder = createGifEncoder(16, 8, 8);
    await expect(encoder.add(frame(8, 8, 0), null as unknown as HTMLCanvasElement, 0)).rejects.toThrow(/8×8 frame in a 16×8/);
  });
});
