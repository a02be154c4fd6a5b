/**
 * The inspector's conv and pool fields as pure functions: a typed value becomes a node patch, or a message
 * naming the bounds (the same bounds the document's codecs accept). A conv's units follow its filters.
 */
import type { Padding, PoolMode } from '../../../workers/protocol';
import type { NodeRecord } from '../model/document';

export const CONV_BOUNDS = {
  filters: { min: 1, max: 256 },
  kernelSize: { min: 1, max: 15 },
  stride: { min: 1, max: 8 },
  poolSize: { min: 1, max: 8 }
} as const;

export type ConvField = 'filters' | 'kernelSize' | 'stride' | 'padding';
export type PoolField = 'mode' | 'poolSize' | 'poolStride';

export interface FieldResult {
  /** the change to make; null when the value is refused or unchanged */
  patch: Partial<Omit<NodeRecord, 'id'>> | null;
  error: string | null;
}

const refused = (error: string): FieldResult => ({ patch: null, error });

function whole(text: string, bounds: { min: number; max: number }): number | string {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < bounds.min || n > bounds.max) return `a whole number, ${bounds.min}–${bounds.max}`;
  return n;
}

export const currentConv = (node: NodeRecord): NonNullable<NodeRecord['conv']> =>
  node.conv ?? { filters: node.units, kernelSize: 3, stride: 1, padding: 'valid' };

export const currentPool = (node: NodeRecord): NonNullable<NodeRecord['pool']> => node.pool ?? { mode: 'max', poolSize: 2, stride: 2 };

export function convPatch(node: NodeRecord, field: ConvField, text: string): FieldResult {
  const conv = currentConv(node);
  if (field === 'padding') {
    if (text !== 'same' && text !== 'valid') return refused('same or valid');
    return text === conv.padding ? { patch: null, error: null } : { patch: { conv: { ...conv, padding: text as Padding } }, error: null };
  }
  const value = whole(text, field === 'filters' ? CONV_BOUNDS.filters : field === 'kernelSize' ? CONV_BOUNDS.kernelSize : CONV_BOUNDS.stride);
  if (typeof value === 'string') return refused(value);
  if (value === conv[field]) return { patch: null, error: null };
  const next = { ...conv, [field]: value };
  return { patch: field === 'filters' ? { conv: next, units: value } : { conv: next }, error: null };
}

export function poolPatch(node: NodeRecord, field: PoolField, text: string): FieldResult {
  const pool = currentPool(node);
  if (field === 'mode') {
    if (text !== 'max' && text !== 'avg') return refused('max or average');
    return text === pool.mode ? { patch: null, error: null } : { patch: { pool: { ...pool, mode: text as PoolMode } }, error: null };
  }
  const value = whole(text, field === 'poolSize' ? CONV_BOUNDS.poolSize : CONV_BOUNDS.stride);
  if (typeof value === 'string') return refused(value);
  const key = field === 'poolSize' ? 'poolSize' : 'stride';
  if (value === pool[key]) return { patch: null, error: null };
  return { patch: { pool: { ...pool, [key]: value } }, error: null };
}
