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
import { CONV_NET, DENSE_STACK, PRELU_NET, readableParams, SKIP_DAG, type TestNetwork } from './__fixtures__/networks';
import { referenceRun, relativeDifference } from './__fixtures__/reference';
import { buildPlan } from './plan';
import { pytorchCode } from './pytorch';

const COUNT = 20;

function fixtureText(net: TestNetwork): string {
  const layout = compile(toSpec(net.doc)).layout;
  const classes = net.settings.loss === 'mse' ? null : Math.max(2, net.doc.nodes.find((n) => n.kind === 'output')!.units);
  return pytorchCode(net.doc, layout, readableParams(layout), { settings: net.settings, columns: net.columns, classes, targets: classes ? 1 : undefined });
}

/**
 * Finds STATE_DICT in the script, runs it with NumPy, and evaluates the layers the plan lists in NHWC
 * with keras_forward.py's conv2d / pool2d (PyTorch's [filters, in, k, k] kernels turned back to [k, k, in, filters]).
 */
const NUMPY_CHECK = `
import json, re, sys
import numpy as np
request = json.load(sys.stdin)
helpers = {"__name__": "helpers"}
exec(request["helpers"], helpers)
block = re.search(r"^STATE_DICT = \\{\\n.*?^\\}$", request["code"], re.S | re.M).group(0)
scope = {}
exec(block, scope)
state = {k: np.array(v, dtype=np.float64) for k, v in scope["STATE_DICT"].items()}
values = {name: np.array(x, dtype=np.float64) for name, x in zip(request["inputs"], request["values"])}
for layer in request["layers"]:
    kind, name = layer["kind"], layer["name"]
    x = np.concatenate([values[p] for p in layer["parents"]], axis=-1)
    if kind == "flatten":
        values[name] = x.reshape(x.shape[0], -1)
        continue
    if kind == "pool2d":
        values[name] = helpers["pool2d"](x, layer["size"], layer["stride"], layer["mode"])
        continue
    if kind == "conv2d":
        z = helpers["conv2d"](x, state[name + ".weight"].transpose(2, 3, 1, 0), state[name + ".bias"], layer["stride"], layer["padding"])
    else:
        z = x @ state[name + ".weight"].T + state[name + ".bias"]
    if layer["activation"] == "prelu":
        slope = state[layer["prelu"]].transpose(1, 2, 0) if kind == "conv2d" else state[layer["prelu"] + ".weight"]
        z = np.where(z >= 0, z, slope * z)
    else:
        z = helpers["activation"](layer["activation"], z)
    values[name] = z
json.dump(values[request["output"]].reshape(len(request["values"][0]), -1).tolist(), sys.stdout)
`;
const HELPERS = readFileSync(new URL('./__fixtures__/keras_forward.py', import.meta.url), 'utf8');

describe('pytorchCode', () => {
  it.each([DENSE_STACK, SKIP_DAG, PRELU_NET, CONV_NET])('$name matches its reviewed fixture and is valid Python', (net) => {
    const code = fixtureText(net);
    const file = fileURLToPath(new URL(`./__fixtures__/${net.name}.torch.py`, import.meta.url));
    if (process.env.UPDATE_FIXTURES === '1') writeFileSync(file, code);
    expect(code).toBe(readFileSync(file, 'utf8'));
    expect(runPython('import ast, sys; ast.parse(sys.stdin.read()); print("ok")', code).trim()).toBe('ok');
  });

  it.each([
    [DENSE_STACK, 41, undefined],
    [SKIP_DAG, 42, undefined],
    [PRELU_NET, 43, undefined],
    [CONV_NET, 44, undefined],
    [CONV_NET, 45, 'prelu']
  ] as const)('the state dict of $name (conv activation: $2) computes what our engine computes (NumPy)', (original, seed, convActivation) => {
    const net = structuredClone(original);
    if (convActivation) net.doc.nodes.filter((n) => n.kind === 'conv').forEach((n) => (n.activation = convActivation));
    const run = referenceRun(net, seed, COUNT, 3);
    const code = pytorchCode(net.doc, run.program.layout, run.params, { settings: net.settings, columns: net.columns });
    const plan = buildPlan(net.doc, run.program.layout, run.params);
    const images = plan.inputs.map((i) => i.image);
    const request = {
      code,
      helpers: HELPERS,
      inputs: plan.inputs.map((i) => i.name),
      values: run.inputs.map((i, k) => {
        const rows = Array.from({ length: COUNT }, (_, r) => Array.from(i.values.subarray(r * i.units, (r + 1) * i.units)));
        const image = images[k];
        // Images as nested (n, height, width, channels) lists.
        if (!image) return rows;
        return rows.map((row) =>
          Array.from({ length: image.height }, (_, y) => Array.from({ length: image.width }, (_, x) => row.slice((y * image.width + x) * image.channels, (y * image.width + x + 1) * image.channels)))
        );
      }),
      layers: plan.layers.map((l) => ({
        kind: l.layer?.type ?? 'dense',
        name: l.name,
        parents: l.parents,
        activation: l.activation,
        prelu: l.activationName,
        stride: l.layer && l.layer.type !== 'flatten' ? l.layer.stride : 1,
        padding: l.layer?.type === 'conv2d' ? l.layer.padding : 'valid',
        size: l.layer?.type === 'pool2d' ? l.layer.poolSize : 0,
        mode: l.layer?.type === 'pool2d' ? l.layer.mode : ''
      })),
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
