import { describe, expect, it } from 'vitest';
import { apply } from '../model/apply';
import { defaultState } from '../model/defaults';
import { activationChange, differences, variationEffect, variationPair } from './variation';

describe('variations', () => {
  it('a setting becomes a settings patch', () => {
    const { doc } = defaultState();
    expect(variationEffect(doc, { name: 'optimizer', value: 'adam' })).toEqual({ settings: { optimizer: 'adam' } });
    expect(variationEffect(doc, { name: 'learningRate', value: 0.3 })).toEqual({ settings: { learningRate: 0.3 } });
  });

  it('the activation changes every hidden layer and nothing else', () => {
    const { doc } = defaultState();
    const change = activationChange(doc, 'relu');
    expect(change).not.toBeNull();
    const next = apply(doc, change!);
    for (const node of next.nodes) {
      const before = doc.nodes.find((n) => n.id === node.id)!;
      expect(node.activation).toBe(node.kind === 'dense' ? 'relu' : before.activation);
    }
    expect(next.nodes.some((n) => n.kind === 'dense')).toBe(true);
    const bare = { ...doc, nodes: doc.nodes.filter((n) => n.kind !== 'dense'), edges: [] };
    expect(activationChange(bare, 'relu')).toBeNull();
  });

  it('differences name each changed setting and layer', () => {
    const a = defaultState();
    expect(differences(a, a)).toEqual([]);
    const dense = a.doc.nodes.find((n) => n.kind === 'dense')!;
    const doc = apply(a.doc, { type: 'updateNode', id: dense.id, patch: { units: dense.units + 3, activation: 'relu' } });
    const b = { doc, settings: { ...a.settings, optimizer: 'adam' as const, schedule: { kind: 'cosine' as const, epochs: 10, alpha: 0 } } };
    const name = dense.label || dense.id;
    expect(differences(a, b)).toEqual([
      `optimizer ${a.settings.optimizer} → adam`,
      'schedule constant → cosine',
      `${name}: ${dense.activation} → relu`,
      `${name}: ${dense.units} → ${dense.units + 3} units`
    ]);
  });
});

describe('variationPair', () => {
  it('gives run A the first value and run B the second', () => {
    expect(variationPair({ name: 'optimizer', values: ['sgd', 'adam'] })).toEqual([
      { name: 'optimizer', value: 'sgd' },
      { name: 'optimizer', value: 'adam' }
    ]);
  });
});
