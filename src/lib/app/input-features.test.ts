import { describe, expect, it } from 'vitest';
import { FEATURE_CHOICES } from '../data/features';
import { apply } from '../model/apply';
import { defaultClassificationDoc } from '../model/build';
import { featureChange, selectedFeatureIds } from './input-features';

describe('featureChange', () => {
  it('adds x1² wired like x1 and x2, and removes x2', () => {
    const doc = defaultClassificationDoc();
    expect(selectedFeatureIds(doc, FEATURE_CHOICES)).toEqual(['x1', 'x2']);
    const change = featureChange(doc, FEATURE_CHOICES, ['x1', 'x1sq']);
    expect(change).not.toBeNull();
    const next = apply(doc, change!);
    expect(selectedFeatureIds(next, FEATURE_CHOICES)).toEqual(['x1', 'x1sq']);
    const square = next.nodes.find((n) => n.features?.[0].op === 'square')!;
    const x1 = next.nodes.find((n) => n.label === 'x₁' || n.features?.[0].op === 'id')!;
    const targetsOf = (id: string) => next.edges.filter((e) => e.from === id).map((e) => e.to).sort();
    expect(targetsOf(square.id)).toEqual(targetsOf(x1.id));
    expect(targetsOf(square.id).length).toBeGreaterThan(0);
  });

  it('returns null when nothing changes', () => {
    const doc = defaultClassificationDoc();
    expect(featureChange(doc, FEATURE_CHOICES, ['x1', 'x2'])).toBeNull();
  });
});
