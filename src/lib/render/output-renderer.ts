/**
 * The large output view: the network's decision boundary (or regression surface) over the data plane,
 * with the train points (white ring) and test points (dark ring) on top. Renders on demand only, through the
 * page's frame scheduler: a new boundary is painted when the scheduler gives the view its live turn; points,
 * resizes and the scene draw in the next frame; nothing is drawn off screen.
 *
 * A plain 2-D canvas, not WebGL: the picture is one small colour grid scaled up plus points that change only
 * with the data. On a machine without GPU acceleration (SwiftShader) a second WebGL canvas cost the browser's
 * GPU process far more per update than painting this on the CPU, and a 2-D canvas can be copied as it is
 * (the PNG export needs no capture). `willReadFrequently` keeps the canvas in CPU memory, so the browser
 * does not rasterise it through (software) GL either.
 */
import { classHex, fillOutputRGBA, type OutputPaint } from './output-colors';
import { cssColor } from './style';
import { cpuContext2d } from './cpu-canvas';
import { divergingHex } from './heatmap';
import { observeVisibility, pageFrames, type FrameInfo } from './frame-scheduler';

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

function context2d(canvas: HTMLCanvasElement, alpha: boolean): CanvasRenderingContext2D {
  const context = cpuContext2d(canvas, { alpha });
  if (!context) throw new Error('This browser gave no 2-D canvas for the output view.');
  return context;
}

export async function createOutputRenderer(canvas: HTMLCanvasElement, width: number, height: number): Promise<OutputRenderer> {
  // opaque (the picture always fills it): the compositor skips what lies behind
  const context = context2d(canvas, false);
  // The colour grid at its own size (one pixel per grid cell), scaled up with smoothing when drawn.
  const grid = document.createElement('canvas');
  const gridContext = context2d(grid, true);
  // The points, drawn once per scene or size: a live update only copies them.
  const pointLayer = document.createElement('canvas');
  const pointContext = context2d(pointLayer, true);

  let destroyed = false;
  let scene: OutputScene | null = null;
  let viewWidth = width;
  let viewHeight = height;
  let ratio = 1;
  let image: ImageData | null = null;
  /** the paint shown now (the curve is drawn from it on every render) */
  let shown: OutputPaint | null = null;
  /** the newest paint, not drawn yet (undefined: nothing new) */
  let pending: OutputPaint | null | undefined;
  let renderWanted = false;

  function setSize(w: number, h: number) {
    viewWidth = w;
    viewHeight = h;
    ratio = Math.min(window.devicePixelRatio || 1, 2);
    for (const c of [canvas, pointLayer]) {
      c.width = Math.max(1, Math.round(w * ratio));
      c.height = Math.max(1, Math.round(h * ratio));
    }
    canvas.style.width = `${w}px`;
    canvas.style.height = `${h}px`;
  }

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
    render();
  }
  const handle = pageFrames().register({ name: 'output', draw });
  const stopObserving = observeVisibility(canvas, handle);

  function requestRender() {
    renderWanted = true;
    if (!destroyed) handle.request();
  }

  function applyPaint(paint: OutputPaint | null) {
    shown = paint;
    if (scene?.mode === 'curve' || !paint || paint.size === 0) return;
    if (!image || image.width !== paint.size) {
      image = new ImageData(paint.size, paint.size);
      grid.width = paint.size;
      grid.height = paint.size;
    }
    fillOutputRGBA(paint, image.data);
    gridContext.putImageData(image, 0, 0);
  }

  function render() {
    const w = canvas.width;
    const h = canvas.height;
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, w, h);
    const plane = scene?.mode !== 'curve';
    if (plane && shown && shown.size > 0 && image) {
      context.imageSmoothingEnabled = true;
      context.imageSmoothingQuality = 'low';
      context.drawImage(grid, 0, 0, w, h);
    }
    if (!plane) drawCurve(shown);
    context.drawImage(pointLayer, 0, 0);
  }

  function drawPoints() {
    pointContext.setTransform(1, 0, 0, 1, 0, 0);
    pointContext.clearRect(0, 0, pointLayer.width, pointLayer.height);
    if (!scene) return;
    pointContext.setTransform(ratio, 0, 0, ratio, 0, 0);
    const { bounds } = scene;
    const sx = viewWidth / (bounds.xMax - bounds.xMin || 1);
    const sy = viewHeight / (bounds.yMax - bounds.yMin || 1);
    for (const p of scene.points) {
      if (p.test && !scene.showTest) continue;
      pointContext.beginPath();
      pointContext.arc((p.x - bounds.xMin) * sx, (bounds.yMax - p.y) * sy, POINT_RADIUS, 0, 2 * Math.PI);
      pointContext.fillStyle = cssColor(scene.classification ? classHex(p.value) : divergingHex(p.value));
      pointContext.fill();
      pointContext.lineWidth = p.test ? 1.5 : 1;
      pointContext.strokeStyle = p.test ? '#111827' : '#ffffff';
      pointContext.stroke();
    }
  }

  /** The prediction along the input axis: the grid's first row (every row is the same with one input). */
  function drawCurve(paint: OutputPaint | null) {
    if (!paint || !scene || paint.size === 0) return;
    const { bounds } = scene;
    const sy = viewHeight / (bounds.yMax - bounds.yMin || 1);
    const base = paint.unitOffset * paint.size * paint.size;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.beginPath();
    for (let c = 0; c < paint.size; c++) {
      const value = paint.unitGrids[base + c];
      const px = (c / Math.max(1, paint.size - 1)) * viewWidth;
      const py = Math.max(-10, Math.min(viewHeight + 10, (bounds.yMax - value) * sy));
      if (c === 0) context.moveTo(px, py);
      else context.lineTo(px, py);
    }
    context.lineWidth = 2.5;
    context.strokeStyle = '#0f172a';
    context.stroke();
    context.setTransform(1, 0, 0, 1, 0, 0);
  }

  setSize(width, height);
  render();

  return {
    setScene(next) {
      scene = next;
      // the paint shown is re-applied: a switch between plane and curve changes what it draws
      if (shown) applyPaint(shown);
      drawPoints();
      requestRender();
    },
    setPaint(paint) {
      pending = paint;
      if (!destroyed) handle.invalidate();
    },
    resize(w, h) {
      setSize(w, h);
      drawPoints();
      requestRender();
    },
    async toDataURL() {
      if (pending !== undefined) applyPaint(pending);
      pending = undefined;
      render();
      return canvas.toDataURL('image/png');
    },
    destroy() {
      destroyed = true;
      stopObserving();
      handle.dispose();
    }
  };
}
