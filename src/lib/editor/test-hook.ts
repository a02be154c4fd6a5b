/**
 * `window.__axonEditor`: node and port positions in client coordinates, the camera and the renderer's
 * counters, for the end-to-end tests. Installed only in a test build (AXON_TEST_HOOKS=1).
 */
import type { NetworkDoc } from '../model/document';
import { worldBoxToScreen, worldToScreen } from './camera';
import { nodeBox, portPoint } from './edge-geometry';
import type { Editor } from './instance';
import type { Point } from './types';

type Hooked = { __axonEditor?: object };

/** Returns the function that removes the hook. */
export function installEditorHook(editor: Editor, doc: () => NetworkDoc): () => void {
  const client = (p: Point) => {
    const { rect, camera } = editor.geometry();
    const s = worldToScreen(camera, p);
    return { x: s.x + rect.left, y: s.y + rect.top };
  };
  const hook = {
    nodeScreenBox(id: string) {
      const node = doc().nodes.find((n) => n.id === id);
      if (!node) return null;
      const { rect, camera } = editor.geometry();
      const b = worldBoxToScreen(camera, nodeBox(node));
      return { x: b.x + rect.left, y: b.y + rect.top, width: b.width, height: b.height };
    },
    portScreenPoint(id: string, side: 'in' | 'out') {
      const node = doc().nodes.find((n) => n.id === id);
      return node ? client(portPoint(node, side)) : null;
    },
    worldToClient: client,
    camera: () => ({ ...editor.geometry().camera }),
    stats: () => editor.geometry().renderer?.stats() ?? null,
    toDataURL: () => editor.geometry().renderer?.toDataURL() ?? Promise.resolve('')
  };
  const w = window as unknown as Hooked;
  w.__axonEditor = hook;
  return () => {
    if (w.__axonEditor === hook) delete w.__axonEditor;
  };
}
