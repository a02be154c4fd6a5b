/**
 * The select tool: click and shift-click to select, drag nodes to move them (one gesture id per drag,
 * so undo takes the whole drag back), drag on empty canvas to box-select, click a link or a neuron to edit
 * its weight or bias.
 *
 *   idle ──down on node/wire──▶ pointing ──moved past threshold──▶ dragging ──up──▶ idle
 *   idle ──down on empty──▶ boxSelecting ──up──▶ idle
 *   pointing ──up (a click)──▶ idle
 */
import { screenToWorld } from '../camera';
import { hitTest, nodesInBox, type HitTarget } from '../hit-test';
import { sameSelection, toggle, union } from '../selection';
import { boxFromCorners, distance, type Point } from '../types';
import { dragThreshold, hitOptions, type Effect, type PointerInput, type ToolContext, type ToolResult } from './types';

export type SelectState =
  | { name: 'idle' }
  | {
      name: 'pointing';
      pointerId: number;
      start: Point;
      target: HitTarget;
      /** the pressed node was already selected before this press (a second click edits its bias) */
      wasSelected: boolean;
      /** nodes that move if this becomes a drag */
      dragIds: string[];
      gesture: string;
    }
  | {
      name: 'dragging';
      pointerId: number;
      start: Point;
      origins: { id: string; x: number; y: number }[];
      gesture: string;
    }
  | { name: 'boxSelecting'; pointerId: number; startWorld: Point; base: string[]; current: string[] };

export const SELECT_IDLE: SelectState = { name: 'idle' };

function pressedNode(target: HitTarget): string | null {
  return target.kind === 'node' || target.kind === 'unit' || target.kind === 'port' ? target.nodeId : null;
}

function pressedEdge(target: HitTarget): string | null {
  return target.kind === 'edge' || target.kind === 'link' ? target.edgeId : null;
}

export function selectTool(
  state: SelectState,
  input: PointerInput,
  context: ToolContext,
  gesture: string
): ToolResult<SelectState> {
  switch (state.name) {
    case 'idle':
      return input.type === 'down' ? press(input, context, gesture) : { state, effects: [] };
    case 'pointing':
      return pointing(state, input, context);
    case 'dragging':
      return dragging(state, input, context);
    case 'boxSelecting':
      return boxSelecting(state, input, context);
  }
}

function press(input: PointerInput, context: ToolContext, gesture: string): ToolResult<SelectState> {
  const target = hitTest(context.doc, screenToWorld(context.camera, input.screen), hitOptions(context, input));
  const additive = !!(input.shiftKey || input.ctrlKey || input.metaKey);
  if (!target) {
    const base = additive ? context.selection : [];
    const effects: Effect[] = additive || context.selection.length === 0 ? [] : [{ type: 'select', ids: [] }];
    return {
      state: {
        name: 'boxSelecting',
        pointerId: input.pointerId,
        startWorld: screenToWorld(context.camera, input.screen),
        base,
        current: base
      },
      effects
    };
  }
  const id = (pressedNode(target) ?? pressedEdge(target))!;
  const wasSelected = context.selection.includes(id);
  let selection = context.selection;
  if (additive) selection = toggle(selection, id);
  else if (!wasSelected) selection = [id];
  const nodeIds = new Set(context.doc.nodes.map((n) => n.id));
  // Dragging a node moves every selected node with it; a wire does not drag.
  const dragIds = pressedNode(target) && selection.includes(id) ? selection.filter((s) => nodeIds.has(s)) : [];
  return {
    state: { name: 'pointing', pointerId: input.pointerId, start: input.screen, target, wasSelected, dragIds, gesture },
    effects: sameSelection(selection, context.selection) ? [] : [{ type: 'select', ids: selection }]
  };
}

function pointing(
  state: Extract<SelectState, { name: 'pointing' }>,
  input: PointerInput,
  context: ToolContext
): ToolResult<SelectState> {
  if (input.pointerId !== state.pointerId) return { state, effects: [] };
  if (input.type === 'cancel') return { state: SELECT_IDLE, effects: [] };
  if (input.type === 'move') {
    if (state.dragIds.length === 0 || distance(input.screen, state.start) < dragThreshold(input)) {
      return { state, effects: [] };
    }
    const picked = new Set(state.dragIds);
    const origins = context.doc.nodes.filter((n) => picked.has(n.id)).map((n) => ({ id: n.id, x: n.x, y: n.y }));
    const next: SelectState = {
      name: 'dragging',
      pointerId: state.pointerId,
      start: state.start,
      origins,
      gesture: state.gesture
    };
    return dragging(next, input, context);
  }
  if (input.type === 'up') return { state: SELECT_IDLE, effects: click(state, input, context) };
  return { state, effects: [] };
}

/** A press released without moving: a link opens its weight, a second click on a neuron its bias. */
function click(state: Extract<SelectState, { name: 'pointing' }>, input: PointerInput, context: ToolContext): Effect[] {
  if (input.shiftKey || input.ctrlKey || input.metaKey) return [];
  const t = state.target;
  if (t.kind === 'link') {
    return [{ type: 'editParam', ref: { kind: 'weight', from: t.from, to: t.to, i: t.i, j: t.j }, at: input.screen }];
  }
  if (t.kind === 'unit' && state.wasSelected) {
    const node = context.doc.nodes.find((n) => n.id === t.nodeId);
    if (node && node.kind !== 'input') {
      return [{ type: 'editParam', ref: { kind: 'bias', group: node.id, j: t.j }, at: input.screen }];
    }
  }
  return [];
}

function dragging(
  state: Extract<SelectState, { name: 'dragging' }>,
  input: PointerInput,
  context: ToolContext
): ToolResult<SelectState> {
  if (input.pointerId !== state.pointerId) return { state, effects: [] };
  if (input.type === 'cancel') {
    // Put everything back under the same gesture, so the drag leaves no trace in history.
    return {
      state: SELECT_IDLE,
      effects: [{ type: 'change', change: { type: 'moveNodes', moves: state.origins }, gesture: state.gesture }]
    };
  }
  if (input.type === 'up') return { state: SELECT_IDLE, effects: [] };
  if (input.type !== 'move') return { state, effects: [] };
  const dx = (input.screen.x - state.start.x) / context.camera.zoom;
  const dy = (input.screen.y - state.start.y) / context.camera.zoom;
  const moves = state.origins.map((o) => ({ id: o.id, x: Math.round(o.x + dx), y: Math.round(o.y + dy) }));
  return { state, effects: [{ type: 'change', change: { type: 'moveNodes', moves }, gesture: state.gesture }] };
}

function boxSelecting(
  state: Extract<SelectState, { name: 'boxSelecting' }>,
  input: PointerInput,
  context: ToolContext
): ToolResult<SelectState> {
  if (input.pointerId !== state.pointerId) return { state, effects: [] };
  if (input.type === 'up' || input.type === 'cancel') {
    return { state: SELECT_IDLE, effects: [{ type: 'ghost', ghost: null }] };
  }
  if (input.type !== 'move') return { state, effects: [] };
  const box = boxFromCorners(state.startWorld, screenToWorld(context.camera, input.screen));
  const current = union(state.base, nodesInBox(context.doc, box));
  const effects: Effect[] = [{ type: 'ghost', ghost: { kind: 'box', box } }];
  if (!sameSelection(current, state.current)) effects.push({ type: 'select', ids: current });
  return { state: { ...state, current }, effects };
}
