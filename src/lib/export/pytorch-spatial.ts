/**
 * Conv, pool and flatten in the PyTorch export (pytorch.ts writes the rest). PyTorch works on NCHW maps:
 * image inputs are permuted once in forward(), kernels are stored as [filters, in, k, k], 'same' padding is
 * an explicit F.pad split as TensorFlow splits it, and flatten goes back to our HWC order so the Linear
 * weights after it keep their rows.
 */
import type { ImageShape } from '../../../workers/protocol';
import { samePads, type DensePlan } from './plan';
import { pyFloat } from './python-code';
import { pyString } from './python-text';

/** Our kernel [k][k][in][filters] as PyTorch's [filters][in][k][k], one filter per line. */
function convWeightText(layer: DensePlan, indent: string): string {
  const spec = layer.layer!;
  if (spec.type !== 'conv2d') return '';
  const k = spec.kernelSize;
  const inC = layer.inputShape!.channels;
  const f = spec.filters;
  const at = (o: number, c: number, y: number, x: number) => layer.kernel[((y * k + x) * inC + c) * f + o];
  const filter = (o: number) =>
    `[${Array.from({ length: inC }, (_, c) => `[${Array.from({ length: k }, (_, y) => `[${Array.from({ length: k }, (_, x) => pyFloat(at(o, c, y, x))).join(', ')}]`).join(', ')}]`).join(', ')}]`;
  return `[\n${Array.from({ length: f }, (_, o) => `${indent}    ${filter(o)},`).join('\n')}\n${indent}]`;
}

/** Per-unit values in our HWC order as nested [C][H][W] lists. */
function chwText(values: Float32Array, shape: ImageShape): string {
  const { height: h, width: w, channels: c } = shape;
  const plane = (k: number) => `[${Array.from({ length: h }, (_, y) => `[${Array.from({ length: w }, (_, x) => pyFloat(values[(y * w + x) * c + k])).join(', ')}]`).join(', ')}]`;
  return `[${Array.from({ length: c }, (_, k) => plane(k)).join(', ')}]`;
}

/** The attribute name of a conv layer's per-pixel PReLU slopes (nn.PReLU only has per-channel ones). */
const slopeName = (layer: DensePlan) => layer.activationName!;

/** __init__ lines of a conv or pool layer (flatten needs no module). */
export function spatialModuleLines(layer: DensePlan): string[] {
  const spec = layer.layer!;
  if (spec.type === 'flatten') return [];
  if (spec.type === 'pool2d') {
    const kind = spec.mode === 'max' ? 'MaxPool2d' : 'AvgPool2d';
    return [`        self.${layer.name} = nn.${kind}(${spec.poolSize}, stride=${spec.stride})`];
  }
  const lines = [`        self.${layer.name} = nn.Conv2d(${layer.inputShape!.channels}, ${spec.filters}, ${spec.kernelSize}, stride=${spec.stride})`];
  if (layer.activation === 'prelu' && layer.shape) {
    const { channels, height, width } = layer.shape;
    lines.push(`        self.${slopeName(layer)} = nn.Parameter(torch.zeros(${channels}, ${height}, ${width}))  # PReLU: one slope per pixel and channel`);
  }
  return lines;
}

/**
 * forward() lines of a conv, pool or flatten layer reading `source`; `activate` wraps a pre-activation
 * expression in the layer's activation (not called for PReLU convolutions, which use their slope tensor).
 */
export function spatialForwardLines(layer: DensePlan, source: string, activate: (z: string) => string): string[] {
  const spec = layer.layer!;
  const name = layer.name;
  if (spec.type === 'flatten') return [`        ${name} = ${source}.permute(0, 2, 3, 1).flatten(1)  # back to height, width, channels order`];
  if (spec.type === 'pool2d') return [`        ${name} = self.${name}(${source})`];
  const input = layer.inputShape!;
  let padded = source;
  if (spec.padding === 'same') {
    const [top, bottom] = samePads(input.height, spec.kernelSize, spec.stride);
    const [left, right] = samePads(input.width, spec.kernelSize, spec.stride);
    if (top + bottom + left + right > 0) padded = `F.pad(${source}, (${left}, ${right}, ${top}, ${bottom}))`;
  }
  if (layer.activation === 'prelu') {
    return [`        ${name} = self.${name}(${padded})`, `        ${name} = torch.where(${name} >= 0, ${name}, self.${slopeName(layer)} * ${name})`];
  }
  return [`        ${name} = ${activate(`self.${name}(${padded})`)}`];
}

/** STATE_DICT entries of a conv layer (none for pool and flatten). */
export function spatialStateLines(layer: DensePlan): string[] {
  if (layer.layer?.type !== 'conv2d') return [];
  const bias = `[${Array.from(layer.bias, pyFloat).join(', ')}]`;
  const lines = [`    ${pyString(`${layer.name}.weight`)}: ${convWeightText(layer, '    ')},`, `    ${pyString(`${layer.name}.bias`)}: ${bias},`];
  if (layer.prelu && layer.shape) lines.push(`    ${pyString(slopeName(layer))}: ${chwText(layer.prelu, layer.shape)},`);
  return lines;
}
