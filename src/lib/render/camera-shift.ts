/**
 * Pan and zoom without a WebGL frame. Between two renders of the network canvas, a camera change moves the
 * picture already drawn with a CSS transform on the canvas element: the compositor places it, nothing is
 * drawn again. Without GPU acceleration that frame costs far less (page bench machine, SwiftShader: a pan
 * frame 22 ms in the GPU process when the scene is drawn again, 14 ms when the drawn picture is moved).
 * The next render (a live update, an edit, or the camera at rest for CAMERA_SETTLE_MS) draws the scene
 * with the new camera and drops the transform in the same frame.
 */
import type { Camera } from '../editor/camera';

/** The drawn picture is moved by (x, y) after scaling it by `scale` about the canvas's top-left corner. */
export interface CameraShift {
  x: number;
  y: number;
  scale: number;
}

/** After the camera has not changed for this long, the scene is drawn again with it (sharp, no strips). */
export const CAMERA_SETTLE_MS = 150;
/** A shift larger than this share of the canvas (or a zoom by more than MAX_SHIFT_ZOOM) is drawn at once. */
export const MAX_SHIFT_SHARE = 0.25;
export const MAX_SHIFT_ZOOM = 1.5;

/**
 * Where the picture drawn with camera `drawn` must go to stand where camera `now` shows the world:
 * screen = world · zoom + (x, y), so now = drawn · scale + shift with scale = now.zoom / drawn.zoom.
 */
export function cameraShift(drawn: Camera, now: Camera): CameraShift {
  const scale = now.zoom / drawn.zoom;
  return { x: now.x - drawn.x * scale, y: now.y - drawn.y * scale, scale };
}

/**
 * Whether moving the drawn picture is good enough for now: the strips it uncovers (the canvas background
 * shows there until the next render) stay narrow, and a zoom does not blur it much.
 */
export function shiftFits(shift: CameraShift, size: { width: number; height: number }): boolean {
  if (!(shift.scale > 0) || !Number.isFinite(shift.x) || !Number.isFinite(shift.y)) return false;
  if (Math.max(shift.scale, 1 / shift.scale) > MAX_SHIFT_ZOOM) return false;
  // The uncovered strip on each side: where the moved picture no longer reaches the canvas's edges.
  const right = size.width - (shift.x + size.width * shift.scale);
  const bottom = size.height - (shift.y + size.height * shift.scale);
  const strip = Math.max(shift.x, right, 0) / size.width;
  const band = Math.max(shift.y, bottom, 0) / size.height;
  return strip <= MAX_SHIFT_SHARE && band <= MAX_SHIFT_SHARE;
}

/** The CSS transform for a shift (with transform-origin at the top-left corner); '' for none. */
export function shiftTransform(shift: CameraShift): string {
  if (shift.x === 0 && shift.y === 0 && shift.scale === 1) return '';
  return `translate(${shift.x}px, ${shift.y}px) scale(${shift.scale})`;
}
