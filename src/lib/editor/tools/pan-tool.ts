/**
 * Panning with space-drag or middle-drag: the content follows the pointer.
 *   idle ──down──▶ panning ──up / cancel──▶ idle
 */
import { panBy, type Camera } from '../camera';
import type { Point } from '../types';
import type { PointerInput, ToolContext, ToolResult } from './types';

export type PanState = { name: 'idle' } | { name: 'panning'; pointerId: number; start: Point; startCamera: Camera };

export const PAN_IDLE: PanState = { name: 'idle' };

export function startPan(input: PointerInput, context: ToolContext): ToolResult<PanState> {
  return { state: { name: 'panning', pointerId: input.pointerId, start: input.screen, startCamera: context.camera }, effects: [] };
}

export function panTool(state: PanState, input: PointerInput): ToolResult<PanState> {
  if (state.name === 'idle' || input.pointerId !== state.pointerId) return { state, effects: [] };
  if (input.type === 'up' || input.type === 'cancel') return { state: PAN_IDLE, effects: [] };
  if (input.type !== 'move') return { state, effects: [] };
  const camera = panBy(state.startCamera, input.screen.x - state.start.x, input.screen.y - state.start.y);
  return { state, effects: [{ type: 'camera', camera }] };
}
