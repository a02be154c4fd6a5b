/**
 * Two fingers: pinch to zoom about their midpoint, move together to pan, both at once.
 *   idle ──second finger down──▶ pinching ──either finger up / cancel──▶ idle
 * The camera is always computed from the one at the start of the pinch, so rounding never accumulates.
 */
import { panBy, zoomAt, type Camera } from '../camera';
import { distance, type Point } from '../types';
import type { PointerInput, ToolResult } from './types';

export type PinchState =
  | { name: 'idle' }
  | {
      name: 'pinching';
      ids: [number, number];
      points: [Point, Point];
      startCamera: Camera;
      startMid: Point;
      startDistance: number;
    };

export const PINCH_IDLE: PinchState = { name: 'idle' };

function midpoint(a: Point, b: Point): Point {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

export function startPinch(
  first: { id: number; point: Point },
  second: { id: number; point: Point },
  camera: Camera
): PinchState {
  return {
    name: 'pinching',
    ids: [first.id, second.id],
    points: [first.point, second.point],
    startCamera: camera,
    startMid: midpoint(first.point, second.point),
    // Fingers placed on one spot would divide by zero; a pixel apart is as close as they get.
    startDistance: Math.max(1, distance(first.point, second.point))
  };
}

export function pinchCamera(state: Extract<PinchState, { name: 'pinching' }>): Camera {
  const mid = midpoint(state.points[0], state.points[1]);
  const factor = Math.max(1, distance(state.points[0], state.points[1])) / state.startDistance;
  const zoomed = zoomAt(state.startCamera, state.startMid, factor);
  return panBy(zoomed, mid.x - state.startMid.x, mid.y - state.startMid.y);
}

export function pinchTool(state: PinchState, input: PointerInput): ToolResult<PinchState> {
  if (state.name === 'idle') return { state, effects: [] };
  const slot = state.ids.indexOf(input.pointerId);
  if (slot < 0) return { state, effects: [] };
  if (input.type === 'up' || input.type === 'cancel') return { state: PINCH_IDLE, effects: [] };
  if (input.type !== 'move') return { state, effects: [] };
  const points: [Point, Point] = slot === 0 ? [input.screen, state.points[1]] : [state.points[0], input.screen];
  const next = { ...state, points };
  return { state: next, effects: [{ type: 'camera', camera: pinchCamera(next) }] };
}
