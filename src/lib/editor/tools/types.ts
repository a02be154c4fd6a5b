/**
 * What every tool shares: the pointer input it is driven by, the read-only context it looks at,
 * and the effects it returns. Effects are data; the component carries them out.
 */
import type { ParamRef } from '../../../../workers/protocol';
import type { Change, NetworkDoc } from '../../model/document';
import type { Camera } from '../camera';
import type { Clipboard } from '../clipboard';
import type { HitOptions, HitTarget } from '../hit-test';
import type { Box, Point } from '../types';

export type PointerKind = 'mouse' | 'touch' | 'pen';

/** A DOM pointer event reduced to what the tools need; `screen` is relative to the canvas, in CSS px. */
export interface PointerInput {
  type: 'down' | 'move' | 'up' | 'cancel';
  pointerId: number;
  pointerType: PointerKind;
  /** 0 primary, 1 middle, 2 secondary (meaningful on 'down') */
  button: number;
  /** buttons held (PointerEvent.buttons): 0 for a hover move */
  buttons?: number;
  screen: Point;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
}

export interface ToolContext {
  doc: NetworkDoc;
  camera: Camera;
  selection: string[];
  /** the space bar is held: a primary drag pans */
  spaceHeld?: boolean;
  /** read-only canvas (embeds): pan, zoom and hover only */
  locked?: boolean;
  /** unique per editor instance, so gesture ids never repeat across remounts */
  gesturePrefix?: string;
}

/** A preview drawn over the canvas, in world units. */
export type Ghost =
  | { kind: 'wire'; from: Point; to: Point; status: 'free' | 'ok' | 'refused' }
  | { kind: 'box'; box: Box }
  | { kind: 'drop'; box: Box; label: string };

export type Effect =
  /** record and apply; changes sharing a gesture id are one undo step */
  | { type: 'change'; change: Change; gesture: string }
  | { type: 'select'; ids: string[] }
  | { type: 'camera'; camera: Camera }
  /** a short message shown at a screen point (a refused wire) */
  | { type: 'message'; text: string; at: Point }
  | { type: 'hover'; target: HitTarget | null; at: Point }
  /** open the weight / bias editor for one parameter, at a screen point */
  | { type: 'editParam'; ref: ParamRef; at: Point }
  | { type: 'ghost'; ghost: Ghost | null }
  /** keyboard: step the document history (the owner of the history does it) */
  | { type: 'history'; action: 'undo' | 'redo' }
  /** keyboard: fit the network in view, or zoom about the view's centre */
  | { type: 'fit' }
  | { type: 'zoom'; factor: number }
  /** keyboard: what copy or paste leaves on the editor's clipboard */
  | { type: 'clipboard'; clipboard: Clipboard | null }
  /** Escape: close the weight editor and any other transient view */
  | { type: 'dismiss' };

export interface ToolResult<S> {
  state: S;
  effects: Effect[];
}

/** Pointer travel (screen px) before a press becomes a drag: fingers wobble more than mice. */
export function dragThreshold(input: PointerInput): number {
  return input.pointerType === 'touch' ? 8 : 3;
}

export function hitOptions(context: ToolContext, input: PointerInput): HitOptions {
  return { zoom: context.camera.zoom, touch: input.pointerType !== 'mouse' };
}
