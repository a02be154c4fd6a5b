/**
 * When the editor fits the network in view by itself: when a network first arrives from outside (a restore,
 * a preset) but not while the person builds one from an empty canvas, and whenever the whole network is out
 * of view (a loaded file). Pure.
 */
import type { NetworkDoc } from '../model/document';
import { fitToContent, worldBoxToScreen, type Camera } from './camera';
import { nodeBox } from './edge-geometry';
import type { Box } from './types';

export interface Viewport {
  width: number;
  height: number;
}

/**
 * In a compact embed the fit never zooms out below this: node labels stay readable (at the ~39 % a whole
 * network needs in a 600×400 frame they are not), and the learner pans to see the rest.
 */
export const COMPACT_MIN_FIT_ZOOM = 0.7;

/**
 * The camera that shows every node, with room for the label above and the badges below each one. When
 * showing everything would need a zoom below `minZoom`, the network is centred at `minZoom` instead.
 */
export function fitCamera(doc: NetworkDoc, viewport: Viewport, minZoom = 0): Camera {
  const boxes: Box[] = doc.nodes.map((n) => {
    const b = nodeBox(n);
    return { x: b.x - 8, y: b.y - 20, width: b.width + 16, height: b.height + 40 };
  });
  const fitted = fitToContent(boxes, viewport, 24);
  if (fitted.zoom >= minZoom) return fitted;
  // The world point at the viewport's centre stays there.
  const centre = { x: (viewport.width / 2 - fitted.x) / fitted.zoom, y: (viewport.height / 2 - fitted.y) / fitted.zoom };
  return { x: viewport.width / 2 - centre.x * minZoom, y: viewport.height / 2 - centre.y * minZoom, zoom: minZoom };
}

export function anyNodeVisible(doc: NetworkDoc, camera: Camera, viewport: Viewport): boolean {
  return doc.nodes.some((n) => {
    const b = worldBoxToScreen(camera, nodeBox(n));
    return b.x < viewport.width && b.x + b.width > 0 && b.y < viewport.height && b.y + b.height > 0;
  });
}

/**
 * `fitted`: the editor has had a network on screen before; `emitted`: the person has changed it here.
 * Panning everything out of view on purpose is caught by the caller reading the camera untracked.
 */
export function shouldFit(doc: NetworkDoc, camera: Camera, viewport: Viewport, history: { fitted: boolean; emitted: boolean }): boolean {
  if (viewport.width <= 0 || doc.nodes.length === 0) return false;
  return (!history.fitted && !history.emitted) || !anyNodeVisible(doc, camera, viewport);
}
