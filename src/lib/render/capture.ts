/**
 * How to take a picture of a canvas that cannot simply be copied. A WebGL canvas (pixi) clears its drawing
 * buffer after every frame, so drawing it into another canvas later gives a blank (or black) picture;
 * its renderer registers here a capture that renders the scene again and reads it back. Plain TypeScript:
 * the PNG export asks for captures without knowing pixi.
 */
export type Capture = () => Promise<string>;

const captures = new WeakMap<HTMLCanvasElement, Capture>();

/** Register (or with null, remove) the capture of a canvas: a function returning a PNG data URL of it. */
export function setCapture(canvas: HTMLCanvasElement, capture: Capture | null): void {
  if (capture) captures.set(canvas, capture);
  else captures.delete(canvas);
}

export function captureOf(canvas: HTMLCanvasElement): Capture | null {
  return captures.get(canvas) ?? null;
}
