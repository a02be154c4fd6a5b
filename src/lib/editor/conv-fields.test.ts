import { describe, expect, it } from 'vitest';
import type { NodeRecord } from '../model/document';
import { convPatch, poolPatch } from './conv-fields';
import { mapTiles, tileAt } from './map-tiles';

const conv: NodeRecord = { id: 'c', kind: 'conv', label: '', x: 100, y: 50, units: 8, activation: 'relu', conv: { filters: 8, kernelSize: 3, stride: 1, padding: 'same' } };
const pool: NodeRecord = { id: 'p', kind: 'pool', label: '', x: 0, y: 0, units: 8, activation: 'linear', pool: { mode: 'max', poolSize: 2, stride: 2 } };

describe('conv and pool fields', () => {
  it('turn typed values into patches; a conv’s units follow its filters', () => {
    expect(convPatch(conv, 'filters', '16')).toEqual({ patch: { conv: { ...conv.conv, filters: 16 }, units: 16 }, error: null });
    expect(convPatch(conv, 'kernelSize', '5').patch).toEqual({ conv: { ...conv.conv, kernelSize: 5 } });
    expect(convPatch(conv, 'padding', 'valid').patch).toEqual({ conv: { ...conv.conv, padding: 'valid' } });
    expect(convPatch(conv, 'stride', '1')).toEqual({ patch: null, error: null });
    expect(poolPatch(pool, 'mode', 'avg').patch).toEqual({ pool: { ...pool.pool, mode: 'avg' } });
    expect(poolPatch(pool, 'poolStride', '1').patch).toEqual({ pool: { ...pool.pool, stride: 1 } });
  });

  it('refuse values out of the document’s bounds with the bounds in words', () => {
    expect(convPatch(conv, 'kernelSize', '16')).toEqual({ patch: null, error: 'a whole number, 1–15' });
    expect(convPatch(conv, 'stride', '0').error).toBe('a whole number, 1–8');
    expect(convPatch(conv, 'filters', '2.5').error).toBe('a whole number, 1–256');
    expect(convPatch(conv, 'filters', '').error).toBe('a whole number, 1–256');
    expect(convPatch(conv, 'padding', 'full').error).toBe('same or valid');
    expect(poolPatch(pool, 'poolSize', '9').error).toBe('a whole number, 1–8');
    expect(poolPatch(pool, 'mode', 'min').error).toBe('max or average');
  });
});

describe('feature-map tiles', () => {
  it('sit in the unit squares of a stack, in a grid inside a block, and one large tile for one channel', () => {
    expect(mapTiles(conv, 8)).toHaveLength(8);
    expect(mapTiles(conv, 8)[1]).toEqual({ x: 10, y: 48, width: 36, height: 36 });
    const block = { ...conv, units: 16 };
    const grid = mapTiles(block, 16);
    expect(grid).toHaveLength(16);
    expect(grid[1].x - grid[0].x).toBe(26);
    expect(mapTiles({ ...conv, units: 784 }, 1)).toEqual([{ x: 4, y: 8, width: 48, height: 48 }]);
  });

  it('find the channel under a world point', () => {
    expect(tileAt(conv, 8, { x: 128, y: 50 + 44 + 22 })).toBe(1);
    expect(tileAt(conv, 8, { x: 101, y: 52 })).toBe(-1);
  });
});
