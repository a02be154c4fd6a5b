/**
 * Draws the network document and the streamed snapshots with pixi.js 8.
 * Renders on demand (no idle ticker) through the page's frame scheduler: every setter marks what changed
 * and asks for a frame (an interactive change is drawn in the next one); a new snapshot is drawn in the
 * scheduler's next beat. Views are kept per node and per edge and reconciled on
 * setDoc, so dragging a node at 60 Hz only moves containers and redraws the wires that touch it. Nothing
 * here is interactive: DOM pointer events on the canvas drive the editor's tools. The selection, hover,
 * step-through highlight and gesture ghosts are a CPU-drawn 2-D canvas over it (canvas-overlay): changing
 * them renders nothing here.
 * All unit heat-maps share one atlas texture (one upload per live update), and a live update that changes
 * no visible link level and no heat-map colour renders nothing at all. Off screen, nothing is drawn.
 * A pan or a zoom moves the picture already drawn (camera-shift) until the next render draws it again.
 */
import { Application, Container, Ticker } from 'pixi.js';
import type { FeatureMaps, ParamLayout, Snapshot } from '../../../workers/protocol';
import { IDENTITY_CAMERA, type Camera } from '../editor/camera';
import type { HitTarget } from '../editor/hit-test';
import type { Ghost } from '../editor/tools/types';
import type { NetworkDoc } from '../model/document';
import type { Problem } from '../model/validate';
import { createEdgeView, destroyEdgeView, updateEdgeView, type EdgeView } from './edge-view';
import { createConvLayer } from './feature-maps';
import { createNodeView, creationStats, destroyNodeView, paintUnit, resetUnits, updateNodeView, type NodeView } from './node-view';
import { softwareGL, webglContextForPixi } from './gl-info';
import { observeVisibility, pageFrames, type FrameInfo } from './frame-scheduler';
import { HeatmapAtlas } from './heatmap-atlas';
import { tileSize } from './heatmap';
import { setCapture } from './capture';
import { createCanvasOverlay } from './canvas-overlay';
import { CAMERA_SETTLE_MS, cameraShift, shiftFits, shiftTransform } from './camera-shift';

export interface NetworkRendererOptions {
  width?: number;
  height?: number;
  /** device pixels per CSS pixel; defaults to window.devicePixelRatio (1 on software GL) */
  resolution?: number;
  /** multisampled edges (default: on, except on software GL, which renders several times faster without) */
  antialias?: boolean;
}

export interface RendererStats {
  nodeViews: number;
  edgeViews: number;
  /** pixi objects created since the page loaded (a drag must not raise it) */
  created: number;
  /** frames rendered by this renderer */
  frames: number;
  /** milliseconds the last frame took to draw (overlay + pixi render), for the bench */
  lastFrameMs: number;
  /** snapshots drawn (at most one per beat while training) */
  liveUpdates: number;
  /** snapshots received */
  snapshots: number;
  /** whether the canvas was created with multisampling */
  antialias: boolean;
  /** heat-map atlas uploads (one per live update that changed a tile) */
  textureUploads: number;
  /** edges restroked (an edge whose link levels did not change is not) */
  edgeRedraws: number;
}

export interface NetworkRenderer {
  setDoc(doc: NetworkDoc, problems: Problem[]): void;
  setSnapshot(snapshot: Snapshot | null, layout: ParamLayout | null): void;
  /** conv nets: one sample's feature maps, drawn on the image nodes (null clears them) */
  setFeatureMaps(maps: FeatureMaps | null): void;
  setCamera(camera: Camera): void;
  setSelection(ids: string[]): void;
  setHover(target: HitTarget | null): void;
  /** units as `${group}:${j}`, links as `${from}:${i}->${to}:${j}` (the backprop step-through) */
  setHighlight(unitIds: string[], linkIds: string[]): void;
  setGhost(ghost: Ghost | null): void;
  resize(width: number, height: number): void;
  /** the canvas as it is now, as a PNG data URL */
  toDataURL(): Promise<string>;
  /** the scene drawn afresh into a plain canvas that can be copied (a WebGL canvas clears after its frame) */
  toCanvas(): Promise<HTMLCanvasElement>;
  stats(): RendererStats;
  destroy(): void;
}

export async function createNetworkRenderer(
  canvas: HTMLCanvasElement,
  options: NetworkRendererOptions = {}
): Promise<NetworkRenderer> {
  const app = new Application();
  const antialias = options.antialias ?? !softwareGL();
  const powerPreference = 'high-performance';
  await app.init({
    canvas,
    preference: 'webgl',
    // On software GL, a context that lets pixi batch fewer textures per draw (see webglContextForPixi).
    context: softwareGL() ? (webglContextForPixi(canvas, { antialias, powerPreference }) ?? undefined) : undefined,
    antialias,
    autoDensity: true,
    // Software GL pays for every device pixel on the CPU: it draws at one pixel per CSS pixel.
    resolution: options.resolution ?? (softwareGL() ? 1 : window.devicePixelRatio || 1),
    powerPreference,
    preserveDrawingBuffer: false,
    // Opaque, in the colour of the editor's background (bg-slate-50): the compositor then skips the page
    // behind the canvas, which on software GL is a large share of every frame that changes.
    background: 0xf8fafc,
    backgroundAlpha: 1,
    autoStart: false,
    width: options.width ?? (canvas.clientWidth || 300),
    height: options.height ?? (canvas.clientHeight || 150)
  });
  quietSystemTicker();
  app.stage.eventMode = 'none';
  const world = new Container();
  const edgeLayer = new Container();
  const nodeLayer = new Container();
  for (const o of [world, edgeLayer, nodeLayer]) o.eventMode = 'none';
  world.addChild(edgeLayer, nodeLayer);
  const convLayer = createConvLayer(world);
  app.stage.addChild(world);
  creationStats.objects += 3;

  const nodeViews = new Map<string, NodeView>();
  const edgeViews = new Map<string, EdgeView>();
  let doc: NetworkDoc = { nodes: [], edges: [] };
  let problemIds = new Set<string>();
  let snapshot: Snapshot | null = null;
  let layout: ParamLayout | null = null;
  /** the last grid size seen, kept while no snapshot is shown so textures are not rebuilt back and forth */
  let gridSize = 0;
  const overlay = createCanvasOverlay(canvas, { doc, selection: [], hover: null, highlightUnits: [], highlightLinks: [], ghost: null }, app.renderer.resolution);
  overlay.resize(app.screen.width, app.screen.height);
  let frames = 0;
  let lastFrameMs = 0;
  let destroyed = false;
  /** something other than a live update changed the picture */
  let renderWanted = true;
  /** the newest snapshot, not drawn yet */
  let pending: { snapshot: Snapshot | null; layout: ParamLayout | null } | null = null;
  let liveUpdates = 0;
  let snapshots = 0;
  let edgeRedraws = 0;
  const atlas = new HeatmapAtlas();
  /** the camera the editor shows, and the one the picture on the canvas was drawn with (null: none yet) */
  let camera: Camera = IDENTITY_CAMERA;
  let drawnCamera: Camera | null = null;
  let settleTimer: ReturnType<typeof setTimeout> | null = null;
  canvas.style.transformOrigin = '0 0';
  canvas.style.willChange = 'transform';

  /** The world container follows the camera (only when something is about to be rendered). */
  const placeWorld = () => {
    world.position.set(camera.x, camera.y);
    world.scale.set(camera.zoom);
  };
  /** Moves the drawn picture by CSS ('' puts it back); written only when it changes (no style work per frame). */
  let shownTransform = '';
  const showTransform = (transform: string) => {
    if (transform === shownTransform) return;
    shownTransform = transform;
    canvas.style.transform = transform;
  };

  /** One frame, when the scheduler calls: the pending snapshot only when `live` says its turn has come. */
  const draw = ({ live }: FrameInfo) => {
    if (destroyed) return;
    const started = performance.now();
    let changed = renderWanted;
    renderWanted = false;
    if (live && pending) changed = applyLive() || changed;
    // Tiles painted outside a live update (a node rebuilt by an edit) go up with this frame.
    changed = atlas.flush() || changed;
    if (changed) {
      placeWorld();
      // pixi's own clock (its texture GC's schedule), advanced by our draws now that its ticker is stopped.
      Ticker.system.update(started);
      app.render();
      // The new picture is drawn with the current camera: the CSS shift goes in this same frame.
      drawnCamera = camera;
      showTransform('');
      frames++;
    }
    lastFrameMs = performance.now() - started;
  };
  const handle = pageFrames().register({ name: 'network', draw });
  const stopObserving = observeVisibility(canvas, handle);

  /** An interactive change: drawn in the next frame. */
  const requestRender = () => {
    renderWanted = true;
    if (!destroyed) handle.request();
  };

  /** Draw the pending snapshot; true when any link level or heat-map colour changed. */
  const applyLive = (): boolean => {
    const next = pending!;
    pending = null;
    liveUpdates++;
    snapshot = next.snapshot;
    layout = next.layout;
    if (snapshot) gridSize = snapshot.grid.size;
    if (gridSize > 0) atlas.setSide(tileSize(gridSize));
    const changed = reconcile();
    for (const [id, view] of nodeViews) paintNode(view, id);
    return atlas.flush() || changed;
  };

  /** Paint a node's heat-maps from the drawn snapshot into the atlas; true when a tile changed. */
  const paintNode = (view: NodeView, id: string): boolean => {
    if (!snapshot || !layout) return false;
    const group = layout.groups.find((g) => g.id === id);
    const node = doc.nodes.find((n) => n.id === id);
    if (!group || !node) return false;
    const size = snapshot.grid.size;
    const cells = size * size;
    if (size === 0 || snapshot.unitGrids.length < (group.unitOffset + group.units) * cells) return false;
    const count = Math.min(group.units, view.units.length);
    let changed = false;
    for (let j = 0; j < count; j++) {
      changed = paintUnit(view, j, snapshot.unitGrids, (group.unitOffset + j) * cells, size, node.kind === 'input', atlas) || changed;
    }
    return changed;
  };

  /** Bring the views in line with the document, selection, problems and weights; true when a view changed. */
  const reconcile = (): boolean => {
    let changed = reconcileNodes();
    // The atlas grew or changed its tile side: make every unit view again (their textures are stale).
    if (atlas.generation !== unitsGeneration) {
      for (const view of nodeViews.values()) resetUnits(view, atlas);
      reconcileNodes();
      atlas.dropRetired();
      unitsGeneration = atlas.generation;
      changed = true;
    }
    return reconcileEdges() || changed;
  };

  /** the atlas generation the unit views were made in */
  let unitsGeneration = atlas.generation;

  const reconcileNodes = (): boolean => {
    let changed = false;
    const seen = new Set<string>();
    for (const node of doc.nodes) {
      seen.add(node.id);
      let view = nodeViews.get(node.id);
      if (!view) {
        view = createNodeView(nodeLayer);
        nodeViews.set(node.id, view);
        changed = true;
      }
      const before = view.frameKey;
      updateNodeView(view, node, { problem: problemIds.has(node.id), gridSize }, atlas);
      // A rebuilt frame may have new unit tiles: give them the current heat-maps at once.
      if (view.frameKey !== before) {
        paintNode(view, node.id);
        changed = true;
      }
    }
    for (const [id, view] of nodeViews) {
      if (!seen.has(id)) {
        destroyNodeView(view, atlas);
        nodeViews.delete(id);
        changed = true;
      }
    }
    // Keep drawing order equal to document order (later nodes on top), moving only what is out of place.
    doc.nodes.forEach((node, k) => {
      const c = nodeViews.get(node.id)!.container;
      if (nodeLayer.getChildIndex(c) !== k) nodeLayer.setChildIndex(c, k);
    });
    return changed;
  };

  const reconcileEdges = (): boolean => {
    let changed = false;
    const byId = new Map(doc.nodes.map((n) => [n.id, n]));
    const seenEdges = new Set<string>();
    for (const edge of doc.edges) {
      const from = byId.get(edge.from);
      const to = byId.get(edge.to);
      if (!from || !to) continue;
      seenEdges.add(edge.id);
      let view = edgeViews.get(edge.id);
      if (!view) {
        view = createEdgeView(edgeLayer);
        edgeViews.set(edge.id, view);
      }
      const edgeLayout = layout?.edges.find((e) => e.from === edge.from && e.to === edge.to);
      const weights = snapshot && edgeLayout ? { params: snapshot.params, layout: edgeLayout } : null;
      if (updateEdgeView(view, edge, from, to, weights)) {
        edgeRedraws++;
        changed = true;
      }
    }
    for (const [id, view] of edgeViews) {
      if (!seenEdges.has(id)) {
        destroyEdgeView(view);
        edgeViews.delete(id);
        changed = true;
      }
    }
    return changed;
  };

  const renderer: NetworkRenderer = {
    setDoc(next, problems) {
      doc = next;
      problemIds = new Set(problems.flatMap((p) => p.nodeIds));
      overlay.set({ doc: next });
      reconcile();
      convLayer.setDoc(next, problems);
      requestRender();
    },
    setFeatureMaps(maps) {
      if (convLayer.setMaps(maps)) requestRender();
    },
    setSnapshot(next, nextLayout) {
      const shown = next && nextLayout ? next : null;
      pending = { snapshot: shown, layout: shown ? nextLayout : null };
      snapshots++;
      if (!destroyed) handle.invalidate();
    },
    setCamera(next) {
      camera = next;
      overlay.setCamera(next);
      const shift = drawnCamera ? cameraShift(drawnCamera, next) : null;
      if (!shift || !shiftFits(shift, app.screen)) {
        requestRender();
        return;
      }
      // Move what is drawn now; draw it again, sharp and whole, once the camera rests (or sooner, with
      // the next live update or edit). That redraw answers no one's input, so it keeps out of the frames
      // that answer a press or a key (a zoom, then a click in the learning-rate field and typing): on
      // SwiftShader a frame that draws the scene costs the GPU process about 22 ms against 14 for one that
      // does not, and the key waits for it.
      showTransform(shiftTransform(shift));
      if (settleTimer !== null) clearTimeout(settleTimer);
      settleTimer = setTimeout(() => {
        settleTimer = null;
        renderWanted = true;
        if (!destroyed) handle.requestWhenQuiet();
      }, CAMERA_SETTLE_MS);
    },
    setSelection(ids) {
      overlay.set({ selection: ids });
    },
    setHover(target) {
      overlay.set({ hover: target });
    },
    setHighlight(unitIds, linkIds) {
      overlay.set({ highlightUnits: unitIds, highlightLinks: linkIds });
    },
    setGhost(next) {
      overlay.set({ ghost: next });
    },
    resize(width, height) {
      if (destroyed || width <= 0 || height <= 0) return;
      app.renderer.resize(width, height);
      overlay.resize(width, height);
      requestRender();
    },
    async toDataURL() {
      return (await renderer.toCanvas()).toDataURL('image/png');
    },
    async toCanvas() {
      if (pending) applyLive();
      atlas.flush();
      placeWorld();
      return app.renderer.extract.canvas({ target: app.stage, frame: app.screen.clone(), clearColor: '#ffffff' }) as HTMLCanvasElement;
    },
    stats() {
      return {
        nodeViews: nodeViews.size,
        edgeViews: edgeViews.size,
        created: creationStats.objects,
        frames,
        lastFrameMs,
        liveUpdates,
        snapshots,
        antialias,
        textureUploads: atlas.uploads,
        edgeRedraws
      };
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      if (settleTimer !== null) clearTimeout(settleTimer);
      showTransform('');
      setCapture(canvas, null);
      stopObserving();
      handle.dispose();
      // Reverse order of creation: views, then the layers, then the application (the canvas stays: Svelte owns it).
      for (const view of [...edgeViews.values()].reverse()) destroyEdgeView(view);
      for (const view of [...nodeViews.values()].reverse()) destroyNodeView(view, atlas);
      edgeViews.clear();
      nodeViews.clear();
      convLayer.destroy();
      overlay.destroy();
      nodeLayer.destroy();
      edgeLayer.destroy();
      world.destroy();
      atlas.destroy();
      app.destroy({ removeView: false });
    }
  };
  // The PNG export reads the canvas through this (a WebGL canvas cannot be copied after its frame).
  setCapture(canvas, () => renderer.toCanvas());
  return renderer;
}

/**
 * pixi's system ticker (the clock of its renderer's scheduler, which times the texture GC) runs a
 * requestAnimationFrame every frame for as long as the page is open. That kept an idle page waking its main
 * thread 60 times a second, and kept every frame aligned to the display's beat: a key or a click on an idle
 * page then waited for the next beat to be drawn, where a page that asks for no frames is drawn at once
 * (a press that recolours a small box, nothing else changing: 28 ms against 33 ms, on SwiftShader). The page's
 * frame scheduler decides when this canvas draws; the ticker is stopped and advanced by those draws instead.
 */
function quietSystemTicker(): void {
  Ticker.system.autoStart = false;
  Ticker.system.stop();
}
