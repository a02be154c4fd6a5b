import { describe, expect, it } from 'vitest';
import { apply } from '../model/apply';
import { copySubgraph, pasteClipboard } from './clipboard';
import { smallNet } from './fixtures';
import { changesFor } from './keyboard';

describe('clipboard', () => {
  it('copies nodes and only the wires among them', () => {
    const clip = copySubgraph(smallNet(), ['h', 'o'])!;
    expect(clip.nodes.map((n) => n.id)).toEqual(['h', 'o']);
    expect(clip.edges).toEqual([{ id: 'e2', from: 'h', to: 'o' }]);
    expect(copySubgraph(smallNet(), ['e1'])).toBeNull();
  });
  it('deep-copies features so later edits of the document do not leak in', () => {
    const doc = smallNet();
    const clip = copySubgraph(doc, ['x'])!;
    doc.nodes[0].features![0].a = 9;
    expect(clip.nodes[0].features![0].a).toBe(0);
  });
  it('pastes each time 24 px further, with fresh ids', () => {
    let doc = smallNet();
    let clip = copySubgraph(doc, ['h', 'o'])!;
    const first = pasteClipboard(doc, clip);
    doc = apply(doc, first.change);
    clip = first.clipboard;
    const second = pasteClipboard(doc, clip);
    doc = apply(doc, second.change);
    expect(first.ids).toEqual(['h1', 'o1', 'e3']);
    expect(second.ids).toEqual(['h2', 'o2', 'e4']);
    const byId = new Map(doc.nodes.map((n) => [n.id, n]));
    expect([byId.get('h1')!.x, byId.get('h2')!.x]).toEqual([224, 248]);
    expect(doc.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['x>h', 'h>o', 'h1>o1', 'h2>o2']);
  });
  it('copy then paste through the keyboard commands', () => {
    const doc = smallNet();
    const copied = changesFor({ type: 'copy' }, doc, ['x']);
    expect(copied.change).toBeNull();
    const pasted = changesFor({ type: 'paste' }, doc, ['x'], copied.clipboard!);
    const after = apply(doc, pasted.change!);
    expect(after.nodes.at(-1)).toMatchObject({ id: 'x1', kind: 'input', x: 24, y: 24 });
    expect(pasted.clipboard!.pastes).toBe(1);
    expect(changesFor({ type: 'paste' }, doc, [], null).change).toBeNull();
  });
});
