import { it } from 'vitest';
import { compile } from '/work/main/workers/engine';
import { toSpec } from '/work/main/src/lib/model/spec';
import { buildStack } from '/work/main/src/lib/model/build';
import { buildSteps } from '/work/main/src/lib/views/learn/backprop-steps';
it('time', () => {
  const doc = buildStack({ inputs: [{ label: 'p', features: Array.from({ length: 784 }, (_, k) => ({ op: 'id' as const, a: k })) }], hidden: [{ units: 512, activation: 'relu' }], output: { units: 10, activation: 'softmax' } });
  const p = compile(toSpec(doc));
  const L = p.layout;
  const params = new Float32Array(L.paramCount).map(() => Math.random() - 0.5);
  const u = L.unitCount;
  const tr = { z: new Float32Array(u).map(Math.random), a: new Float32Array(u).map(Math.random), dz: new Float32Array(u).map(Math.random), da: new Float32Array(u), grads: new Float32Array(L.paramCount), loss: 1 };
  const t = performance.now();
  const steps = buildSteps(doc, L, params, tr);
  console.log('steps', steps.length, 'ms', performance.now() - t);
});
