/**
 * The large output view: the network's decision boundary (or regression surface) over the data plane,
 * with the train points (white ring) and test points (dark ring) on top. Renders on demand only, through the
 * page's frame scheduler: a new boundary is painted and uploaded (one texture) when the scheduler gives the
 * view its live turn; points, resizes and the scene draw in the next frame; nothing is drawn off screen.
 */
import { Application, BufferImageSource, Container, Graphics, Sprite, Texture } from 'pixi.js';
import { classHex, fillOutputRGBA, type OutputPaint } from './output-colors';
import { softwareGL } from './gl-info';
import { divergingHex } from './heatmap';
import { observeVisibility, pageFrames, type FrameInfo } from './frame-scheduler';
import { setCapture } from './capture';

export interface OutputPoint {
  x: number;
  y: number;
  /** class index, or the regression target mapped to [-1, 1] */
  value: number;
  test: boolean;
}

export interface OutputScene {
  /**
   * 'plane': two inputs on the axes, the output as colour.
   * 'curve': one input on the horizontal axis, the target on the vertical one, the prediction as a line.
   */
  mode: 'plane' | 'curve';
  bounds: { xMin: number; xMax: number; yMin: number; yMax: number };
  points: OutputPoint[];
  classification: boolean;
  showTest: boolean;
}

export interface OutputRenderer {
  setScene(scene: OutputScene): void;
  setPaint(paint: OutputPaint | null): void;
  resize(width: number, height: number): void;
  toDataURL(): Promise<string>;
  destroy(): void;
}

const POINT_RADIUS = 3.5;

export async function createOutputRenderer(canvas: HTMLCanvasElement, width: number, height: number): Promise<OutputRenderer> {
  const app = new Application();
  let destroyed = false;
  await app.init({
    canvas,
    width,
    height,
    preference: 'webgl',
    // Multisampling is cheap on a GPU but multiplies every frame's cost on software GL.
    antialias: !softwareGL(),
    autoDensity: true,
    resolution: Math.min(window.devicePixelRatio || 1, 2),
    background: 0xffffff,
    autoStart: false,
    sharedTicker: false
  });

  const root = new Container();
  root.eventMode = 'none';
  app.stage.addChild(root);
  const boundary = new Sprite();
  boundary.eventMode = 'none';
  const points = new Graphics();
  points.eventMode = 'none';
  const curve = new Graphics();
  curve.eventMode = 'none';
  // The points change only with the data; drawing hundreds of stroked circles every live frame costs
  // software GL far more than the boundary itself, so they are rendered once into a cached texture.
  const pointLayer = new Container();
  pointLayer.eventMode = 'none';
  pointLayer.addChild(points);
  root.addChild(boundary, curve, pointLayer);
  pointLayer.cacheAsTexture(true);

  let size = 0;
  let pixels = new Uint8ClampedArray(0);
  let source: BufferImageSource | null = null;
  let texture: Texture | null = null;
  let scene: OutputScene | null = null;
  let viewWidth = width;
  let viewHeight = height;
  /** the newest paint, not drawn yet (undefined: nothing new) */
  let pending: OutputPaint | null | undefined;
  let renderWanted = false;

  /** One frame, when the scheduler calls: the pending boundary only when it is this view's live turn. */
  function draw({ live }: FrameInfo) {
    if (destroyed) return;
    if (live && pending !== undefined) {
      applyPaint(pending);
      pending = undefined;
      renderWanted = true;
    }
    if (!renderWanted) return;
    renderWanted = false;
    app.render();
  }
  const handle = pageFrames().register({ name: 'output', cost: 'expensive', draw });
  const stopObserving = observeVisibility(canvas, handle);

  function requestRender() {
    renderWanted = true;
    if (!destroyed) handle.request();
  }

  function applyPaint(paint: OutputPaint | null) {
    if (scene?.mode === 'curve') {
      boundary.visible = false;
      drawCurve(paint);
      return;
    }
    curve.clear();
    if (!paint || paint.size === 0) {
      boundary.visible = false;
      return;
    }
    boundary.visible = true;
    ensureTexture(paint.size);
    fillOutputRGBA(paint, pixels);
    source?.update();
  }

  function ensureTexture(gridSize: number) {
    if (gridSize === size && texture) return;
    texture?.destroy(true);
    size = gridSize;
    pixels = new Uint8ClampedArray(size * size * 4);
    source = new BufferImageSource({ resource: pixels, width: size, height: size, format: 'rgba8unorm', scaleMode: 'linear' });
    texture = new Texture({ source });
    boundary.texture = texture;
    layoutBoundary();
  }

  function layoutBoundary() {
    boundary.width = viewWidth;
    boundary.height = viewHeight;
  }

  function drawPoints() {
    points.clear();
    if (scene) drawPointsOf(scene);
    pointLayer.updateCacheTexture();
  }

  function drawPointsOf(scene: OutputScene) {
    const { bounds } = scene;
    const sx = viewWidth / (bounds.xMax - bounds.xMin || 1);
    const sy = viewHeight / (bounds.yMax - bounds.yMin || 1);
    for (const p of scene.points) {
      if (p.test && !scene.showTest) continue;
      const px = (p.x - bounds.xMin) * sx;
      const py = (bounds.yMax - p.y) * sy;
      const fill = scene.classification ? classHex(p.value) : divergingHex(p.value);
      points.circle(px, py, POINT_RADIUS).fill(fill).stroke({ width: p.test ? 1.5 : 1, color: p.test ? 0x111827 : 0xffffff });
    }
  }

  /** The prediction along the input axis: the grid's first row (every row is the same with one input). */
  function drawCurve(paint: OutputPaint | null) {
    curve.clear();
    if (!paint || !scene || paint.size === 0) return;
    const { bounds } = scene;
    const sy = viewHeight / (bounds.yMax - bounds.yMin || 1);
    const base = paint.unitOffset * paint.size * paint.size;
    for (let c = 0; c < paint.size; c++) {
      const value = paint.unitGrids[base + c];
      const px = (c / (paint.size - 1)) * viewWidth;
      const py = Math.max(-10, Math.min(viewHeight + 10, (bounds.yMax - value) * sy));
      if (c === 0) curve.moveTo(px, py);
      else curve.lineTo(px, py);
    }
    curve.stroke({ width: 2.5, color: 0x0f172a });
  }

  const renderer: OutputRenderer = {
    setScene(next) {
      scene = next;
      drawPoints();
      requestRender();
    },
    setPaint(paint) {
      pending = paint;
      if (!destroyed) handle.invalidate();
    },
    resize(w, h) {
      viewWidth = w;
      viewHeight = h;
      app.renderer.resize(w, h);
      layoutBoundary();
      drawPoints();
      requestRender();
    },
    async toDataURL() {
      if (pending !== undefined) applyPaint(pending);
      pending = undefined;
      return app.renderer.extract.base64({ target: app.stage, frame: app.screen.clone(), clearColor: '#ffffff' });
    },
    destroy() {
      destroyed = true;
      setCapture(canvas, null);
      stopObserving();
      handle.dispose();
      pointLayer.cacheAsTexture(false);
      points.destroy();
      pointLayer.destroy();
      curve.destroy();
      boundary.destroy();
      texture?.destroy(true);
      root.destroy();
      app.destroy({ removeView: false }, { children: true });
    }
  };
  // The PNG export reads the canvas through this (a WebGL canvas cannot be copied after its frame).
  setCapture(canvas, () => renderer.toDataURL());
  return renderer;
}
