import { describe, expect, it } from 'vitest';
import type { DataTable, GroupSpec, NetworkSpec } from '../protocol';
import { compile } from './compile';
import { evalCapacity } from './evaluation';
import { activationBytes, MAX_ACTIVATION_BYTES, memoryMessage, WARN_ACTIVATION_BYTES } from './memory';
import { DEFAULT_SETTINGS } from './settings';
import { Trainer } from './trainer';
import { createWorkspace, type Workspace } from './workspace';

const image = (side: number): GroupSpec => ({ id: 'x', kind: 'input', units: 0, activation: 'linear', image: { height: side, width: side, channels: 1 } });
const conv = (id: string, filters: number, extra: Partial<GroupSpec> = {}): GroupSpec => ({
  id,
  kind: 'hidden',
  units: 0,
  activation: 'relu',
  layer: { type: 'conv2d', filters, kernelSize: 3, stride: 1, padding: 'same' },
  ...extra
});
const chain = (...groups: GroupSpec[]): NetworkSpec => ({ groups, edges: groups.slice(1).map((g, i) => ({ from: groups[i].id, to: g.id })) });
const tail: GroupSpec[] = [
  { id: 'p', kind: 'hidden', units: 0, activation: 'linear', layer: { type: 'pool2d', mode: 'max', poolSize: 2, stride: 2 } },
  { id: 'f', kind: 'hidden', units: 0, activation: 'linear', layer: { type: 'flatten' } },
  { id: 'out', kind: 'output', units: 10, activation: 'softmax' }
];

/** Bytes the workspace really holds (each distinct buffer once). */
function held(ws: Workspace): number {
  const seen = new Set<ArrayBufferLike>();
  let bytes = 0;
  const add = (v: { buffer: ArrayBufferLike; byteLength: number } | null) => {
    if (v && !seen.has(v.buffer)) {
      seen.add(v.buffer);
      bytes += v.byteLength;
    }
  };
  for (const list of [ws.z, ws.a, ws.da, ws.dz, ws.dropped, ws.mask, ws.argmax]) list.forEach(add);
  add(ws.col);
  add(ws.dcol);
  return bytes;
}

describe('memory of a network’s buffers', () => {
  it('estimates what the training and evaluation workspaces allocate (within 2 %)', () => {
    for (const [spec, batch] of [
      [chain(image(24), conv('c1', 8), ...tail), 20],
      [chain(image(28), conv('c1', 16, { dropout: 0.25 }), conv('c2', 8), ...tail), 64],
      [chain(image(12), conv('c1', 4), ...tail), 1]
    ] as const) {
      const program = compile(spec);
      const real = held(createWorkspace(program, batch)) + held(createWorkspace(program, evalCapacity(program), Float32Array, { backward: false }));
      const estimate = activationBytes(spec, batch);
      // The estimate leaves out the target and per-sample loss rows (a few values per sample).
      expect(Math.abs(estimate - real) / real).toBeLessThan(0.02);
    }
  });

  it('warns for 64 filters on 28×28 with batch 256 and refuses two such layers, saying the memory needed', () => {
    const one = chain(image(28), conv('c1', 64), ...tail);
    expect(activationBytes(one, 256)).toBeGreaterThan(WARN_ACTIVATION_BYTES);
    expect(memoryMessage(one, 256)).toEqual({ level: 'warn', message: expect.stringMatching(/^This network needs about [\d,]+ MB of memory for a batch of 256/) });
    expect(memoryMessage(one, 32)).toBeNull();
    const two = chain(image(28), conv('c1', 64), conv('c2', 64), ...tail);
    const verdict = memoryMessage(two, 256);
    expect(verdict?.level).toBe('refuse');
    expect(verdict?.message).toContain(`the limit is ${MAX_ACTIVATION_BYTES / 1024 / 1024} MB`);
  });

  it('the Trainer refuses such a batch before allocating, and a setting that would need it', () => {
    const two = compile(chain(image(28), conv('c1', 64), conv('c2', 64), ...tail));
    const count = 300;
    const table: DataTable = {
      count,
      columns: Array.from({ length: 784 }, (_, i) => `p${i}`),
      x: new Float32Array(0),
      pixels: new Uint8Array(count * 784),
      pixelScale: 1 / 255,
      y: Float32Array.from({ length: count }, (_, i) => i % 10),
      classes: Array.from({ length: 10 }, (_, i) => String(i)),
      targetColumns: [],
      isTest: new Uint8Array(count)
    };
    expect(() => new Trainer(two, table, { ...DEFAULT_SETTINGS, batchSize: 256, loss: 'cce' })).toThrow(/needs about [\d,]+ MB of memory for a batch of 256/);
    const trainer = new Trainer(two, table, { ...DEFAULT_SETTINGS, batchSize: 16, loss: 'cce' });
    expect(() => trainer.setSettings({ batchSize: 0 })).toThrow(/for a batch of 300/);
    expect(trainer.getSettings().batchSize).toBe(16);
  });
});
