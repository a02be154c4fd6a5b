/**
 * Input features: how an input unit is computed from the raw columns.
 * For 2-column data the reference tool's seven choices; for imported tables one per column.
 */
import type { Feature } from '../../../workers/protocol';

export interface FeatureChoice {
  id: string;
  label: string;
  feature: Feature;
}

/** The reference tool's features over columns x1 (0) and x2 (1), in its order. */
export const FEATURE_CHOICES: readonly FeatureChoice[] = [
  { id: 'x1', label: 'x₁', feature: { op: 'id', a: 0 } },
  { id: 'x2', label: 'x₂', feature: { op: 'id', a: 1 } },
  { id: 'x1sq', label: 'x₁²', feature: { op: 'square', a: 0 } },
  { id: 'x2sq', label: 'x₂²', feature: { op: 'square', a: 1 } },
  { id: 'x1x2', label: 'x₁·x₂', feature: { op: 'product', a: 0, b: 1 } },
  { id: 'sinx1', label: 'sin x₁', feature: { op: 'sin', a: 0 } },
  { id: 'sinx2', label: 'sin x₂', feature: { op: 'sin', a: 1 } }
];

/** One identity feature per column of an imported table; the id is the column name. */
export function columnFeatures(columns: string[]): FeatureChoice[] {
  return columns.map((name, a) => ({ id: name, label: name, feature: { op: 'id', a } }));
}

/** The chosen FEATURE_CHOICES in the reference order; unknown ids are skipped. */
export function choicesFromIds(ids: readonly string[]): FeatureChoice[] {
  return FEATURE_CHOICES.filter((choice) => ids.includes(choice.id));
}

/** A readable name for any feature over named columns, e.g. "distance²" or "sin x1". */
export function featureLabel(feature: Feature, columns: readonly string[]): string {
  const a = columns[feature.a] ?? `column ${feature.a + 1}`;
  switch (feature.op) {
    case 'id':
      return a;
    case 'square':
      return `${a}²`;
    case 'sin':
      return `sin ${a}`;
    case 'product': {
      const b = feature.b === undefined ? '?' : (columns[feature.b] ?? `column ${feature.b + 1}`);
      return `${a}·${b}`;
    }
  }
}
