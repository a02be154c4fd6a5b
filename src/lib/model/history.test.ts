import { describe, expect, it } from 'vitest';
import { ChangeError } from './apply';
import { defaultClassificationDoc } from './build';
import type { Change, NetworkDoc } from './document';
import { canRedo, canUndo, createHistory, HISTORY_LIMIT, record, redo, undo, type History } from './history';

const changes: Change[] = [
  { type: 'addNode', node: { id: 'h3', kind: 'dense', label: 'h3', x: 400, y: 0, units: 3, activation: 'relu' } },
  { type: 'addEdge', edge: { id: 'e5', from: 'h1', to: 'h3' } },
  { type: 'addEdge', edge: { id: 'e6', from: 'h3', to: 'out1' } },
  { type: 'updateNode', id: 'h3', patch: { units: 5, dropout: 0.1 } },
  { type: 'moveNodes', moves: [{ id: 'h3', x: 10, y: 20 }] },
  { type: 'removeEdge', id: 'e1' },
  { type: 'removeNode', id: 'h2' },
  { type: 'batch', changes: [{ type: 'updateNode', id: 'h1', patch: { activation: 'elu' } }, { type: 'removeNode', id: 'in2' }] },
  { type: 'replace', doc: { nodes: [], edges: [] } }
];

describe('history', () => {
  it('undoes and redoes every change type back to the exact documents', () => {
    let history = createHistory();
    let doc = defaultClassificationDoc();
    const docs: NetworkDoc[] = [doc];
    for (const change of changes) {
      ({ history, doc } = record(history, doc, change));
      docs.push(doc);
    }
    expect(history.past).toHaveLength(changes.length);
    // Survive a reload: the history goes through JSON.
    history = JSON.parse(JSON.stringify(history)) as History;
    for (let i = docs.length - 2; i >= 0; i--) {
      const step = undo(history, doc)!;
      ({ history, doc } = step);
      expect(doc).toEqual(docs[i]);
    }
    expect(canUndo(history)).toBe(false);
    expect(undo(history, doc)).toBeNull();
    for (let i = 1; i < docs.length; i++) {
      ({ history, doc } = redo(history, doc)!);
      expect(doc).toEqual(docs[i]);
    }
    expect(canRedo(history)).toBe(false);
    expect(redo(history, doc)).toBeNull();
  });

  it('merges a 10-move drag into one undo step', () => {
    let history = createHistory();
    const start = defaultClassificationDoc();
    let doc = start;
    ({ history, doc } = record(history, doc, { type: 'updateNode', id: 'h1', patch: { units: 3 } }));
    const beforeDrag = doc;
    for (let i = 1; i <= 10; i++) {
      ({ history, doc } = record(
        history,
        doc,
        { type: 'moveNodes', moves: [{ id: 'h1', x: 220 + i * 5, y: i }, ...(i > 5 ? [{ id: 'h2', x: 440, y: i * 2 }] : [])] },
        { gesture: 'drag-1' }
      ));
    }
    expect(history.past).toHaveLength(2);
    expect(history.past[1].forward).toEqual({
      type: 'moveNodes',
      moves: [
        { id: 'h1', x: 270, y: 10 },
        { id: 'h2', x: 440, y: 20 }
      ]
    });
    ({ history, doc } = undo(history, doc)!);
    expect(doc).toEqual(beforeDrag);
    ({ history, doc } = undo(history, doc)!);
    expect(doc).toEqual(start);
    ({ history, doc } = redo(history, doc)!);
    ({ history, doc } = redo(history, doc)!);
    expect(doc.nodes.find((n) => n.id === 'h2')).toMatchObject({ x: 440, y: 20 });
  });

  it('merges mixed changes of one gesture as a batch, and different gestures stay separate', () => {
    let history = createHistory();
    const start = defaultClassificationDoc();
    let doc = start;
    ({ history, doc } = record(history, doc, { type: 'updateNode', id: 'h1', patch: { units: 5 } }, { gesture: 'g' }));
    ({ history, doc } = record(history, doc, { type: 'updateNode', id: 'h1', patch: { units: 6 } }, { gesture: 'g' }));
    ({ history, doc } = record(history, doc, { type: 'removeEdge', id: 'e1' }, { gesture: 'g' }));
    ({ history, doc } = record(history, doc, { type: 'removeEdge', id: 'e2' }, { gesture: 'other' }));
    expect(history.past).toHaveLength(2);
    expect(history.past[0].gesture).toBe('g');
    ({ history, doc } = undo(history, doc)!);
    ({ history, doc } = undo(history, doc)!);
    expect(doc).toEqual(start);
  });

  it('recording clears the redo list', () => {
    let history = createHistory();
    let doc = defaultClassificationDoc();
    ({ history, doc } = record(history, doc, { type: 'removeEdge', id: 'e1' }));
    ({ history, doc } = undo(history, doc)!);
    expect(canRedo(history)).toBe(true);
    ({ history, doc } = record(history, doc, { type: 'removeEdge', id: 'e2' }));
    expect(canRedo(history)).toBe(false);
  });

  it('keeps at most 500 entries, dropping the oldest', () => {
    let history = createHistory();
    let doc = defaultClassificationDoc();
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) {
      ({ history, doc } = record(history, doc, { type: 'moveNodes', moves: [{ id: 'h1', x: i, y: 0 }] }));
    }
    expect(history.past).toHaveLength(500);
    expect(history.past[0].forward).toEqual({ type: 'moveNodes', moves: [{ id: 'h1', x: 20, y: 0 }] });
    let steps = 0;
    for (let step = undo(history, doc); step; step = undo(step.history, step.doc)) {
      steps++;
      doc = step.doc;
    }
    expect(steps).toBe(500);
    expect(doc.nodes.find((n) => n.id === 'h1')!.x).toBe(19);
  });

  it('a refused change throws and records nothing; a stale entry refuses to undo', () => {
    const history = createHistory();
    const doc = defaultClassificationDoc();
    expect(() => record(history, doc, { type: 'addEdge', edge: { id: 'e9', from: 'h2', to: 'h1' } })).toThrow(ChangeError);
    expect(history.past).toHaveLength(0);
    const stale = record(history, doc, { type: 'removeNode', id: 'h2' });
    expect(undo(stale.history, doc)).toBeNull(); // h2 is still in `doc`: re-adding it would clash
  });
});
