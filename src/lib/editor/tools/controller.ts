/**
 * Routes pointer input to the tool that owns the gesture, one gesture at a time:
 * two fingers → pinch; middle button or space + drag → pan; a press on a port → wire; anything else → select.
 * A locked canvas only pans, zooms and hovers. Hover is reported only while no button is held.
 * Everything is pure: (state, input, context) → { state, effects }.
 */
import { screenToWorld } from '../camera';
import type { Clipboard } from '../clipboard';
import { changesFor, commandFor, type KeyInput } from '../keyboard';
import { hitTest, type HitTarget } from '../hit-test';
import { PAN_IDLE, panTool, startPan, type PanState } from './pan-tool';
import { DROP_IDLE, dropTool, startDrop, type DropInput, type DropState, type PaletteItem } from './palette-drop';
import { PINCH_IDLE, pinchTool, startPinch, type PinchState } from './pinch-tool';
import { SELECT_IDLE, selectTool, type SelectState } from './select-tool';
import { startWire, WIRE_IDLE, wireTool, type WireState } from './wire-tool';
import { hitOptions, type Effect, type PointerInput, type ToolContext, type ToolResult } from './types';
import type { Point } from '../types';

export type Mode = 'idle' | 'select' | 'wire' | 'pan' | 'pinch' | 'drop';

export interface EditorState {
  mode: Mode;
  select: SelectState;
  wire: WireState;
  pan: PanState;
  pinch: PinchState;
  drop: DropState;
  /** fingers on the canvas, in the order they landed */
  touches: { id: number; point: Point }[];
  /** gestures started so far (gesture ids are prefix + count) */
  gestures: number;
  hover: HitTarget | null;
}

export function createEditorState(): EditorState {
  return {
    mode: 'idle',
    select: SELECT_IDLE,
    wire: WIRE_IDLE,
    pan: PAN_IDLE,
    pinch: PINCH_IDLE,
    drop: DROP_IDLE,
    touches: [],
    gestures: 0,
    hover: null
  };
}

/** The pointer that drives the active tool, if any. */
function activePointer(state: EditorState): number | null {
  switch (state.mode) {
    case 'select':
      return state.select.name === 'idle' ? null : state.select.pointerId;
    case 'wire':
      return state.wire.name === 'idle' ? null : state.wire.pointerId;
    case 'pan':
      return state.pan.name === 'idle' ? null : state.pan.pointerId;
    case 'drop':
      return state.drop.name === 'idle' ? null : state.drop.pointerId;
    default:
      return null;
  }
}

/** Feed one input to the active tool and fold its result back into the editor state. */
function route(state: EditorState, input: PointerInput, context: ToolContext): ToolResult<EditorState> {
  switch (state.mode) {
    case 'select': {
      const r = selectTool(state.select, input, context, '');
      return { state: { ...state, select: r.state, mode: r.state.name === 'idle' ? 'idle' : 'select' }, effects: r.effects };
    }
    case 'wire': {
      const r = wireTool(state.wire, input, context);
      return { state: { ...state, wire: r.state, mode: r.state.name === 'idle' ? 'idle' : 'wire' }, effects: r.effects };
    }
    case 'pan': {
      const r = panTool(state.pan, input);
      return { state: { ...state, pan: r.state, mode: r.state.name === 'idle' ? 'idle' : 'pan' }, effects: r.effects };
    }
    case 'pinch': {
      const r = pinchTool(state.pinch, input);
      return { state: { ...state, pinch: r.state, mode: r.state.name === 'idle' ? 'idle' : 'pinch' }, effects: r.effects };
    }
    default:
      return { state, effects: [] };
  }
}

/** Abandon whatever gesture is under way (Escape, a second finger, a lost pointer). */
export function cancelGesture(state: EditorState, context: ToolContext): ToolResult<EditorState> {
  const pointerId = activePointer(state);
  if (state.mode === 'drop' && state.drop.name !== 'idle') {
    const r = dropTool(state.drop, { ...cancelInput(state.drop.pointerId), overCanvas: false }, context);
    return { state: { ...state, drop: r.state, mode: 'idle' }, effects: r.effects };
  }
  if (state.mode === 'pinch') return { state: { ...state, pinch: PINCH_IDLE, mode: 'idle' }, effects: [] };
  if (pointerId === null) return { state: { ...state, mode: 'idle' }, effects: [] };
  const r = route(state, cancelInput(pointerId), context);
  return { state: { ...r.state, mode: 'idle' }, effects: r.effects };
}

function cancelInput(pointerId: number): PointerInput {
  return { type: 'cancel', pointerId, pointerType: 'mouse', button: 0, screen: { x: 0, y: 0 } };
}

export function handlePointer(state: EditorState, input: PointerInput, context: ToolContext): ToolResult<EditorState> {
  let touches = state.touches;
  if (input.pointerType === 'touch') {
    if (input.type === 'down') touches = [...touches.filter((t) => t.id !== input.pointerId), { id: input.pointerId, point: input.screen }];
    else if (input.type === 'move') touches = touches.map((t) => (t.id === input.pointerId ? { id: t.id, point: input.screen } : t));
    else touches = touches.filter((t) => t.id !== input.pointerId);
  }
  state = { ...state, touches };
  if (input.type === 'down') return press(state, input, context);
  if (input.type === 'move' && state.mode === 'idle') {
    if ((input.buttons ?? 0) !== 0 || input.pointerType === 'touch') return { state, effects: [] };
    const target = hitTest(context.doc, screenToWorld(context.camera, input.screen), hitOptions(context, input));
    // A changed target is announced; the same target is re-announced too, because the pointer moved inside it
    // (a heat-map's hovered grid point follows the pointer).
    return { state: { ...state, hover: target }, effects: [{ type: 'hover', target, at: input.screen }] };
  }
  return route(state, input, context);
}

function press(state: EditorState, input: PointerInput, context: ToolContext): ToolResult<EditorState> {
  const effects: Effect[] = [];
  if (state.hover) {
    effects.push({ type: 'hover', target: null, at: input.screen });
    state = { ...state, hover: null };
  }
  if (input.pointerType === 'touch' && state.touches.length >= 2) {
    if (state.touches.length > 2 || state.mode === 'pinch') return { state, effects };
    // The second finger turns whatever the first one started into a pinch.
    const cancelled = cancelGesture(state, context);
    effects.push(...cancelled.effects);
    const [first, second] = cancelled.state.touches;
    const pinch = startPinch({ id: first.id, point: first.point }, { id: second.id, point: second.point }, context.camera);
    return { state: { ...cancelled.state, mode: 'pinch', pinch }, effects };
  }
  if (state.mode !== 'idle') return { state, effects };
  const gesture = `${context.gesturePrefix ?? 'g'}${state.gestures + 1}`;
  state = { ...state, gestures: state.gestures + 1 };
  if (input.button === 1 || (input.button === 0 && context.spaceHeld) || (input.button === 0 && context.locked)) {
    const r = startPan(input, context);
    return { state: { ...state, mode: 'pan', pan: r.state }, effects: [...effects, ...r.effects] };
  }
  if (input.button !== 0) return { state, effects };
  const target = hitTest(context.doc, screenToWorld(context.camera, input.screen), hitOptions(context, input));
  if (target?.kind === 'port') {
    const r = startWire(input, { nodeId: target.nodeId, side: target.side }, gesture, context);
    return { state: { ...state, mode: 'wire', wire: r.state }, effects: [...effects, ...r.effects] };
  }
  const r = selectTool(SELECT_IDLE, input, context, gesture);
  const mode = r.state.name === 'idle' ? 'idle' : 'select';
  return { state: { ...state, mode, select: r.state }, effects: [...effects, ...r.effects] };
}

/** Zoom factors of the + and − keys. */
export const KEY_ZOOM_IN = 1.25;
export const KEY_ZOOM_OUT = 0.8;

/**
 * A key pressed on the canvas: the shortcut table (keyboard.ts) gives the command, and this turns it into
 * effects, the same kind the pointer tools return. `gesture` is the id that makes the key's change one undo
 * step. `handled` false: the key is not the canvas's (it may be the page's, like Space or R).
 */
export function handleKey(
  state: EditorState,
  key: KeyInput,
  context: ToolContext,
  clipboard: Clipboard | null,
  gesture: string
): ToolResult<EditorState> & { handled: boolean } {
  const command = commandFor(key);
  if (!command) return { state, effects: [], handled: false };
  const locked = context.locked ?? false;
  switch (command.type) {
    case 'undo':
    case 'redo':
      return { state, effects: locked ? [] : [{ type: 'history', action: command.type }], handled: true };
    case 'fit':
      return { state, effects: [{ type: 'fit' }], handled: true };
    case 'zoomIn':
    case 'zoomOut':
      return { state, effects: [{ type: 'zoom', factor: command.type === 'zoomIn' ? KEY_ZOOM_IN : KEY_ZOOM_OUT }], handled: true };
  }
  const effects: Effect[] = [];
  if (command.type === 'cancel') {
    const cancelled = cancelGesture(state, context);
    state = cancelled.state;
    effects.push(...cancelled.effects, { type: 'dismiss' });
  }
  // A locked canvas may still select and copy, never change the document.
  if (locked && command.type !== 'cancel' && command.type !== 'selectAll' && command.type !== 'copy') return { state, effects, handled: true };
  const result = changesFor(command, context.doc, context.selection, clipboard);
  if (result.change) effects.push({ type: 'change', change: result.change, gesture });
  if (result.selection) effects.push({ type: 'select', ids: result.selection });
  if (result.clipboard !== undefined) effects.push({ type: 'clipboard', clipboard: result.clipboard });
  return { state, effects, handled: true };
}

/** A press on a palette item begins a drop gesture (ignored while another gesture is under way). */
export function beginPaletteDrag(
  state: EditorState,
  pointerId: number,
  item: PaletteItem,
  context: ToolContext
): EditorState {
  if (state.mode !== 'idle' || context.locked) return state;
  const gesture = `${context.gesturePrefix ?? 'g'}${state.gestures + 1}`;
  return { ...state, mode: 'drop', drop: startDrop(pointerId, item, gesture), gestures: state.gestures + 1 };
}

export function handlePalettePointer(state: EditorState, input: DropInput, context: ToolContext): ToolResult<EditorState> {
  if (state.mode !== 'drop') return { state, effects: [] };
  const r = dropTool(state.drop, input, context);
  return { state: { ...state, drop: r.state, mode: r.state.name === 'idle' ? 'idle' : 'drop' }, effects: r.effects };
}
