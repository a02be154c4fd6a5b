/**
 * The NumPy export runs: Python executes the generated script, calls predict() on 20 raw points (so its
 * make_inputs() features are checked too) and the outputs match our engine's within 1e-5.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../../workers/engine';
import { toSpec } from '../model/spec';
import { runPython } from '../testing/python';
import { CONV_NET, DENSE_STACK, PRELU_NET, SKIP_DAG, type TestNetwork } from './__fixtures__/networks';
import { referenceRun, relativeDifference } from './__fixtures__/reference';
import { numpyCode } from './numpy';

const COUNT = 20;

/** Runs `code` as a module and prints predict(points) as JSON; the script is passed as text, never as a file name. */
const RUNNER = `
import json, sys
request = json.load(sys.stdin)
scope = {"__name__": "axon_export"}
exec(compile(request["code"], "export.py", "exec"), scope)
out = scope["predict"](request["points"])
json.dump(out.tolist(), sys.stdout)
`;

function runNumpy(code: string, points: Float32Array, columns: number): number[] {
  const rows = Array.from({ length: points.length / columns }, (_, r) => Array.from(points.subarray(r * columns, (r + 1) * columns)));
  return (JSON.parse(runPython(RUNNER, JSON.stringify({ code, points: rows }))) as number[][]).flat();
}

function check(net: TestNetwork, seed: number, activation?: TestNetwork['doc']['nodes'][number]['activation'], trainSteps = 0) {
  const changed = structuredClone(net);
  if (activation) changed.doc.nodes.filter((n) => n.kind === 'dense' || n.kind === 'conv').forEach((n) => (n.activation = activation));
  const run = referenceRun(changed, seed, COUNT, trainSteps);
  const code = numpyCode(changed.doc, run.program.layout, run.params, { columns: changed.columns });
  const theirs = runNumpy(code, run.points, changed.columns.length);
  return { run, theirs, code };
}

describe('numpyCode, executed by Python with NumPy', () => {
  it('a Dense stack predicts what our engine predicts', () => {
    const { run, theirs, code } = check(DENSE_STACK, 21);
    expect(code).toContain('class Dense:');
    expect(code).toContain('        self.h1 = Dense(');
    expect(theirs).toHaveLength(COUNT);
    expect(relativeDifference(run.ours, theirs)).toBeLessThan(1e-5);
  });

  it('a DAG with a skip connection, two inputs and computed features predicts what our engine predicts', () => {
    const { run, theirs, code } = check(SKIP_DAG, 22);
    expect(code).toContain('        y = self.y.forward(np.concatenate([h, x], axis=1))');
    expect(relativeDifference(run.ours, theirs)).toBeLessThan(1e-5);
  });

  it('a PReLU net with dropout, ELU and softmax predicts what our engine predicts', () => {
    const { run, theirs } = check(PRELU_NET, 23);
    expect(theirs).toHaveLength(COUNT * 3);
    expect(relativeDifference(run.ours, theirs)).toBeLessThan(1e-5);
  });

  it('a trained conv net predicts what our engine predicts on 20 images', () => {
    const { run, theirs, code } = check(CONV_NET, 25, undefined, 5);
    expect(code).toContain('class Conv2D:');
    expect(code).toContain('        self.pool_2 = Pool2D("avg", size=2, stride=1)');
    expect(theirs).toHaveLength(COUNT * 3);
    expect(relativeDifference(run.ours, theirs)).toBeLessThan(1e-5);
  });

  it('a conv net with PReLU convolutions predicts what our engine predicts', () => {
    const { run, theirs } = check(CONV_NET, 26, 'prelu');
    expect(relativeDifference(run.ours, theirs)).toBeLessThan(1e-5);
  });

  it.each(['step', 'arctan', 'sigmoid', 'relu', 'softplus', 'linear'] as const)('hidden %s layers compute what ours compute', (activation) => {
    const { run, theirs } = check(DENSE_STACK, 24, activation);
    expect(relativeDifference(run.ours, theirs)).toBeLessThan(1e-5);
  });

  it('defines only the activations the network uses', () => {
    const layout = compile(toSpec(DENSE_STACK.doc)).layout;
    const code = numpyCode(DENSE_STACK.doc, layout, new Float32Array(layout.paramCount));
    expect(code).toContain('def tanh(z):');
    expect(code).not.toContain('def softmax(z):');
  });
});
