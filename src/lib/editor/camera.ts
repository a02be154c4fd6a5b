/**
 * The canvas camera, as in xyflow: screen = world · zoom + (x, y).
 * Kept out of the document and out of history; every function returns a new camera.
 */
import { boxAround, type Box, type Point, type Size } from './types';

export interface Camera {
  x: number;
  y: number;
  zoom: number;
}

export const MIN_ZOOM = 0.2;
export const MAX_ZOOM = 4;
export const IDENTITY_CAMERA: Camera = { x: 0, y: 0, zoom: 1 };

export function clampZoom(zoom: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

export function screenToWorld(camera: Camera, p: Point): Point {
  return { x: (p.x - camera.x) / camera.zoom, y: (p.y - camera.y) / camera.zoom };
}

export function worldToScreen(camera: Camera, p: Point): Point {
  return { x: p.x * camera.zoom + camera.x, y: p.y * camera.zoom + camera.y };
}

export function worldBoxToScreen(camera: Camera, box: Box): Box {
  const topLeft = worldToScreen(camera, box);
  return { x: topLeft.x, y: topLeft.y, width: box.width * camera.zoom, height: box.height * camera.zoom };
}

/** Zoom by `factor` keeping the world point under `screenPoint` where it is (zoom to cursor). */
export function zoomAt(camera: Camera, screenPoint: Point, factor: number): Camera {
  const zoom = clampZoom(camera.zoom * factor);
  const anchor = screenToWorld(camera, screenPoint);
  return { x: screenPoint.x - anchor.x * zoom, y: screenPoint.y - anchor.y * zoom, zoom };
}

/** Move the view by a screen-space delta (the content follows the pointer). */
export function panBy(camera: Camera, dx: number, dy: number): Camera {
  return { x: camera.x + dx, y: camera.y + dy, zoom: camera.zoom };
}

/** The wheel's deltaY as a zoom factor: smooth for trackpads, one notch ≈ 10 %. */
export function wheelFactor(deltaY: number, deltaMode = 0): number {
  const pixels = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  return Math.exp(-Math.max(-100, Math.min(100, pixels)) * 0.001);
}

/**
 * A camera that shows every box inside the viewport with `padding` screen pixels around them,
 * centred. Never zooms in past `maxZoom` (a single small node should not fill the screen).
 */
export function fitToContent(boxes: Box[], viewport: Size, padding = 40, maxZoom = 1.5): Camera {
  const around = boxAround(boxes);
  if (!around || viewport.width <= 0 || viewport.height <= 0) return { ...IDENTITY_CAMERA };
  const width = Math.max(around.width, 1);
  const height = Math.max(around.height, 1);
  const availableW = Math.max(viewport.width - 2 * padding, 1);
  const availableH = Math.max(viewport.height - 2 * padding, 1);
  const zoom = clampZoom(Math.min(availableW / width, availableH / height, maxZoom));
  const centre = { x: around.x + around.width / 2, y: around.y + around.height / 2 };
  return { x: viewport.width / 2 - centre.x * zoom, y: viewport.height / 2 - centre.y * zoom, zoom };
}
