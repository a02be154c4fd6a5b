/**
 * PyTorch is not installed here, so the script's text is compared with reviewed files
 * (__fixtures__/*.torch.py; UPDATE_FIXTURES=1 rewrites them: review the diff before keeping it), Python
 * parses it, and its STATE_DICT is checked numerically: NumPy runs the forward pass with the dict's
 * weights (nn.Linear's [out, in] layout) and matches our engine within 1e-5.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile } from '../../../workers/engine';
import { toSpec } from '../model/spec';
import { runPython } from '../testing/python';
import { DENSE_STACK, PRELU_NET, readableParams, SKIP_DAG, type TestNetwork } from './__fixtures__/networks';
import { referenceRun, relativeDifference } from './__fixtures__/reference';
import { buildPlan } from './plan';
import { pytorchCode } from './pytorch';

const COUNT = 20;

function fixtureText(net: TestNetwork): string {
  const layout = compile(toSpec(net.doc)).layout;
  const classes = net.settings.loss === 'mse' ? null : Math.max(2, net.doc.nodes.find((n) => n.kind === 'output')!.units);
  return pytorchCode(net.doc, layout, readableParams(layout), { settings: net.settings, columns: net.columns, classes, targets: classes ? 1 : undefined });
}

/** Finds STATE_DICT in the script, runs it with NumPy, and evaluates the layers the plan lists. */
const NUMPY_CHECK = `
import json, re, sys
import numpy as np
request = json.load(sys.stdin)
block = re.search(r"^STATE_DICT = \\{\\n.*?^\\}$", request["code"], re.S | re.M).group(0)
scope = {}
exec(block, scope)
state = {k: np.array(v, dtype=np.float32) for k, v in scope["STATE_DICT"].items()}
acts = {
    "linear": lambda z: z, "tanh": np.tanh, "relu": lambda z: np.maximum(z, 0),
    "sigmoid": lambda z: 1 / (1 + np.exp(-z)), "elu": lambda z: np.where(z > 0, z, np.expm1(np.minimum(z, 0))),
    "leaky_relu": lambda z: np.where(z >= 0, z, 0.01 * z),
    "softmax": lambda z: np.exp(z - z.max(1, keepdims=True)) / np.exp(z - z.max(1, keepdims=True)).sum(1, keepdims=True),
}
values = {name: np.array(x, dtype=np.float32) for name, x in zip(request["inputs"], request["values"])}
for layer in request["layers"]:
    x = np.concatenate([values[p] for p in layer["parents"]], axis=1)
    z = x @ state[layer["name"] + ".weight"].T + state[layer["name"] + ".bias"]
    if layer["activation"] == "prelu":
        z = np.where(z >= 0, z, state[layer["prelu"] + ".weight"] * z)
    else:
        z = acts[layer["activation"]](z)
    values[layer["name"]] = z
json.dump(values[request["output"]].tolist(), sys.stdout)
`;

describe('pytorchCode', () => {
  it.each([DENSE_STACK, SKIP_DAG, PRELU_NET])('$name matches its reviewed fixture and is valid Python', (net) => {
    const code = fixtureText(net);
    const file = fileURLToPath(new URL(`./__fixtures__/${net.name}.torch.py`, import.meta.url));
    if (process.env.UPDATE_FIXTURES === '1') writeFileSync(file, code);
    expect(code).toBe(readFileSync(file, 'utf8'));
    expect(runPython('import ast, sys; ast.parse(sys.stdin.read()); print("ok")', code).trim()).toBe('ok');
  });

  it.each([
    [DENSE_STACK, 41],
    [SKIP_DAG, 42],
    [PRELU_NET, 43]
  ] as const)('the state dict of $name computes what our engine computes (NumPy)', (net, seed) => {
    const run = referenceRun(net, seed, COUNT);
    const code = pytorchCode(net.doc, run.program.layout, run.params, { settings: net.settings, columns: net.columns });
    const plan = buildPlan(net.doc, run.program.layout, run.params);
    const request = {
      code,
      inputs: plan.inputs.map((i) => i.name),
      values: run.inputs.map((i) => Array.from({ length: COUNT }, (_, r) => Array.from(i.values.subarray(r * i.units, (r + 1) * i.units)))),
      layers: plan.layers.map((l) => ({ name: l.name, parents: l.parents, activation: l.activation, prelu: l.activationName })),
      output: plan.output.name
    };
    const theirs = (JSON.parse(runPython(NUMPY_CHECK, JSON.stringify(request))) as number[][]).flat();
    expect(theirs).toHaveLength(run.ours.length);
    expect(relativeDifference(run.ours, theirs)).toBeLessThan(1e-5);
  });

  it('carries the optimizer, loss, penalties and batch size of the playground', () => {
    const code = fixtureText(SKIP_DAG);
    expect(code).toContain('optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)');
    expect(code).toContain('    return ((y - t) ** 2).mean()');
    expect(code).toContain('penalty = penalty + 0.011 * (model.h.weight ** 2).sum()');
    expect(code).toContain(`BATCH_SIZE = ${SKIP_DAG.settings.batchSize}`);
  });
});
