import { describe, expect, it } from 'vitest';
import { apply } from './apply';
import { defaultClassificationDoc } from './build';
import { modelSummary } from './summary';

describe('modelSummary', () => {
  it('lists layers in topological order with Keras names, shapes and counts', () => {
    let doc = defaultClassificationDoc();
    // Put the output first in the document: the summary must still list it last.
    const out = doc.nodes.at(-1)!;
    doc = apply(doc, { type: 'removeNode', id: out.id });
    doc = apply(doc, { type: 'addNode', node: out, index: 0 });
    doc = apply(doc, { type: 'addEdge', edge: { id: 'e4', from: 'h2', to: 'out1' } });
    doc = apply(doc, { type: 'addEdge', edge: { id: 'e5', from: 'in1', to: 'out1' } });
    const summary = modelSummary(doc);
    expect(summary.rows.map((r) => [r.layer, r.outputShape, r.params, r.connectedTo])).toEqual([
      ['input_1 (InputLayer)', '(None, 1)', 0, []],
      ['input_2 (InputLayer)', '(None, 1)', 0, []],
      ['dense_1 (Dense)', '(None, 4)', 12, ['input_1', 'input_2']],
      ['dense_2 (Dense)', '(None, 2)', 10, ['dense_1']],
      ['dense_3 (Dense)', '(None, 1)', 4, ['dense_2', 'input_1']]
    ]);
    expect(summary.rows[4]).toMatchObject({ nodeId: 'out1', label: 'out', activation: 'sigmoid', units: 1 });
    expect(summary.rows[0].activation).toBeNull();
    expect(summary).toMatchObject({ total: 26, trainable: 26, nonTrainable: 0 });
  });

  it('splits trainable and frozen parameters', () => {
    expect(modelSummary(defaultClassificationDoc(), 5)).toMatchObject({ total: 25, trainable: 20, nonTrainable: 5 });
    expect(modelSummary(defaultClassificationDoc(), 99)).toMatchObject({ trainable: 0, nonTrainable: 25 });
  });

  it('still lists every node of a cyclic document', () => {
    const doc = defaultClassificationDoc();
    doc.edges.push({ id: 'e9', from: 'h2', to: 'h1' });
    expect(modelSummary(doc).rows.map((r) => r.nodeId)).toEqual(['in1', 'in2', 'h1', 'h2', 'out1']);
  });
});
