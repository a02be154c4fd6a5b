/**
 * Pieces of generated Python shared by the Keras, NumPy and PyTorch exports: float32 literals, NumPy array
 * literals, and make_inputs(), which computes each input node's features from the raw data columns.
 */
import { featureText, type ExportPlan, type InputPlan } from './plan';
import { pyCommentText, pyDocstringText } from './python-text';

/** Shortest text that reads back as the same float32 (9 significant digits always do). */
export function pyFloat(value: number): string {
  if (Number.isNaN(value)) return 'np.nan';
  if (!Number.isFinite(value)) return value > 0 ? 'np.inf' : '-np.inf';
  const f = Math.fround(value);
  for (let digits = 1; digits <= 9; digits++) {
    const text = f.toPrecision(digits);
    if (Math.fround(Number(text)) === f) return normaliseNumber(Number(text));
  }
  return normaliseNumber(Number(f.toPrecision(9)));
}

function normaliseNumber(n: number): string {
  if (Object.is(n, -0)) return '-0.0';
  const text = String(n);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/** A 1-D or 2-D float32 array literal, one kernel row per line. */
export function npArray(values: Float32Array, rows: number, cols: number, indent: string): string {
  if (rows === 0) return `np.array(${pyFloat(values[0])}, dtype="float32")`;
  const row = (r: number) => `[${Array.from(values.subarray(r * cols, (r + 1) * cols), pyFloat).join(', ')}]`;
  if (rows === 1) return `np.array(${row(0)}, dtype="float32")`;
  const lines = Array.from({ length: rows }, (_, r) => `${indent}    ${row(r)},`);
  return `np.array([\n${lines.join('\n')}\n${indent}], dtype="float32")`;
}

/** The features of an input as comment text: column names come from the data, so the text is flattened to one line. */
export function summariseFeatures(input: InputPlan, columns: string[]): string {
  if (input.image) return `images of ${input.image.height}×${input.image.width} pixels, ${input.image.channels} channel(s), from the first ${input.units} columns`;
  const texts = input.features.map((f) => featureText(f, columns));
  return pyCommentText(texts.length <= 8 ? texts.join(', ') : `${texts.slice(0, 3).join(', ')}, …, ${texts.at(-1)} (${texts.length} features)`);
}

/** numpy code computing one input's features from `raw`; a run of plain columns becomes one slice. */
export function featureCode(input: InputPlan): string {
  if (input.image) {
    const { height, width, channels } = input.image;
    return `raw[:, 0:${input.units}].reshape(-1, ${height}, ${width}, ${channels})`;
  }
  const f = input.features;
  const consecutive = f.length > 1 && f.every((x, i) => x.op === 'id' && x.a === f[0].a + i);
  if (consecutive) return `raw[:, ${f[0].a}:${f[0].a + f.length}]`;
  const parts = f.map((x) => {
    switch (x.op) {
      case 'id':
        return `raw[:, ${x.a}]`;
      case 'square':
        return `raw[:, ${x.a}] ** 2`;
      case 'sin':
        return `np.sin(raw[:, ${x.a}])`;
      case 'product':
        return `raw[:, ${x.a}] * raw[:, ${x.b ?? x.a}]`;
    }
  });
  return `np.stack([${parts.join(', ')}], axis=1)`;
}

/** The make_inputs(raw) function: one array per input node (one array alone when there is one input). */
export function makeInputsCode(plan: ExportPlan, columns: string[], returns = 'what model.predict takes'): string[] {
  const lines: string[] = [];
  const shown = columns.length <= 8 ? columns.join(', ') : `${columns.slice(0, 3).join(', ')}, …, ${columns.at(-1)}`;
  lines.push('def make_inputs(raw):');
  lines.push(`    """raw: an array of shape (n, ${columns.length}) with the columns ${pyDocstringText(shown, 400)}. Returns ${returns}."""`);
  lines.push('    raw = np.asarray(raw, dtype="float32")');
  if (plan.inputs.length === 1) {
    lines.push(`    return ${featureCode(plan.inputs[0])}.astype("float32")`);
  } else {
    lines.push('    return [');
    for (const input of plan.inputs) lines.push(`        ${featureCode(input)}.astype("float32"),  # ${input.name}`);
    lines.push('    ]');
  }
  return lines;
}
