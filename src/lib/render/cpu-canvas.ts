/**
 * 2-D canvases drawn on the CPU. Chromium rasterises an ordinary 2-D canvas through GL in its GPU process;
 * where that GL is a software rasteriser (SwiftShader: no GPU acceleration) every chart redraw cost that
 * process tens of milliseconds and delayed the page's frames. A canvas created with `willReadFrequently`
 * is drawn by Skia on the CPU of the page's own thread instead, which for a small chart is much cheaper,
 * and only its finished pixels are handed to the compositor.
 */

/** A 2-D context of `canvas` that is drawn on the CPU; null when the browser gives none. */
export function cpuContext2d(canvas: HTMLCanvasElement, settings?: CanvasRenderingContext2DSettings): CanvasRenderingContext2D | null {
  return canvas.getContext('2d', { ...settings, willReadFrequently: true });
}

/**
 * Runs `create` (a library constructor such as `new uPlot(...)` that makes its own canvases) so that every
 * 2-D context it asks for is a CPU one. The patch lives only for the call.
 */
export function withCpuCanvases<T>(create: () => T): T {
  const proto = HTMLCanvasElement.prototype;
  const original = proto.getContext;
  const call = original as (this: HTMLCanvasElement, kind: string, options?: object) => RenderingContext | null;
  proto.getContext = function (this: HTMLCanvasElement, kind: string, options?: object) {
    return call.call(this, kind, kind === '2d' ? { ...options, willReadFrequently: true } : options);
  } as typeof proto.getContext;
  try {
    return create();
  } finally {
    proto.getContext = original;
  }
}
