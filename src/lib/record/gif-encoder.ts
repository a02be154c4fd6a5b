/** Animated GIF from RGBA frames with gifenc (loaded lazily with the recorder): one palette per frame. */
import { applyPalette, GIFEncoder, quantize } from 'gifenc';
import type { FrameEncoder } from './encoder';

export function createGifEncoder(width: number, height: number, fps: number): FrameEncoder {
  const gif = GIFEncoder();
  const delay = Math.round(1000 / fps);
  let frames = 0;
  return {
    async add(frame: ImageData) {
      if (frame.width !== width || frame.height !== height) throw new Error(`A ${frame.width}×${frame.height} frame in a ${width}×${height} recording.`);
      // rgb444 quantizes about twice as fast as the default, at no visible cost for flat diagrams.
      const palette = quantize(frame.data, 256, { format: 'rgb444' });
      gif.writeFrame(applyPalette(frame.data, palette, 'rgb444'), width, height, { palette, delay });
      frames++;
    },
    async finish() {
      gif.finish();
      return { blob: new Blob([gif.bytes().slice().buffer], { type: 'image/gif' }), frames };
    }
  };
}
