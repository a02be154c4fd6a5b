/**
 * The overlay's shapes (overlay.ts) as an SVG layer over the network canvas. Changing the selection, the
 * hover or a gesture's ghost replaces a few SVG nodes; the WebGL scene under it is not rendered again.
 * Built with DOM calls only: a label is set as text, never parsed as markup.
 */
import type { Camera } from '../editor/camera';
import { overlayShapes, type OverlayShape, type OverlayState } from './overlay';
import { cssColor } from './style';

const SVG = 'http://www.w3.org/2000/svg';

export interface SvgOverlay {
  /** merge into the drawn state; redrawn once, before the next frame */
  set(next: Partial<OverlayState>): void;
  setCamera(camera: Camera): void;
  destroy(): void;
}

function element(shape: OverlayShape): SVGElement {
  if (shape.kind === 'text') {
    const text = document.createElementNS(SVG, 'text');
    text.setAttribute('x', String(shape.x));
    text.setAttribute('y', String(shape.y));
    text.setAttribute('text-anchor', 'middle');
    text.setAttribute('fill', cssColor(shape.color));
    text.setAttribute('font-size', '11');
    text.setAttribute('font-family', 'system-ui, sans-serif');
    text.textContent = shape.text;
    return text;
  }
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', shape.d);
  if (shape.fill) {
    path.setAttribute('fill', cssColor(shape.fill.color));
    if (shape.fill.alpha < 1) path.setAttribute('fill-opacity', String(shape.fill.alpha));
  } else path.setAttribute('fill', 'none');
  if (shape.stroke) {
    path.setAttribute('stroke', cssColor(shape.stroke.color));
    path.setAttribute('stroke-width', String(shape.stroke.width));
    if (shape.stroke.alpha < 1) path.setAttribute('stroke-opacity', String(shape.stroke.alpha));
  }
  return path;
}

/** An SVG layer placed right after `canvas`, covering the same box (its parent must be positioned). */
export function createSvgOverlay(canvas: HTMLCanvasElement, initial: OverlayState): SvgOverlay {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('data-overlay', '');
  // Always displayed, even when empty: an empty layer costs a frame nothing measurable, but showing and
  // hiding it (display: none while empty) made the compositor redraw the canvas's whole box each time the
  // hover came or went (a hover over the network: 15.7 ms a frame against 14.7 ms kept displayed).
  svg.setAttribute('style', 'position:absolute;inset:0;width:100%;height:100%;pointer-events:none;overflow:hidden');
  const world = document.createElementNS(SVG, 'g');
  svg.appendChild(world);
  canvas.after(svg);

  let state = initial;
  let drawnKey = '';
  let queued = false;
  const draw = () => {
    queued = false;
    const shapes = overlayShapes(state);
    // The same shapes again (the pointer moved along the same link): leave the DOM alone, so no frame is made.
    const key = JSON.stringify(shapes);
    if (key === drawnKey) return;
    drawnKey = key;
    world.replaceChildren(...shapes.map(element));
  };
  draw();

  return {
    set(next) {
      state = { ...state, ...next };
      if (queued) return;
      queued = true;
      // Several setters run in one event (select, then hover): one redraw for them all, before the frame.
      queueMicrotask(draw);
    },
    setCamera(camera) {
      world.setAttribute('transform', `translate(${camera.x} ${camera.y}) scale(${camera.zoom})`);
    },
    destroy() {
      svg.remove();
    }
  };
}
