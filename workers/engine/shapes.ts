/**
 * Shape inference, the one implementation: compile() refuses on its problems, and the page (editor
 * shapes, validation, model summary) calls it through the engine's door. Keras' formulas throughout,
 * so parameter counts and output shapes match a Keras model of the same net.
 */
import type { GroupSpec, ImageShape, LayerSpec, NetworkSpec } from '../protocol';
import { topologicalOrder } from './topological';

export interface ShapeProblem {
  groupId: string;
  message: string;
  /** the editor can repair it: a Flatten node between the image group `from` and this dense group */
  fix?: 'insertFlatten';
  /** with fix 'insertFlatten': the image group whose edge into groupId needs the Flatten */
  from?: string;
}

export interface ShapeReport {
  /** by group id: image shape, or null for a flat group */
  shapes: Record<string, ImageShape | null>;
  /** by group id: flat size (h*w*c or units) */
  units: Record<string, number>;
  /** by group id: Keras-style parameter count */
  params: Record<string, number>;
  /** problems, each naming the group(s), the shapes and the fix, e.g. a kernel larger than its input */
  problems: ShapeProblem[];
}

/** "24×24×8" */
export const shapeText = (s: ImageShape): string => `${s.height}×${s.width}×${s.channels}`;

const isWhole = (v: number, min: number): boolean => Number.isInteger(v) && v >= min;

/** Output side of a conv or pool window; null when the window does not fit. */
export function outputSide(input: number, window: number, stride: number, padding: 'valid' | 'same'): number | null {
  if (padding === 'same') return Math.ceil(input / stride);
  return input < window ? null : Math.floor((input - window) / stride) + 1;
}

/**
 * Zero padding before the first row/column for 'same' (Keras/TF: the extra pixel of an odd total goes
 * after), 0 for 'valid'.
 */
export function padBefore(input: number, output: number, window: number, stride: number, padding: 'valid' | 'same'): number {
  if (padding === 'valid') return 0;
  const total = Math.max((output - 1) * stride + window - input, 0);
  return Math.floor(total / 2);
}

const nameOf = (g: GroupSpec): string => `"${g.name ?? g.id}"`;

const describeShape = (g: GroupSpec, shape: ImageShape | null, units: number): string =>
  `${nameOf(g)} (${shape ? shapeText(shape) : `flat, ${units} units`})`;

function imageOk(s: ImageShape | undefined): s is ImageShape {
  return s !== undefined && isWhole(s.height, 1) && isWhole(s.width, 1) && isWhole(s.channels, 1);
}

/** The layer's own problem, before its input is known; null when its numbers are sane. */
function layerProblem(g: GroupSpec, layer: LayerSpec): string | null {
  const who = nameOf(g);
  if (layer.type === 'conv2d') {
    if (!isWhole(layer.filters, 1)) return `conv ${who} has ${layer.filters} filters: it needs a whole number ≥ 1`;
    if (!isWhole(layer.kernelSize, 1)) return `conv ${who} has kernel size ${layer.kernelSize}: it needs a whole number ≥ 1`;
    if (!isWhole(layer.stride, 1)) return `conv ${who} has stride ${layer.stride}: use a whole number ≥ 1`;
    if (layer.padding !== 'valid' && layer.padding !== 'same') return `conv ${who} has unknown padding "${String(layer.padding)}"`;
    if (g.activation === 'softmax') return `conv ${who} uses softmax: use it on the output layer after a Flatten`;
    return null;
  }
  if (layer.type === 'pool2d') {
    if (layer.mode !== 'max' && layer.mode !== 'avg') return `pool ${who} has unknown mode "${String(layer.mode)}"`;
    if (!isWhole(layer.poolSize, 1)) return `pool ${who} has pool size ${layer.poolSize}: it needs a whole number ≥ 1`;
    if (!isWhole(layer.stride, 1)) return `pool ${who} has stride ${layer.stride}: use a whole number ≥ 1`;
    return null;
  }
  if (layer.type === 'flatten') return null;
  return `group ${who} has unknown layer type "${String((layer as { type: unknown }).type)}"`;
}

export function inferShapes(spec: NetworkSpec): ShapeReport {
  const report: ShapeReport = { shapes: {}, units: {}, params: {}, problems: [] };
  const byId = new Map(spec.groups.map((g) => [g.id, g]));
  const parents = new Map<string, GroupSpec[]>(spec.groups.map((g) => [g.id, []]));
  for (const e of spec.edges) {
    const from = byId.get(e.from);
    if (from && parents.has(e.to)) parents.get(e.to)!.push(from);
  }
  const problem = (g: GroupSpec, message: string, flattenFrom?: string): void => {
    report.problems.push(flattenFrom ? { groupId: g.id, message, fix: 'insertFlatten', from: flattenFrom } : { groupId: g.id, message });
  };
  // Groups whose shape could not be inferred: what reads them is not checked again (one message per cause).
  const failed = new Set<string>();
  // Groups on a cycle are left out of the order: compile reports the cycle itself.
  for (const g of topologicalOrder(spec.groups, spec.edges)) {
    const ins = (parents.get(g.id) ?? []).filter((p) => p.id in report.units);
    const problemsBefore = report.problems.length;
    let shape: ImageShape | null = null;
    let units = g.units;
    let params = 0;
    const layer = g.kind === 'hidden' ? g.layer : undefined;
    if (g.kind === 'input') {
      if (g.image !== undefined) {
        if (imageOk(g.image)) {
          shape = { ...g.image };
          units = shape.height * shape.width * shape.channels;
        } else problem(g, `image input ${nameOf(g)} has shape ${shapeText(g.image)}: height, width and channels must be whole numbers ≥ 1`);
      }
    } else if (layer === undefined) {
      // Dense: every parent must be flat.
      for (const p of ins) {
        const ps = report.shapes[p.id];
        if (ps && !failed.has(p.id)) {
          problem(
            g,
            `dense ${nameOf(g)} reads image ${describeShape(p, ps, report.units[p.id])}: insert a Flatten between ${nameOf(p)} and ${nameOf(g)}`,
            p.id
          );
        }
        params += report.units[p.id] * units;
      }
      params += units + (g.activation === 'prelu' ? units : 0);
    } else {
      const own = layerProblem(g, layer);
      const what = layer.type === 'conv2d' ? 'conv' : layer.type === 'pool2d' ? 'pool' : 'flatten';
      if (own) problem(g, own);
      else if (ins.length !== 1) {
        const names = ins.map(nameOf).join(', ');
        problem(g, `${what} ${nameOf(g)} has ${ins.length} inputs${names ? ` (${names})` : ''}: it takes exactly one`);
      } else if (failed.has(ins[0].id)) {
        failed.add(g.id);
      } else {
        const p = ins[0];
        const ps = report.shapes[p.id];
        const pu = report.units[p.id];
        if (layer.type === 'flatten') units = pu;
        else if (!ps) {
          problem(g, `${what} ${nameOf(g)} needs an image input, but ${describeShape(p, ps, pu)} is flat: connect an image input or a conv/pool layer`);
        } else {
          const window = layer.type === 'conv2d' ? layer.kernelSize : layer.poolSize;
          const padding = layer.type === 'conv2d' ? layer.padding : 'valid';
          const h = outputSide(ps.height, window, layer.stride, padding);
          const w = outputSide(ps.width, window, layer.stride, padding);
          if (h === null || w === null) {
            const fixText = layer.type === 'conv2d' ? "use a smaller kernel or 'same' padding" : 'use a smaller pool';
            problem(g, `${what} ${nameOf(g)}: its ${window}×${window} window is larger than its input ${describeShape(p, ps, pu)}; ${fixText}`);
          } else {
            const channels = layer.type === 'conv2d' ? layer.filters : ps.channels;
            shape = { height: h, width: w, channels };
            units = h * w * channels;
            if (layer.type === 'conv2d') {
              params = window * window * ps.channels * layer.filters + layer.filters + (g.activation === 'prelu' ? units : 0);
            }
          }
        }
      }
    }
    if (g.kind === 'output' || (g.kind === 'hidden' && layer === undefined)) shape = null;
    else if (report.problems.length > problemsBefore) failed.add(g.id);
    report.shapes[g.id] = shape;
    report.units[g.id] = units;
    report.params[g.id] = params;
  }
  return report;
}
