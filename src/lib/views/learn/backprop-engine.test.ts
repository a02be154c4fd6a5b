/**
 * The step-through's own arithmetic against the engine's trace for real networks: every z, a,
 * dz, da and every parameter gradient must agree (the engine works in float32).
 */
import { describe, expect, it } from 'vitest';
import type { DataTable, TrainSettings } from '../../../../workers/protocol';
import { compile, Trainer } from '../../../../workers/engine';
import { createRng } from '../../../../workers/engine';
import type { NetworkDoc } from '../../model/document';
import { DEFAULT_SETTINGS } from '../../model/playground';
import { toSpec } from '../../model/spec';
import { agrees, buildSteps, stepsProblem, type BackwardStep, type ForwardStep, type UpdateStep } from './backprop-steps';

function table(count: number, classes: number): DataTable {
  const rng = createRng(7);
  const x = new Float32Array(count * 2);
  const y = new Float32Array(count);
  for (let s = 0; s < count; s++) {
    x[2 * s] = rng.uniform(-2, 2);
    x[2 * s + 1] = rng.uniform(-2, 2);
    y[s] = s % classes;
  }
  return {
    count,
    columns: ['x1', 'x2'],
    x,
    y,
    classes: Array.from({ length: classes }, (_, k) => `c${k}`),
    targetColumns: [],
    isTest: new Uint8Array(count)
  };
}

function node(id: string, kind: 'input' | 'dense' | 'output', units: number, activation: NetworkDoc['nodes'][number]['activation']) {
  return {
    id,
    kind,
    label: id,
    x: 0,
    y: 0,
    units,
    activation,
    ...(kind === 'input' ? { features: [{ op: 'id' as const, a: 0 }, { op: 'id' as const, a: 1 }] } : {})
  };
}

function check(doc: NetworkDoc, settings: TrainSettings, classes: number, trainSteps: number) {
  const program = compile(toSpec(doc));
  const trainer = new Trainer(program, table(24, classes), settings);
  // train a little so the weights are not just the initial ones
  trainer.train(trainSteps);
  for (const sample of [0, 5, 13]) {
    const trace = trainer.trace(sample);
    const params = trainer.params.slice();
    expect(stepsProblem(doc, program.layout, params, trace)).toBeNull();
    const steps = buildSteps(doc, program.layout, params, trace);
    let compared = 0;
    for (const s of steps) {
      if (s.kind === 'forward') {
        const f = s as ForwardStep;
        expect(agrees(f.z, f.engineZ), `z ${f.unitId}: ${f.z} vs ${f.engineZ}`).toBe(true);
        expect(agrees(f.a, f.engineA), `a ${f.unitId}: ${f.a} vs ${f.engineA}`).toBe(true);
        compared += 2;
      } else if (s.kind === 'backward') {
        const b = s as BackwardStep;
        expect(agrees(b.dz, b.engineDz), `dz ${b.unitId}: ${b.dz} vs ${b.engineDz}`).toBe(true);
        if (!b.fromLoss) expect(agrees(b.da, b.engineDa), `da ${b.unitId}: ${b.da} vs ${b.engineDa}`).toBe(true);
        compared += 2;
      } else if (s.kind === 'update') {
        const u = s as UpdateStep;
        expect(u.rows.length).toBe(program.layout.paramCount);
        for (const r of u.rows) {
          expect(agrees(r.grad, r.engineGrad), `${r.label}: ${r.grad} vs ${r.engineGrad}`).toBe(true);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(program.layout.paramCount);
    // not all gradients are zero, so the comparison means something
    expect(trace.grads.some((g) => Math.abs(g) > 1e-6)).toBe(true);
  }
}

describe("buildSteps agrees with the engine's trace", () => {
  it('x1, x2 → 4 tanh → 2 tanh → 1 sigmoid, binary cross-entropy', () => {
    const doc: NetworkDoc = {
      nodes: [node('in', 'input', 2, 'linear'), node('h1', 'dense', 4, 'tanh'), node('h2', 'dense', 2, 'tanh'), node('out', 'output', 1, 'sigmoid')],
      edges: [
        { id: 'a', from: 'in', to: 'h1' },
        { id: 'b', from: 'h1', to: 'h2' },
        { id: 'c', from: 'h2', to: 'out' }
      ]
    };
    check(doc, { ...DEFAULT_SETTINGS, loss: 'bce', learningRate: 0.1 }, 2, 20);
  });

  it('a skip connection, PReLU and ELU hidden groups, softmax output, categorical cross-entropy', () => {
    const doc: NetworkDoc = {
      nodes: [node('in', 'input', 2, 'linear'), node('p', 'dense', 3, 'prelu'), node('e', 'dense', 2, 'elu'), node('out', 'output', 3, 'softmax')],
      edges: [
        { id: 'a', from: 'in', to: 'p' },
        { id: 'b', from: 'p', to: 'e' },
        { id: 'c', from: 'e', to: 'out' },
        { id: 'd', from: 'in', to: 'out' }
      ]
    };
    check(doc, { ...DEFAULT_SETTINGS, loss: 'sparse_cce', learningRate: 0.05, optimizer: 'adam' }, 3, 15);
  });

  it('a linear output with mean squared error and sigmoid hidden units', () => {
    const doc: NetworkDoc = {
      nodes: [node('in', 'input', 2, 'linear'), node('h', 'dense', 3, 'sigmoid'), node('out', 'output', 1, 'linear')],
      edges: [
        { id: 'a', from: 'in', to: 'h' },
        { id: 'b', from: 'h', to: 'out' }
      ]
    };
    check(doc, { ...DEFAULT_SETTINGS, loss: 'mse' }, 2, 10);
  });
});
