/** Painting an RGBA image into a 2-D canvas, as a Svelte action (the conv detail's maps, the digit grid). */

export interface RgbaImage {
  rgba: Uint8ClampedArray<ArrayBuffer>;
  width: number;
  height: number;
}

/** Svelte action: paint the image into the canvas, again whenever it changes. */
export function paintRgba(canvas: HTMLCanvasElement, image: RgbaImage) {
  const paint = (next: RgbaImage) => canvas.getContext('2d')?.putImageData(new ImageData(next.rgba, next.width, next.height), 0, 0);
  paint(image);
  return { update: paint };
}
