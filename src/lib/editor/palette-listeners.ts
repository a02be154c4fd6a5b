/**
 * A palette press follows the pointer on the window until it ends (it leaves the palette for the canvas).
 * A tap — released where it was pressed, not over the canvas — adds the item at the view's centre instead,
 * since a touch screen has no other way to place it without a drag.
 */
export const TAP_TRAVEL = 10;

export interface PaletteDragHandlers {
  move: (e: PointerEvent) => void;
  up: (e: PointerEvent) => void;
  cancel: (e: PointerEvent) => void;
  /** the press ended as a tap */
  tap: () => void;
}

/** Listens on `target` for the press `pointerId` that began at (x, y); returns the function that stops listening. */
export function followPalettePress(target: Window, pointerId: number, start: { x: number; y: number }, handlers: PaletteDragHandlers): () => void {
  let travelled = 0;
  const mine = (e: PointerEvent) => e.pointerId === pointerId;
  const move = (e: PointerEvent) => {
    if (!mine(e)) return;
    travelled = Math.max(travelled, Math.hypot(e.clientX - start.x, e.clientY - start.y));
    handlers.move(e);
  };
  const up = (e: PointerEvent) => {
    if (!mine(e)) return;
    const tapped = isTap(travelled, Math.hypot(e.clientX - start.x, e.clientY - start.y));
    handlers.up(e);
    stop();
    if (tapped) handlers.tap();
  };
  const cancel = (e: PointerEvent) => {
    if (!mine(e)) return;
    handlers.cancel(e);
    stop();
  };
  function stop() {
    target.removeEventListener('pointermove', move);
    target.removeEventListener('pointerup', up);
    target.removeEventListener('pointercancel', cancel);
  }
  target.addEventListener('pointermove', move);
  target.addEventListener('pointerup', up);
  target.addEventListener('pointercancel', cancel);
  return stop;
}

/** A press that never went further than TAP_TRAVEL px from where it began. */
export function isTap(farthest: number, last: number): boolean {
  return Math.max(farthest, last) <= TAP_TRAVEL;
}
