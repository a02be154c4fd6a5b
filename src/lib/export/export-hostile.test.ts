/**
 * Names from a shared link or a CSV header written into the Keras export must stay text. Debian's python3
 * parses every exported script (ast + tokenize): each must have exactly the statements, syntax tree shape,
 * comments and lines of the same export with clean names, and the hostile model name must read back as
 * the very same string. (.ci/run installs python3 on a fresh machine.) The TF.js model.json carries the
 * names as JSON data: layer names are identifiers, and the file reads back as the object written.
 */
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../../workers/engine';
import { toSpec } from '../model/spec';
import { readableParams, SKIP_DAG, type TestNetwork } from './__fixtures__/networks';
import type { ParamLayout } from '../../../workers/protocol';
import type { NetworkDoc } from '../model/document';
import { kerasCode } from './keras';
import { numpyCode } from './numpy';
import { pytorchCode } from './pytorch';
import { tfjsModel } from './tfjs';

const HOSTILE = [
  'x\nimport os; os.system("echo PWNED-FROM-COLUMN")',
  'x\rimport os',
  'x\r\nimport os',
  'x\u2028import os',
  'x\u2029import os',
  'x\u0085import os',
  'x\u000bimport os\u000c',
  '"); import os; print("',
  "'); import os; print('",
  '"""\nimport os\n"""',
  "'''\nimport os\n'''",
  'back\\slash',
  'ends with a backslash\\',
  '\\N{DIGIT ONE}\\x41\\u0042',
  '# not a comment\nprint(1)',
  'nul\u0000byte',
  '\u202eevil bidi\u202c and \u2066isolate\u2069',
  'lone \ud800 surrogate',
  'emoji 😀 and é',
  'x' + '\n'.repeat(50) + 'y',
  ' ',
  ''
];

/** Reads each script and reports its structure as JSON; a SyntaxError is reported, not raised. */
const PYTHON = String.raw`
import ast, io, json, sys, tokenize
out = []
for src in json.load(sys.stdin):
    try:
        tree = ast.parse(src)
        comments = sum(1 for t in tokenize.generate_tokens(io.StringIO(src).readline) if t.type == tokenize.COMMENT)
    except (SyntaxError, tokenize.TokenError, ValueError) as error:
        out.append({"error": str(error)})
        continue
    out.append({
        "top": [type(s).__name__ for s in tree.body],
        "shape": [type(n).__name__ for n in ast.walk(tree)],
        "comments": comments,
        "lines": len(src.splitlines()),
        "strings": [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)],
    })
json.dump(out, sys.stdout)
`;

interface PythonView {
  error?: string;
  top: string[];
  shape: string[];
  comments: number;
  lines: number;
  strings: string[];
}

function exportWith(name: string): string {
  const net: TestNetwork = {
    ...SKIP_DAG,
    doc: { ...SKIP_DAG.doc, nodes: SKIP_DAG.doc.nodes.map((n) => ({ ...n, label: `${name}${n.label}` })) }
  };
  const layout = compile(toSpec(net.doc)).layout;
  return kerasCode(net.doc, layout, readableParams(layout), {
    settings: net.settings,
    // Two columns (the short docstring list) and ten (the "first three, …, last" form).
    columns: name.length % 2 === 0 ? [name, `${name}2`] : Array.from({ length: 10 }, (_, i) => `${name}${i}`),
    modelName: name
  });
}

function readWithPython(scripts: string[]): PythonView[] {
  const run = spawnSync('python3', ['-c', PYTHON], { input: JSON.stringify(scripts), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw new Error(`python3 could not be started (${run.error.message}); install it (apt-get install python3)`);
  if (run.status !== 0) throw new Error(`python3 failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as PythonView[];
}

describe('Keras export with hostile names', () => {
  let clean: { even: PythonView; odd: PythonView };
  let views: PythonView[];

  beforeAll(() => {
    const [even, odd, ...rest] = readWithPython([exportWith('ab'), exportWith('abc'), ...HOSTILE.map(exportWith)]);
    clean = { even, odd };
    views = rest;
  });

  it('reads the clean exports (the yardstick)', () => {
    expect(clean.even.error).toBeUndefined();
    expect(clean.even.top.filter((t) => t === 'Import' || t === 'ImportFrom')).toHaveLength(4);
    expect(clean.odd.comments).toBeGreaterThan(5);
  });

  /** The name as ASCII, so the test list shows where its line breaks and hidden characters are. */
  const shown = (name: string) => JSON.stringify(name).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

  it.each(HOSTILE.map((name, i) => [shown(name), i] as const))('%s stays text', (_shown, i) => {
    const view = views[i];
    const yardstick = HOSTILE[i].length % 2 === 0 ? clean.even : clean.odd;
    expect(view.error).toBeUndefined();
    expect(view.top).toEqual(yardstick.top);
    expect(view.shape).toEqual(yardstick.shape);
    expect(view.comments).toBe(yardstick.comments);
    expect(view.lines).toBe(yardstick.lines);
    // The model name is the one place the text is kept whole: as a string literal that reads back exactly.
    expect(view.strings).toContain(HOSTILE[i]);
  });
});

describe('TF.js export with hostile names', () => {
  it.each(HOSTILE.map((name, i) => [i] as const))('hostile name %i: layer names are identifiers and the JSON reads back whole', (i) => {
    const name = HOSTILE[i];
    const doc = { ...SKIP_DAG.doc, nodes: SKIP_DAG.doc.nodes.map((n) => ({ ...n, label: `${name}${n.label}` })) };
    const layout = compile(toSpec(doc)).layout;
    const { modelJson } = tfjsModel(doc, layout, readableParams(layout), { modelName: name });
    const config = modelJson.modelTopology.config as { name: string; layers: { name: string }[] };
    for (const layer of config.layers) expect(layer.name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
    for (const weight of modelJson.weightsManifest[0].weights) expect(weight.name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*\/[a-z]+$/);
    const text = JSON.stringify(modelJson);
    expect(JSON.parse(text)).toEqual(modelJson);
    expect(config.name).toBe(name);
  });
});

describe.each([
  ['NumPy', (doc: NetworkDoc, layout: ParamLayout, columns: string[]) => numpyCode(doc, layout, readableParams(layout), { columns })],
  ['PyTorch', (doc: NetworkDoc, layout: ParamLayout, columns: string[]) => pytorchCode(doc, layout, readableParams(layout), { settings: SKIP_DAG.settings, columns })]
] as const)('%s export with hostile names', (_format, write) => {
  const exportOf = (name: string) => {
    const doc = { ...SKIP_DAG.doc, nodes: SKIP_DAG.doc.nodes.map((n) => ({ ...n, label: `${name}${n.label}` })) };
    const columns = name.length % 2 === 0 ? [name, `${name}2`] : Array.from({ length: 10 }, (_, i) => `${name}${i}`);
    return write(doc, compile(toSpec(doc)).layout, columns);
  };

  it('every hostile label and column name leaves the script with the structure of a clean one', () => {
    const [even, odd, ...views] = readWithPython([exportOf('ab'), exportOf('abc'), ...HOSTILE.map(exportOf)]);
    expect(even.error).toBeUndefined();
    views.forEach((view, i) => {
      const yardstick = HOSTILE[i].length % 2 === 0 ? even : odd;
      expect(view.error, JSON.stringify(HOSTILE[i])).toBeUndefined();
      expect([view.top, view.shape, view.comments, view.lines], JSON.stringify(HOSTILE[i])).toEqual([yardstick.top, yardstick.shape, yardstick.comments, yardstick.lines]);
    });
  });
});
