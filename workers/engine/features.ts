/**
 * Input features: each input unit is computed from the raw columns of a row by its Feature
 * (id x, square x², sin x, product x·y), as in TF Playground's feature pickers.
 */
import type { Feature } from '../protocol';
import type { Vec } from './vec';

export function featureValue(f: Feature, row: ArrayLike<number>, offset: number): number {
  const x = row[offset + f.a];
  switch (f.op) {
    case 'id':
      return x;
    case 'square':
      return x * x;
    case 'sin':
      return Math.sin(x);
    case 'product':
      return x * row[offset + (f.b as number)];
  }
}

/** out[r * features.length + u] = feature u of raw row r, for rows [0, n) of `raw` (n × columns). */
export function computeFeatures(features: Feature[], raw: ArrayLike<number>, columns: number, n: number, out: Vec): void {
  const units = features.length;
  for (let r = 0; r < n; r++) {
    const base = r * columns;
    for (let u = 0; u < units; u++) out[r * units + u] = featureValue(features[u], raw, base);
  }
}

/** The largest raw column index any feature reads, or -1 when there are none. */
export function maxFeatureColumn(features: Feature[]): number {
  let max = -1;
  for (const f of features) {
    max = Math.max(max, f.a);
    if (f.op === 'product' && f.b !== undefined) max = Math.max(max, f.b);
  }
  return max;
}
