/**
 * Named weight tensors, however they were stored: the TF.js manifest (shards read in manifest order,
 * float32 or uint8/uint16/float16-quantised) or a Keras HDF5 file. The converter asks for a layer's
 * kernel or bias by name and shape; a missing or misshapen weight is refused naming layer, expected and found.
 */
import { formatLimit, MAX_PARAMETERS } from '../limits';
import { check, isRecord, ModelImportError, shown } from './errors';

export interface StoredWeight {
  shape: number[];
  /** decodes on demand, so weights no layer asks for (an optimizer's) cost nothing */
  values: () => Float32Array;
}

export type WeightMap = Map<string, StoredWeight>;

export const elementCount = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
export const shapeText = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

/** Bytes per stored element, by dtype (quantised dtypes included). */
const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

/** A float16 bit pattern as a number (TF.js float16 quantisation). */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** TF.js stores little-endian floats; every browser platform is little-endian, but the check is cheap. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

interface Quantization {
  dtype: 'uint8' | 'uint16' | 'float16';
  scale: number;
  min: number;
}

function decode(bytes: Uint8Array, count: number, dtype: string, quantization: Quantization | null): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(count);
  if (quantization) {
    const { scale, min } = quantization;
    for (let i = 0; i < count; i++) {
      if (quantization.dtype === 'uint8') out[i] = bytes[i] * scale + min;
      else if (quantization.dtype === 'uint16') out[i] = view.getUint16(i * 2, true) * scale + min;
      else out[i] = halfToFloat(view.getUint16(i * 2, true));
    }
  } else if (dtype === 'float32' && LITTLE_ENDIAN && bytes.byteOffset % 4 === 0) {
    // The common case: one copy of the aligned bytes, no per-value reads.
    out.set(new Float32Array(bytes.buffer, bytes.byteOffset, count));
  } else if (dtype === 'float32') {
    for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
  } else if (dtype === 'int32') {
    for (let i = 0; i < count; i++) out[i] = view.getInt32(i * 4, true);
  } else {
    for (let i = 0; i < count; i++) out[i] = bytes[i];
  }
  return out;
}

function readShape(value: unknown, name: string, file: string): number[] {
  check(
    Array.isArray(value) && value.every((d) => Number.isInteger(d) && d >= 0 && d <= 1e9),
    `${file}: weight '${shown(name)}' has no valid shape (found ${shown(value)}).`
  );
  return value as number[];
}

function readQuantization(value: unknown, name: string, file: string): Quantization | null {
  if (value === undefined || value === null) return null;
  check(isRecord(value) && ['uint8', 'uint16', 'float16'].includes(value.dtype as string), `${file}: weight '${shown(name)}' has an unknown quantization ${shown(value)}.`);
  const scale = Number(value.scale ?? 1);
  const min = Number(value.min ?? 0);
  check(Number.isFinite(scale) && Number.isFinite(min), `${file}: weight '${shown(name)}' has a quantization scale or min that is not a number.`);
  return { dtype: value.dtype as Quantization['dtype'], scale, min };
}

/** The file a manifest path names: its last segment, URL-decoded (TF.js writes relative URLs). */
export function baseName(path: string): string {
  const last = path.split(/[/\\]/).pop() ?? path;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * Reads a TF.js weightsManifest against the chosen binary files (by base name). Every group's shards are
 * joined in the manifest's order and must hold exactly the bytes its weight specs add up to.
 */
export function readTfjsWeights(manifest: unknown, files: ReadonlyMap<string, Uint8Array>, modelFile: string): WeightMap {
  check(Array.isArray(manifest), `${modelFile} has no weightsManifest list, so it carries no weights.`);
  const weights: WeightMap = new Map();
  // The model's own weights (not an optimizer's) are its parameters: counted before any byte is read.
  let modelValues = 0;
  for (const group of manifest) {
    if (!isRecord(group) || !Array.isArray(group.weights)) continue;
    for (const spec of group.weights as unknown[]) {
      if (isRecord(spec) && spec.group !== 'optimizer' && Array.isArray(spec.shape)) modelValues += elementCount(spec.shape as number[]);
    }
  }
  if (modelValues > MAX_PARAMETERS) {
    throw new ModelImportError(
      `${modelFile}: the model has ${formatLimit(modelValues)} parameters; Axon trains networks of at most ${formatLimit(MAX_PARAMETERS)} (MAX_PARAMETERS).`
    );
  }
  manifest.forEach((group: unknown, g) => {
    check(isRecord(group) && Array.isArray(group.paths) && Array.isArray(group.weights), `${modelFile}: weight group ${g + 1} has no paths and weights.`);
    const shards = (group.paths as unknown[]).map((path) => {
      const name = baseName(String(path));
      const bytes = files.get(name);
      check(bytes, `${modelFile} needs the weights file '${shown(name)}', which was not chosen: choose model.json and its .bin files together.`);
      return { name, bytes };
    });
    const total = shards.reduce((sum, s) => sum + s.bytes.byteLength, 0);
    const data = shards.length === 1 ? shards[0].bytes : new Uint8Array(total);
    if (shards.length > 1) {
      let at = 0;
      for (const s of shards) {
        data.set(s.bytes, at);
        at += s.bytes.byteLength;
      }
    }
    let offset = 0;
    for (const spec of group.weights as unknown[]) {
      check(isRecord(spec) && typeof spec.name === 'string', `${modelFile}: a weight of group ${g + 1} has no name.`);
      const name = spec.name;
      const shape = readShape(spec.shape, name, modelFile);
      const quantization = readQuantization(spec.quantization, name, modelFile);
      const dtype = String(spec.dtype ?? 'float32');
      const bytesPer = BYTES[quantization?.dtype ?? dtype];
      check(bytesPer, `${modelFile}: weight '${shown(name)}' is of type ${shown(dtype)}, which Axon cannot read.`);
      const count = elementCount(shape);
      const start = offset;
      offset += count * bytesPer;
      if (offset > total) break;
      const bytes = data.subarray(start, offset);
      weights.set(name, { shape, values: () => decode(bytes, count, dtype, quantization) });
    }
    check(
      offset === total,
      () =>
        `${modelFile}: weight group ${g + 1} lists ${formatLimit(sumBytes(group.weights as unknown[]))} bytes of weights, but ${shards.map((s) => `'${shown(s.name)}'`).join(' + ')} hold${shards.length === 1 ? 's' : ''} ${formatLimit(total)} bytes${offset > total ? ' (truncated?)' : ''}.`
    );
  });
  return weights;
}

function sumBytes(specs: unknown[]): number {
  let sum = 0;
  for (const spec of specs) {
    if (!isRecord(spec) || !Array.isArray(spec.shape)) continue;
    const q = isRecord(spec.quantization) ? String(spec.quantization.dtype) : String(spec.dtype ?? 'float32');
    sum += elementCount(spec.shape as number[]) * (BYTES[q] ?? 0);
  }
  return sum;
}

/**
 * Looks up `layer/param` (exactly, or under a scope such as `model/layer/param`, or with TF's `:0` suffix)
 * and checks its shape. `file` names the file in messages.
 */
export function takeWeight(weights: WeightMap, layer: string, param: string, shape: readonly number[], file: string): Float32Array {
  const key = `${layer}/${param}`;
  let found = weights.get(key) ?? weights.get(`${key}:0`);
  if (!found) {
    for (const [name, w] of weights) {
      const bare = name.replace(/:0$/, '');
      if (bare.endsWith(`/${key}`)) {
        found = w;
        break;
      }
    }
  }
  check(found, `${file}: layer '${shown(layer)}' needs the weight '${shown(key)}' of shape ${shapeText(shape)}, which the file does not have.`);
  const same = found.shape.length === shape.length && found.shape.every((d, i) => d === shape[i]);
  check(same, `${file}: layer '${shown(layer)}' ${param}: expected shape ${shapeText(shape)}, found ${shapeText(found.shape)}.`);
  return found.values();
}
