import { describe, expect, it } from 'vitest';
import { adaptToData, type DataShape } from './adapt-to-data';
import { apply } from './apply';
import { buildStack, defaultClassificationDoc } from './build';
import { validate } from './validate';
import { lossWarning, negativeLossWarning } from './loss-fit';

const circle: DataShape = { columns: ['x1', 'x2'], classes: ['class A', 'class B'], targetColumns: ['label'] };
const clusters: DataShape = { columns: ['x1', 'x2'], classes: ['A', 'B', 'C'], targetColumns: ['label'] };
const plane: DataShape = { columns: ['x1', 'x2'], classes: null, targetColumns: ['y'] };
const iris: DataShape = {
  columns: ['sepal length', 'sepal width', 'petal length', 'petal width'],
  classes: ['setosa', 'versicolor', 'virginica'],
  targetColumns: ['species']
};

function adapted(doc = defaultClassificationDoc(), loss: 'bce' | 'mse' | 'cce' = 'bce', next: DataShape, previous: DataShape | null) {
  const result = adaptToData(doc, { loss }, next, previous);
  const after = result.change ? apply(doc, result.change) : doc;
  return { result, after, output: after.nodes.find((n) => n.kind === 'output')! };
}

describe('adaptToData', () => {
  it('leaves a network that already fits alone', () => {
    const { result } = adapted(undefined, 'bce', { ...circle, classes: ['a', 'b'] }, circle);
    expect(result).toEqual({ change: null, settings: {}, summary: null });
  });

  it('Clusters (3 classes): 3 softmax units and categorical cross-entropy, inputs kept', () => {
    const { result, after, output } = adapted(undefined, 'bce', clusters, circle);
    expect([output.units, output.activation]).toEqual([3, 'softmax']);
    expect(result.settings).toEqual({ loss: 'cce' });
    expect(after.nodes.filter((n) => n.kind === 'input').map((n) => n.label)).toEqual(['x1', 'x2']);
    expect(result.summary).toBe('Adapted the network to the data: output → 3 units, softmax; loss → categorical cross-entropy.');
    expect(validate(after)).toEqual([]);
  });

  it('Plane (regression): a linear output and mean squared error instead of sigmoid + BCE', () => {
    const { result, output } = adapted(undefined, 'bce', plane, circle);
    expect([output.units, output.activation]).toEqual([1, 'linear']);
    expect(result.settings).toEqual({ loss: 'mse' });
  });

  it('back from regression to two classes: sigmoid + BCE even though one unit already fits', () => {
    const regression = buildStack({
      inputs: [{ label: 'x1', features: [{ op: 'id', a: 0 }] }],
      hidden: [],
      output: { units: 1, activation: 'linear' }
    });
    const { result, output } = adapted(regression, 'mse', circle, plane);
    expect(output.activation).toBe('sigmoid');
    expect(result.settings).toEqual({ loss: 'bce' });
  });

  it('after Iris, a generator resets the inputs to x1, x2, wired where the old inputs went', () => {
    const irisDoc = buildStack({
      inputs: [{ label: 'flower', features: [0, 1, 2, 3].map((a) => ({ op: 'id' as const, a })) }],
      hidden: [{ units: 8, activation: 'relu' }],
      output: { units: 3, activation: 'softmax' }
    });
    const { result, after, output } = adapted(irisDoc, 'cce', circle, iris);
    const inputs = after.nodes.filter((n) => n.kind === 'input');
    expect(inputs.map((n) => [n.label, n.features])).toEqual([
      ['x1', [{ op: 'id', a: 0 }]],
      ['x2', [{ op: 'id', a: 1 }]]
    ]);
    const hidden = after.nodes.find((n) => n.kind === 'dense')!;
    for (const input of inputs) expect(after.edges.some((e) => e.from === input.id && e.to === hidden.id)).toBe(true);
    expect([output.units, output.activation]).toEqual([1, 'sigmoid']);
    expect(result.settings).toEqual({ loss: 'bce' });
    expect(result.summary).toContain('inputs → x1, x2');
    expect(validate(after)).toEqual([]);
  });

  it('remaps features by column name when the columns move', () => {
    const doc = buildStack({
      inputs: [{ label: 'b²', features: [{ op: 'square', a: 1 }] }],
      hidden: [],
      output: { units: 1, activation: 'linear' }
    });
    const { after } = adapted(doc, 'mse', { columns: ['b', 'c', 'a'], classes: null, targetColumns: ['y'] }, { columns: ['a', 'b'], classes: null, targetColumns: ['y'] });
    expect(after.nodes.find((n) => n.kind === 'input')!.features).toEqual([{ op: 'square', a: 0 }]);
  });

  it('wide data (an image) gets one input group, not 784 nodes', () => {
    const columns = Array.from({ length: 784 }, (_, i) => `px${i}`);
    const { after, output } = adapted(undefined, 'bce', { columns, classes: '0123456789'.split(''), targetColumns: ['digit'] }, circle);
    const inputs = after.nodes.filter((n) => n.kind === 'input');
    expect(inputs).toHaveLength(1);
    expect(inputs[0].units).toBe(784);
    expect(output.units).toBe(10);
    expect(validate(after)).toEqual([]);
  });
});

describe('lossWarning', () => {
  it('names the fix for each combination that cannot learn', () => {
    expect(lossWarning({ units: 1, activation: 'sigmoid' }, 'hinge', 2)).toMatch(/tanh or linear output/);
    expect(lossWarning({ units: 1, activation: 'sigmoid' }, 'cce', 2)).toMatch(/2 units with softmax/);
    expect(lossWarning({ units: 1, activation: 'sigmoid' }, 'bce', null)).toMatch(/mean squared error/);
    expect(lossWarning({ units: 1, activation: 'relu' }, 'mse', 2)).toMatch(/sigmoid output/);
    expect(lossWarning({ units: 1, activation: 'linear' }, 'bce', 2)).toMatch(/go negative/);
  });

  it('is quiet for the combinations that learn', () => {
    expect(lossWarning({ units: 1, activation: 'sigmoid' }, 'bce', 2)).toBeNull();
    expect(lossWarning({ units: 3, activation: 'softmax' }, 'cce', 3)).toBeNull();
    expect(lossWarning({ units: 1, activation: 'tanh' }, 'hinge', 2)).toBeNull();
    expect(lossWarning({ units: 1, activation: 'linear' }, 'mse', null)).toBeNull();
  });

  it('says so when a loss is below zero', () => {
    expect(negativeLossWarning(-2.01)).toMatch(/below zero/);
    expect(negativeLossWarning(0.3)).toBeNull();
  });
});

describe('adaptToData on a network being built by hand', () => {
  it('leaves an empty canvas empty', () => {
    expect(adaptToData({ nodes: [], edges: [] }, { loss: 'bce' }, clusters, circle)).toEqual({ change: null, settings: {}, summary: null });
  });
});
