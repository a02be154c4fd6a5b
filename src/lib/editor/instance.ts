/**
 * The canvas editor as a framework-free instance, as xyflow does it: createEditor(canvas, host, inputs,
 * callbacks) → { update, destroy, … }. It owns the view state (camera, gesture, hover, the weight being edited),
 * turns pointer and key events into the tools' effects and carries them out, and keeps the renderer in step.
 * Every document change leaves through `onchange`; the owner records it and passes the new document back
 * in with `update`. The Svelte wrapper only draws the overlays from the view it is told about.
 */
import type { FeatureMaps, ParamLayout, ParamRef, Snapshot } from '../../../workers/protocol';
import type { Change, NetworkDoc } from '../model/document';
import type { Problem } from '../model/validate';
import { createNetworkRenderer, type NetworkRenderer } from '../render/network-renderer';
import { fitCamera, shouldFit } from './auto-fit';
import { screenToWorld, wheelFactor, zoomAt, type Camera } from './camera';
import type { Clipboard } from './clipboard';
import type { HitTarget } from './hit-test';
import { tileAt } from './map-tiles';
import { followPalettePress } from './palette-listeners';
import { prune } from './selection';
import { beginPaletteDrag, createEditorState, handleKey, handlePalettePointer, handlePointer, type EditorState } from './tools/controller';
import { nodeForItem, type PaletteItem } from './tools/palette-drop';
import type { Effect, PointerInput, ToolContext } from './tools/types';
import type { Point } from './types';

export interface EditorInputs {
  doc: NetworkDoc;
  problems: Problem[];
  layout: ParamLayout | null;
  snapshot: Snapshot | null;
  selection: string[];
  locked: boolean;
  highlight: { units: string[]; links: string[] } | null;
  /** the fit's least zoom (a compact embed keeps labels readable); 0 or absent: fit everything */
  minFitZoom?: number;
  /**
   * Counts the networks opened from outside (a course task, a file, a link, an embed's command): when it
   * changes, the new network is fitted in view as on first arrival, whatever the camera showed before.
   */
  arrivals?: number;
  /** conv nets: one sample's feature maps, drawn on the image nodes */
  featureMaps?: FeatureMaps | null;
}

/** What the overlays (tooltip, messages, weight editor, inspector, zoom readout) are drawn from. */
export interface EditorView {
  camera: Camera;
  viewport: { width: number; height: number };
  mode: EditorState['mode'];
  spaceHeld: boolean;
  hover: HitTarget | null;
  hoverAt: Point;
  message: { text: string; at: Point } | null;
  editing: { ref: ParamRef; at: Point; key: number } | null;
  inspectorHidden: boolean;
  renderError: string | null;
}

export interface EditorCallbacks {
  onchange: (change: Change, gesture?: string) => void;
  onundo: () => void;
  onredo: () => void;
  /** the editor chose a new selection (a click, a box, a key, an undo that removed nodes) */
  onselect: (ids: string[]) => void;
  onview: (view: EditorView) => void;
}

export interface Editor {
  update(inputs: Partial<EditorInputs>): void;
  destroy(): void;
  fit(): void;
  zoomBy(factor: number): void;
  /** a press on a palette item: a drag to the canvas, or a tap that adds the item at the centre */
  palettePress(item: PaletteItem, event: PointerEvent): void;
  /** add a palette item at the centre of the view (keyboard, tap) */
  paletteAdd(item: PaletteItem): void;
  closeParamEditor(): void;
  setInspectorHidden(hidden: boolean): void;
  /** the feature-map thumbnail under a client point (conv nets), or null */
  mapAt(clientX: number, clientY: number): { nodeId: string; channel: number } | null;
  /** screen geometry for tests and tools: the canvas's client rectangle and the current camera */
  geometry(): { rect: DOMRect; camera: Camera; renderer: NetworkRenderer | null };
}

const MESSAGE_MS = 2500;

export function createEditor(canvas: HTMLCanvasElement, host: HTMLElement, initial: EditorInputs, callbacks: EditorCallbacks): Editor {
  let inputs = { ...initial };
  let renderer: NetworkRenderer | null = null;
  let disposed = false;
  let tools: EditorState = createEditorState();
  let clipboard: Clipboard | null = null;
  let keyGestures = 0;
  let editKeys = 0;
  let messageTimer: ReturnType<typeof setTimeout> | undefined;
  let stopPalette: (() => void) | null = null;
  const autoFit = { fitted: false, emitted: false };
  // Gesture ids must not repeat across remounts, or history would merge an old step with a new one.
  const gesturePrefix = `g${Date.now().toString(36)}-`;
  const view: EditorView = {
    camera: { x: 40, y: 40, zoom: 1 },
    viewport: { width: 0, height: 0 },
    mode: 'idle',
    spaceHeld: false,
    hover: null,
    hoverAt: { x: 0, y: 0 },
    message: null,
    editing: null,
    inspectorHidden: false,
    renderError: null
  };

  const publish = () => callbacks.onview({ ...view, mode: tools.mode });
  const context = (): ToolContext => ({
    doc: inputs.doc,
    camera: view.camera,
    selection: inputs.selection,
    spaceHeld: view.spaceHeld,
    locked: inputs.locked,
    gesturePrefix
  });

  function setCamera(camera: Camera) {
    view.camera = camera;
    renderer?.setCamera(camera);
  }
  function select(ids: string[]) {
    inputs.selection = ids;
    renderer?.setSelection(ids);
    callbacks.onselect(ids);
  }
  function emit(change: Change, gesture?: string) {
    if (inputs.locked) return;
    autoFit.emitted = true;
    callbacks.onchange(change, gesture);
  }

  function run(effects: Effect[]) {
    for (const e of effects) {
      switch (e.type) {
        case 'change':
          emit(e.change, e.gesture);
          break;
        case 'select':
          select(e.ids);
          view.inspectorHidden = false;
          break;
        case 'camera':
          setCamera(e.camera);
          break;
        case 'message':
          view.message = { text: e.text, at: e.at };
          clearTimeout(messageTimer);
          messageTimer = setTimeout(() => {
            view.message = null;
            publish();
          }, MESSAGE_MS);
          break;
        case 'hover':
          view.hover = e.target;
          view.hoverAt = e.at;
          renderer?.setHover(e.target);
          break;
        case 'editParam':
          if (!inputs.locked && inputs.layout) view.editing = { ref: e.ref, at: e.at, key: ++editKeys };
          break;
        case 'ghost':
          renderer?.setGhost(e.ghost);
          break;
        case 'history':
          if (e.action === 'undo') callbacks.onundo();
          else callbacks.onredo();
          break;
        case 'fit':
          fit();
          break;
        case 'zoom':
          zoomBy(e.factor);
          break;
        case 'clipboard':
          clipboard = e.clipboard;
          break;
        case 'dismiss':
          view.editing = null;
          break;
      }
    }
    publish();
  }

  /**
   * The canvas's box as laid out: the host's, which the canvas fills. Not the canvas element's own box: between
   * renders, a pan or a zoom moves the element by a CSS transform (render/camera-shift).
   */
  function canvasBox(): DOMRect {
    return host.getBoundingClientRect();
  }

  function toInput(e: PointerEvent, type: PointerInput['type']): PointerInput {
    const rect = canvasBox();
    return {
      type,
      pointerId: e.pointerId,
      pointerType: e.pointerType === 'touch' || e.pointerType === 'pen' ? e.pointerType : 'mouse',
      button: e.button,
      buttons: e.buttons,
      screen: { x: e.clientX - rect.left, y: e.clientY - rect.top },
      shiftKey: e.shiftKey,
      ctrlKey: e.ctrlKey,
      metaKey: e.metaKey
    };
  }

  function pointer(e: PointerEvent, type: PointerInput['type']) {
    if (type === 'down') {
      // Keys go to the canvas now, but no focus ring for a pointer: Chromium shows one for a script focus,
      // and on a machine without GPU acceleration the ring around this large canvas cost a frame of 400 ms.
      canvas.focus({ preventScroll: true, focusVisible: false });
      canvas.setPointerCapture(e.pointerId);
      view.editing = null;
      // No text selection (a wire dragged over the page) and no middle-button autoscroll while a gesture runs.
      e.preventDefault();
    }
    const r = handlePointer(tools, toInput(e, type), context());
    tools = r.state;
    run(r.effects);
    if ((type === 'up' || type === 'cancel') && canvas.hasPointerCapture(e.pointerId)) canvas.releasePointerCapture(e.pointerId);
  }

  function fit() {
    if (view.viewport.width <= 0 || inputs.doc.nodes.length === 0) return;
    setCamera(fitCamera(inputs.doc, view.viewport, inputs.minFitZoom ?? 0));
    publish();
  }

  function zoomBy(factor: number) {
    setCamera(zoomAt(view.camera, { x: view.viewport.width / 2, y: view.viewport.height / 2 }, factor));
    publish();
  }

  function maybeFit() {
    if (shouldFit(inputs.doc, view.camera, view.viewport, autoFit)) fit();
    if (view.viewport.width > 0 && inputs.doc.nodes.length > 0) autoFit.fitted = true;
  }

  // ---- DOM listeners ----
  const listeners: [keyof HTMLElementEventMap, (e: never) => void, AddEventListenerOptions?][] = [
    ['pointerdown', (e: PointerEvent) => pointer(e, 'down')],
    ['pointermove', (e: PointerEvent) => pointer(e, 'move')],
    ['pointerup', (e: PointerEvent) => pointer(e, 'up')],
    ['pointercancel', (e: PointerEvent) => pointer(e, 'cancel')],
    [
      'pointerleave',
      () => {
        if (tools.mode !== 'idle') return;
        view.hover = null;
        renderer?.setHover(null);
        publish();
      }
    ],
    ['contextmenu', (e: MouseEvent) => e.preventDefault()],
    [
      'wheel',
      (e: WheelEvent) => {
        e.preventDefault();
        const rect = canvasBox();
        setCamera(zoomAt(view.camera, { x: e.clientX - rect.left, y: e.clientY - rect.top }, wheelFactor(e.deltaY, e.deltaMode)));
        publish();
      },
      { passive: false }
    ],
    [
      'keydown',
      (e: KeyboardEvent) => {
        if (e.key === ' ') {
          e.preventDefault();
          view.spaceHeld = true;
          publish();
          return;
        }
        const r = handleKey(tools, e, context(), clipboard, `${gesturePrefix}k${keyGestures + 1}`);
        if (!r.handled) return;
        e.preventDefault();
        keyGestures++;
        tools = r.state;
        run(r.effects);
      }
    ],
    [
      'keyup',
      (e: KeyboardEvent) => {
        if (e.key !== ' ') return;
        view.spaceHeld = false;
        publish();
      }
    ],
    [
      'blur',
      () => {
        view.spaceHeld = false;
        publish();
      }
    ]
  ];
  for (const [type, listener, options] of listeners) canvas.addEventListener(type, listener as EventListener, options);
  // Where a pan or zoom has moved the canvas element off part of its box (until the next render), the pointer
  // meets the host itself: it acts there as on the canvas.
  const stripTypes = new Set(['pointerdown', 'pointermove', 'pointerup', 'pointercancel', 'wheel']);
  const stripListeners = listeners
    .filter(([type]) => stripTypes.has(type))
    .map(([type, listener, options]) => {
      const onHost = (e: Event) => {
        if (e.target === host) (listener as (e: Event) => void)(e);
      };
      host.addEventListener(type, onHost, options);
      return [type, onHost] as const;
    });

  const observer = new ResizeObserver(([entry]) => {
    view.viewport = { width: Math.round(entry.contentRect.width), height: Math.round(entry.contentRect.height) };
    if (view.viewport.width > 0) renderer?.resize(view.viewport.width, view.viewport.height);
    maybeFit();
    publish();
  });
  observer.observe(host);

  createNetworkRenderer(canvas, { width: host.clientWidth || 300, height: host.clientHeight || 300 })
    .then((created) => {
      // Destroyed while pixi was starting: destroy it now that init has finished.
      if (disposed) return created.destroy();
      renderer = created;
      renderer.setDoc(inputs.doc, inputs.problems);
      renderer.setSnapshot(inputs.snapshot, inputs.layout);
      renderer.setCamera(view.camera);
      renderer.setSelection(inputs.selection);
      renderer.setHover(view.hover);
      renderer.setHighlight(inputs.highlight?.units ?? [], inputs.highlight?.links ?? []);
      renderer.setFeatureMaps(inputs.featureMaps ?? null);
      if (view.viewport.width > 0) renderer.resize(view.viewport.width, view.viewport.height);
    })
    .catch((err: unknown) => {
      view.renderError = `The canvas could not start (${err instanceof Error ? err.message : String(err)}).`;
      publish();
    });

  return {
    update(next) {
      const previous = inputs;
      inputs = { ...inputs, ...next };
      if (next.arrivals !== undefined && next.arrivals !== previous.arrivals) {
        autoFit.fitted = false;
        autoFit.emitted = false;
      }
      if (next.doc !== undefined || next.problems !== undefined) {
        if (next.doc !== undefined && next.doc !== previous.doc) {
          // Selection is not history: after undo or a replaced document, drop ids that no longer exist.
          const kept = prune(inputs.selection, inputs.doc);
          if (kept !== inputs.selection) select(kept);
        }
        renderer?.setDoc(inputs.doc, inputs.problems);
        maybeFit();
      }
      if (next.snapshot !== undefined || next.layout !== undefined) renderer?.setSnapshot(inputs.snapshot, inputs.layout);
      if (next.selection !== undefined) renderer?.setSelection(inputs.selection);
      if (next.highlight !== undefined) renderer?.setHighlight(inputs.highlight?.units ?? [], inputs.highlight?.links ?? []);
      if (next.featureMaps !== undefined) renderer?.setFeatureMaps(inputs.featureMaps ?? null);
      publish();
    },
    destroy() {
      disposed = true;
      observer.disconnect();
      stopPalette?.();
      clearTimeout(messageTimer);
      for (const [type, listener] of listeners) canvas.removeEventListener(type, listener as EventListener);
      for (const [type, listener] of stripListeners) host.removeEventListener(type, listener);
      renderer?.destroy();
      renderer = null;
    },
    fit,
    zoomBy,
    palettePress(item, event) {
      const next = beginPaletteDrag(tools, event.pointerId, item, context());
      if (next === tools) return;
      tools = next;
      // The palette element would otherwise keep the pointer captured (touch captures implicitly).
      (event.target as Element).releasePointerCapture?.(event.pointerId);
      const drag = (e: PointerEvent, type: PointerInput['type']) => {
        const rect = canvasBox();
        const overCanvas = e.clientX >= rect.left && e.clientX <= rect.right && e.clientY >= rect.top && e.clientY <= rect.bottom;
        const r = handlePalettePointer(tools, { ...toInput(e, type), overCanvas }, context());
        tools = r.state;
        run(r.effects);
      };
      stopPalette?.();
      stopPalette = followPalettePress(window, event.pointerId, { x: event.clientX, y: event.clientY }, {
        move: (e) => drag(e, 'move'),
        up: (e) => drag(e, 'up'),
        cancel: (e) => drag(e, 'cancel'),
        tap: () => this.paletteAdd(item)
      });
    },
    paletteAdd(item) {
      if (inputs.locked) return;
      const centre = screenToWorld(view.camera, { x: view.viewport.width / 2, y: view.viewport.height / 2 });
      const node = nodeForItem(item, centre, inputs.doc);
      emit({ type: 'addNode', node }, `${gesturePrefix}k${++keyGestures}`);
      select([node.id]);
      view.inspectorHidden = false;
      publish();
    },
    closeParamEditor() {
      view.editing = null;
      publish();
      canvas.focus();
    },
    setInspectorHidden(hidden) {
      view.inspectorHidden = hidden;
      publish();
    },
    mapAt(clientX, clientY) {
      const rect = canvasBox();
      const world = screenToWorld(view.camera, { x: clientX - rect.left, y: clientY - rect.top });
      for (const group of inputs.featureMaps?.groups ?? []) {
        const node = inputs.doc.nodes.find((n) => n.id === group.id);
        const channel = node ? tileAt(node, group.shape.channels, world) : -1;
        if (node && channel >= 0) return { nodeId: node.id, channel };
      }
      return null;
    },
    geometry: () => ({ rect: canvasBox(), camera: view.camera, renderer })
  };
}
