/**
 * How to take a picture of a canvas that cannot simply be copied. A WebGL canvas (pixi) clears its drawing
 * buffer after every frame, so drawing it into another canvas later gives a blank (or black) picture;
 * its renderer registers here a capture that renders the scene again into a plain canvas. Plain TypeScript:
 * the PNG export and the recorder ask for captures without knowing pixi. A canvas, not a PNG: the recorder
 * takes several pictures a second, and encoding and decoding a PNG each time cost more than the frame.
 */
export type Capture = () => Promise<CanvasImageSource>;

const captures = new WeakMap<HTMLCanvasElement, Capture>();

/** Register (or with null, remove) the capture of a canvas: a function returning a copyable picture of it. */
export function setCapture(canvas: HTMLCanvasElement, capture: Capture | null): void {
  if (capture) captures.set(canvas, capture);
  else captures.delete(canvas);
}

export function captureOf(canvas: HTMLCanvasElement): Capture | null {
  return captures.get(canvas) ?? null;
}
