/** Small helpers of the conv detail view: numbers as the arithmetic shows them, and painting RGBA into a canvas. */

/** Three significant figures, a proper minus sign, "0" for zero. */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const text = Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  return text.replace('-', '−');
}

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
