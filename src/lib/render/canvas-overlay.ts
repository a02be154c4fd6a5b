/**
 * The overlay's shapes (overlay.ts) on a 2-D canvas over the network canvas, drawn on the CPU
 * (cpu-canvas). Changing the selection, the hover or a gesture's ghost redraws this small picture; the
 * WebGL scene under it is not rendered again.
 * Not SVG: Chromium rasterises SVG strokes through GL in its GPU process, and where that GL is a software
 * rasteriser (SwiftShader: no GPU acceleration) an antialiased stroke over the canvas's box cost that
 * process tens of milliseconds. A press on a node 5 ms after the pointer reached it (the hover ring, then
 * the selection ring) took 104–128 ms to its frame with the SVG layer, 32–48 ms with no layer at all.
 * Skia draws the same strokes on the page's thread in well under a millisecond, and the compositor is
 * handed finished pixels.
 * Text is drawn with fillText: a label is never parsed as markup.
 */
import { IDENTITY_CAMERA, worldBoxToScreen, type Camera } from '../editor/camera';
import { cpuContext2d } from './cpu-canvas';
import { overlayShapes, pathBounds, type OverlayShape, type OverlayState } from './overlay';
import { boxAround, type Box } from '../editor/types';
import { cssColor } from './style';

export interface OverlayLayer {
  /** merge into the drawn state; redrawn once, before the next frame */
  set(next: Partial<OverlayState>): void;
  setCamera(camera: Camera): void;
  /** the box's size in CSS pixels (the network canvas's) */
  resize(width: number, height: number): void;
  destroy(): void;
}

const FONT = '11px system-ui, sans-serif';

function paint(ctx: CanvasRenderingContext2D, shape: OverlayShape): void {
  if (shape.kind === 'text') {
    ctx.globalAlpha = 1;
    ctx.font = FONT;
    ctx.textAlign = 'center';
    ctx.fillStyle = cssColor(shape.color);
    ctx.fillText(shape.text, shape.x, shape.y);
    return;
  }
  const path = new Path2D(shape.d);
  if (shape.fill) {
    ctx.globalAlpha = shape.fill.alpha;
    ctx.fillStyle = cssColor(shape.fill.color);
    ctx.fill(path);
  }
  if (shape.stroke) {
    ctx.globalAlpha = shape.stroke.alpha;
    ctx.strokeStyle = cssColor(shape.stroke.color);
    ctx.lineWidth = shape.stroke.width;
    ctx.stroke(path);
  }
}

/** The box (in the overlay's CSS pixels) that holds `shape` drawn with `camera`, strokes and all. */
function screenBounds(ctx: CanvasRenderingContext2D, shape: OverlayShape, camera: Camera): Box {
  let world: Box;
  if (shape.kind === 'text') {
    ctx.font = FONT;
    const width = ctx.measureText(shape.text).width;
    world = { x: shape.x - width / 2, y: shape.y - 11, width, height: 15 };
  } else {
    const half = (shape.stroke?.width ?? 0) / 2;
    const b = pathBounds(shape.d);
    world = { x: b.x - half, y: b.y - half, width: b.width + 2 * half, height: b.height + 2 * half };
  }
  const screen = worldBoxToScreen(camera, world);
  // One pixel more each side for antialiasing.
  return { x: screen.x - 1, y: screen.y - 1, width: screen.width + 2, height: screen.height + 2 };
}

/** The whole-pixel box within `width` × `height` that holds all of `boxes` (empty when they miss it). */
function coveringBox(boxes: Box[], width: number, height: number): Box {
  const around = boxAround(boxes);
  const empty = { x: 0, y: 0, width: 0, height: 0 };
  if (!around) return empty;
  const x0 = Math.max(0, Math.floor(around.x));
  const y0 = Math.max(0, Math.floor(around.y));
  const x1 = Math.min(width, Math.ceil(around.x + around.width));
  const y1 = Math.min(height, Math.ceil(around.y + around.height));
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : empty;
}

/**
 * A canvas placed right after `canvas`, within the same box (its parent must be positioned), with
 * `resolution` device pixels per CSS pixel (the network canvas's own). It covers only what its shapes
 * cover: every change hands the compositor the whole canvas again, and on software GL uploading the box of
 * the network canvas cost the frame that answered a press about 10 ms more than a ring's box.
 */
export function createCanvasOverlay(canvas: HTMLCanvasElement, initial: OverlayState, resolution: number): OverlayLayer {
  const layer = document.createElement('canvas');
  layer.setAttribute('aria-hidden', 'true');
  layer.setAttribute('data-overlay', '');
  layer.style.cssText = 'position:absolute;left:0;top:0;width:0;height:0;pointer-events:none';
  layer.width = 0;
  layer.height = 0;
  canvas.after(layer);
  const ctx = cpuContext2d(layer);

  let state = initial;
  let camera: Camera = IDENTITY_CAMERA;
  let size = { width: 0, height: 0 };
  /** what the pixels show now: '' for nothing */
  let drawnKey = '';
  let queued = false;
  const place = (box: Box) => {
    layer.style.left = `${box.x}px`;
    layer.style.top = `${box.y}px`;
    layer.style.width = `${box.width}px`;
    layer.style.height = `${box.height}px`;
    // Setting the size clears the pixels, even to the same size.
    layer.width = Math.round(box.width * resolution);
    layer.height = Math.round(box.height * resolution);
  };
  const draw = () => {
    queued = false;
    if (!ctx) return;
    const shapes = overlayShapes(state);
    // Nothing to show and nothing shown (a pan over an empty selection): no pixels change, so no frame.
    const key = shapes.length === 0 ? '' : JSON.stringify([shapes, camera, size]);
    if (key === drawnKey) return;
    drawnKey = key;
    const box = coveringBox(
      shapes.map((shape) => screenBounds(ctx, shape, camera)),
      size.width,
      size.height
    );
    place(box);
    if (box.width === 0) return;
    const scale = resolution * camera.zoom;
    ctx.setTransform(scale, 0, 0, scale, resolution * (camera.x - box.x), resolution * (camera.y - box.y));
    for (const shape of shapes) paint(ctx, shape);
  };
  const queue = () => {
    if (queued) return;
    queued = true;
    // Several setters run in one event (select, then hover): one redraw for them all, before the frame.
    queueMicrotask(draw);
  };

  return {
    set(next) {
      state = { ...state, ...next };
      queue();
    },
    setCamera(next) {
      camera = next;
      queue();
    },
    resize(width, height) {
      if (width === size.width && height === size.height) return;
      size = { width, height };
      queue();
    },
    destroy() {
      layer.remove();
    }
  };
}
