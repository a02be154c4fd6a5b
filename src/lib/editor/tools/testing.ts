/** Synthetic pointer input for the tools' node tests. */
import { apply } from '../../model/apply';
import type { NetworkDoc } from '../../model/document';
import type { Camera } from '../camera';
import { createEditorState, handlePointer, type EditorState } from './controller';
import type { Effect, PointerInput, ToolContext } from './types';

export function ptr(
  type: PointerInput['type'],
  x: number,
  y: number,
  extra: Partial<PointerInput> = {}
): PointerInput {
  return {
    type,
    pointerId: 1,
    pointerType: 'mouse',
    button: 0,
    buttons: type === 'down' || type === 'move' ? 1 : 0,
    screen: { x, y },
    ...extra
  };
}


/** A headless editor: feeds input to the controller and carries out its effects like the component does. */
export function simulator(doc: NetworkDoc, camera: Camera = { x: 0, y: 0, zoom: 1 }) {
  let state: EditorState = createEditorState();
  const ctx: ToolContext = { doc, camera, selection: [], gesturePrefix: 'g' };
  const effects: Effect[] = [];
  const changes: { gesture: string; type: string }[] = [];
  return {
    get state() {
      return state;
    },
    ctx,
    effects,
    changes,
    send(input: PointerInput): Effect[] {
      const r = handlePointer(state, input, ctx);
      state = r.state;
      for (const e of r.effects) {
        effects.push(e);
        if (e.type === 'change') {
          ctx.doc = apply(ctx.doc, e.change);
          changes.push({ gesture: e.gesture, type: e.change.type });
        } else if (e.type === 'select') ctx.selection = e.ids;
        else if (e.type === 'camera') ctx.camera = e.camera;
      }
      return r.effects;
    }
  };
}
