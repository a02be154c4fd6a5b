/**
 * Python with TensorFlow is not available here, so the generated code is compared with reviewed expected
 * files (__fixtures__/*.py, read line by line when written), and its layer list and parameter counts are
 * checked against the engine's layout. UPDATE_FIXTURES=1 rewrites the files; review the diff before keeping it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile } from '../../../workers/engine';
import { toSpec } from '../model/spec';
import { CONV_NET, DENSE_STACK, PRELU_NET, readableParams, SKIP_DAG, type TestNetwork } from './__fixtures__/networks';
import { kerasCode, pyFloat } from './keras';
import { identifier } from './plan';

function generate(net: TestNetwork) {
  const layout = compile(toSpec(net.doc)).layout;
  const params = readableParams(layout);
  return { layout, params, code: kerasCode(net.doc, layout, params, { settings: net.settings, columns: net.columns }) };
}

/** Keras parameter counts read back from the generated code: Dense(n) on k inputs has k·n + n, PReLU n. */
function countParams(code: string, widths: Map<string, number>): { layers: string[]; total: number } {
  const layers: string[] = [];
  let total = 0;
  for (const line of code.split('\n')) {
    const input = line.match(/^(\w+) = keras\.Input\(shape=\((\d+),\)/);
    if (input) {
      widths.set(input[1], Number(input[2]));
      layers.push(`Input ${input[2]}`);
      continue;
    }
    const concat = line.match(/^(\w+) = layers\.Concatenate\(.*\)\(\[(.*)\]\)$/);
    if (concat) {
      widths.set(concat[1], concat[2].split(', ').reduce((s, p) => s + widths.get(p)!, 0));
      layers.push(`Concatenate ${concat[2]}`);
      continue;
    }
    const denseLine = line.match(/^(\w+) = layers\.Dense\((\d+).*\)\((\w+)\)$/);
    if (denseLine) {
      const units = Number(denseLine[2]);
      total += widths.get(denseLine[3])! * units + units;
      widths.set(denseLine[1], units);
      layers.push(`Dense ${units}`);
      continue;
    }
    const other = line.match(/^(\w+) = layers\.(\w+)\(/);
    if (other) {
      if (other[2] === 'PReLU') total += widths.get(other[1])!;
      layers.push(other[2]);
    }
  }
  return { layers, total };
}

describe('kerasCode', () => {
  const cases: [TestNetwork, string[]][] = [
    [DENSE_STACK, ['Input 2', 'Dense 3', 'Dense 2', 'Dense 1']],
    [SKIP_DAG, ['Input 2', 'Input 3', 'Concatenate x, squares', 'Dense 2', 'LeakyReLU', 'Concatenate h, x', 'Dense 1']],
    [PRELU_NET, ['Input 3', 'Dense 3', 'PReLU', 'Dropout', 'Dense 2', 'Dense 3']]
  ];

  it.each(cases)('$name: the layer list and parameter counts match the engine', (net, expectedLayers) => {
    const { layout, code } = generate(net);
    const { layers, total } = countParams(code, new Map());
    expect(layers).toEqual(expectedLayers);
    expect(total).toBe(layout.paramCount);
    expect(code).toContain(`model.summary()  # ${layout.paramCount} parameters`);
  });

  it('a conv net: Conv2D / pooling / Flatten layers, reshaped kernels, and the engine\'s parameter count', () => {
    const { layout, code } = generate(CONV_NET);
    expect(code).toContain('image = keras.Input(shape=(9, 9, 2), name="image")');
    expect(code).toContain('conv_1 = layers.Conv2D(4, 3, strides=1, padding="same", activation="relu", name="conv_1")(image)');
    expect(code).toContain('pool_2 = layers.AveragePooling2D(pool_size=2, strides=1, name="pool_2")(conv_2)');
    expect(code).toContain('flat = layers.Flatten(name="flat")(pool_2)');
    expect(code).toContain('], dtype="float32").reshape(2, 2, 4, 3),');
    expect(code).toContain('    return raw[:, 0:162].reshape(-1, 9, 9, 2).astype("float32")');
    expect(code).toContain(`model.summary()  # ${layout.paramCount} parameters`);
  });

  it.each([DENSE_STACK, SKIP_DAG, PRELU_NET, CONV_NET])('$name: matches the reviewed file', (net) => {
    const { code } = generate(net);
    const path = fileURLToPath(new URL(`./__fixtures__/${net.name}.py`, import.meta.url));
    if (process.env.UPDATE_FIXTURES === '1') writeFileSync(path, code);
    expect(code).toBe(readFileSync(path, 'utf8'));
  });

  it('stacks the kernel rows of a two-parent group in Concatenate order', () => {
    const { layout, params, code } = generate(SKIP_DAG);
    // h reads [x, squares]: rows 0–1 are the x→h block, rows 2–4 the squares→h block.
    const xh = layout.edges.find((e) => e.from === 'a' && e.to === 'c')!;
    const sh = layout.edges.find((e) => e.from === 'b' && e.to === 'c')!;
    const block = code.split('model.get_layer("h").set_weights([')[1].split('])')[0];
    const rows = [...block.matchAll(/^ {8}\[(.*)\],$/gm)].map((m) => m[1].split(', ').map(Number));
    expect(rows).toHaveLength(5);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) expect(rows[i][j]).toBe(params[xh.offset + i * 2 + j]);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 2; j++) expect(rows[2 + i][j]).toBe(params[sh.offset + i * 2 + j]);
  });

  it('writes arctan and step as layers of their own', () => {
    const doc = structuredClone(DENSE_STACK.doc);
    doc.nodes[1].activation = 'arctan';
    doc.nodes[2].activation = 'step';
    const layout = compile(toSpec(doc)).layout;
    const code = kerasCode(doc, layout, readableParams(layout));
    expect(code).toContain('h1 = layers.Dense(3, name="h1")(x)\nh1 = layers.Activation(tf.math.atan, name="h1_arctan")(h1)');
    expect(code).toContain('h2 = layers.Lambda(lambda z: tf.cast(z >= 0, z.dtype), name="h2_step")(h2)');
  });

  it('refuses weights that do not belong to the network, with a sentence', () => {
    const layout = compile(toSpec(DENSE_STACK.doc)).layout;
    expect(() => kerasCode(DENSE_STACK.doc, layout, new Float32Array(3))).toThrow(
      `The weights (3 values) do not match the network (${layout.paramCount}): train or reset it, then export.`
    );
    const changed = structuredClone(DENSE_STACK.doc);
    changed.nodes[1].units = 5;
    expect(() => kerasCode(changed, layout, readableParams(layout))).toThrow(/Node h1 is not in the compiled network/);
  });

  it('prints float32 values so that they read back exactly', () => {
    expect(pyFloat(0.1)).toBe('0.1');
    expect(pyFloat(1)).toBe('1.0');
    expect(pyFloat(-0.75)).toBe('-0.75');
    expect(pyFloat(1e-7)).toBe('1e-7');
    expect(pyFloat(Number.NaN)).toBe('np.nan');
    expect(pyFloat(-Infinity)).toBe('-np.inf');
    const value = Math.fround(0.123456789);
    expect(Math.fround(Number(pyFloat(value)))).toBe(value);
  });

  it('makes Python identifiers from labels', () => {
    expect(identifier('hidden 1')).toBe('hidden_1');
    expect(identifier('2nd layer!')).toBe('n2nd_layer');
    expect(identifier('in')).toBe('in_');
    expect(identifier('σ→')).toBe('layer');
  });
});
