/**
 * Valibot schemas for everything that arrives from outside (files, links, storage), and the checks
 * that schemas cannot express (ids unique, wires between existing nodes, no cycles).
 * Every error names its path, e.g. `doc.nodes[3].activation: unknown "relux" (expected one of linear, …)`.
 */
import * as v from 'valibot';
import { ACTIVATIONS, INITIALIZERS, LOSSES, OPTIMIZERS, scheduleProblems } from '../../../workers/engine';
import type { EpochRecord, FeatureOp, TrainSettings } from '../../../workers/protocol';
import { parseExpression } from '../data/expression';
import {
  formatLimit,
  MAX_DATA_MAGNITUDE,
  MAX_EDGES,
  MAX_EXPRESSION_CHARS,
  MAX_FILTERS,
  MAX_GROUPS,
  MAX_IMAGE_CHANNELS,
  MAX_IMAGE_SIDE,
  MAX_INPUT_UNITS,
  MAX_KERNEL_SIZE,
  MAX_POOL_SIZE,
  MAX_STRIDE,
  MAX_NAME_CHARS,
  MAX_SAVED_CURVE_EPOCHS,
  MAX_TABLE_COLUMNS,
  MAX_TABLE_ROWS,
  MAX_TABLE_VALUES
} from '../limits';
import { DEFAULT_DATA, DEFAULT_VIEW } from './defaults';
import type { NetworkDoc } from './document';
import { findCycle } from './graph';
import { formatIssues, issueMessage, show } from './issues';
import { DEFAULT_SETTINGS, GENERATORS, type DataSource, type PlaygroundState } from './playground';

export const FEATURE_OPS = ['id', 'square', 'sin', 'product'] as const satisfies readonly FeatureOp[];
export const NODE_KINDS = ['input', 'dense', 'output', 'conv', 'pool', 'flatten'] as const;
/** Units an image input may carry (its pixels): the largest image the bounds allow. */
const MAX_IMAGE_UNITS = MAX_IMAGE_SIDE * MAX_IMAGE_SIDE * MAX_IMAGE_CHANNELS;

/**
 * Hard limits that keep a hostile file from exhausting memory (named and explained in limits.ts);
 * softer limits are validate()'s job.
 */
export const LIMITS = {
  nodes: MAX_GROUPS,
  edges: MAX_EDGES,
  columns: MAX_TABLE_COLUMNS,
  tableValues: MAX_TABLE_VALUES,
  rows: MAX_TABLE_ROWS,
  points: MAX_TABLE_ROWS,
  text: MAX_NAME_CHARS
} as const;

// Re-exported: files, links and messages read errors through this module.
export { formatIssues, formatPath, issueMessage, show } from './issues';

const pick = <const T extends readonly string[]>(options: T) =>
  v.picklist(options, (issue) => `unknown ${show(issue.input)} (expected one of ${options.join(', ')})`);

interface Range {
  min?: number;
  max?: number;
  /** exclusive bounds */
  above?: number;
  below?: number;
  integer?: boolean;
}

/** A finite number within a range; every bound is optional. */
function num(range: Range = {}) {
  const checks: v.PipeItem<number, number, v.BaseIssue<unknown>>[] = [v.finite()];
  if (range.integer) checks.push(v.integer());
  if (range.min !== undefined) checks.push(v.minValue(range.min));
  if (range.max !== undefined) checks.push(v.maxValue(range.max));
  if (range.above !== undefined) checks.push(v.gtValue(range.above));
  if (range.below !== undefined) checks.push(v.ltValue(range.below));
  return v.pipe(v.number(), ...checks);
}
const int = (min: number, max: number) => num({ integer: true, min, max });
const text = (max: number = LIMITS.text) => v.pipe(v.string(), v.maxLength(max));
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));

/** A data value: finite and within ±MAX_DATA_MAGNITUDE, so float32 training and standardising stay finite. */
const dataValue = v.pipe(
  v.number(),
  v.finite(),
  v.check((x) => Math.abs(x) <= MAX_DATA_MAGNITUDE, (issue) => `${show(issue.input)} is beyond the limit of ±${formatLimit(MAX_DATA_MAGNITUDE)} for data values`)
);

/** The y = f(x) of the 'function' generator: it must parse here, so no later step meets an expression it cannot read. */
const expression = v.pipe(
  text(MAX_EXPRESSION_CHARS),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const parsed = parseExpression(dataset.value);
    if (!parsed.ok) addIssue({ message: `the function ${show(dataset.value)} does not parse: ${parsed.error}` });
  })
);

export const FeatureSchema = v.pipe(
  v.object({ op: pick(FEATURE_OPS), a: int(0, LIMITS.columns - 1), b: v.optional(int(0, LIMITS.columns - 1)) }),
  v.check((f) => f.op !== 'product' || f.b !== undefined, 'a product feature needs a second column "b"')
);

export const NodeSchema = v.object({
  id,
  kind: pick(NODE_KINDS),
  label: text(),
  x: num({ min: -1e7, max: 1e7 }),
  y: num({ min: -1e7, max: 1e7 }),
  // Zero units passes here and is explained by validate(); absurd sizes are refused outright (docErrors
  // holds nodes other than image inputs to MAX_INPUT_UNITS).
  units: int(0, Math.max(MAX_INPUT_UNITS, MAX_IMAGE_UNITS)),
  activation: pick(ACTIVATIONS),
  features: v.optional(v.pipe(v.array(FeatureSchema), v.maxLength(MAX_INPUT_UNITS))),
  dropout: v.optional(num()),
  l1: v.optional(num()),
  l2: v.optional(num()),
  // Stride 0 and zero filters pass here and are explained by validate() (the engine's inferShapes).
  conv: v.optional(
    v.object({
      filters: int(0, MAX_FILTERS),
      kernelSize: int(1, MAX_KERNEL_SIZE),
      stride: int(0, MAX_STRIDE),
      padding: pick(['valid', 'same'] as const)
    })
  ),
  pool: v.optional(v.object({ mode: pick(['max', 'avg'] as const), poolSize: int(1, MAX_POOL_SIZE), stride: int(0, MAX_STRIDE) })),
  image: v.optional(v.object({ height: int(1, MAX_IMAGE_SIDE), width: int(1, MAX_IMAGE_SIDE), channels: int(1, MAX_IMAGE_CHANNELS) }))
});

export const EdgeSchema = v.object({ id, from: id, to: id });

export const DocSchema = v.object({
  nodes: v.pipe(v.array(NodeSchema), v.maxLength(LIMITS.nodes)),
  edges: v.pipe(v.array(EdgeSchema), v.maxLength(LIMITS.edges))
});

/** A learning-rate schedule (epochs); the cyclical maximum is checked against the rate by the engine's validateSettings. */
export const ScheduleSchema = v.variant('kind', [
  v.object({ kind: v.literal('constant') }),
  v.object({ kind: v.literal('step'), every: num({ above: 0, max: 1e9 }), factor: num({ above: 0, max: 1 }) }),
  v.object({ kind: v.literal('exponential'), every: num({ above: 0, max: 1e9 }), factor: num({ above: 0, max: 1 }) }),
  v.object({ kind: v.literal('cosine'), epochs: num({ above: 0, max: 1e9 }), alpha: num({ min: 0, max: 1 }) }),
  v.object({ kind: v.literal('cyclical'), halfCycle: num({ above: 0, max: 1e9 }), maxRate: num({ above: 0, max: 10 }) })
]);

export const SettingsSchema = v.object({
  learningRate: num({ above: 0, max: 10 }),
  optimizer: pick(OPTIMIZERS),
  momentum: num({ min: 0, below: 1 }),
  beta1: num({ min: 0, below: 1 }),
  beta2: num({ min: 0, below: 1 }),
  rho: num({ min: 0, below: 1 }),
  epsilon: num({ above: 0, max: 1 }),
  batchSize: int(0, 1_000_000),
  loss: pick(LOSSES),
  huberDelta: num({ above: 0, max: 1e6 }),
  l1: num({ min: 0, max: 10 }),
  l2: num({ min: 0, max: 10 }),
  initializer: pick(INITIALIZERS),
  seed: int(0, 4_294_967_295),
  earlyStoppingPatience: int(0, 1_000_000),
  maxEpochs: int(0, 1_000_000_000),
  // Optional: links and files from before schedules train at a constant rate.
  schedule: v.optional(ScheduleSchema)
});

const GeneratedSchema = v.object({
  kind: v.literal('generated'),
  generator: pick(GENERATORS),
  count: int(1, LIMITS.points),
  noise: num({ min: 0, max: 1 }),
  testFraction: num({ min: 0, max: 0.9 }),
  seed: int(0, 4_294_967_295),
  classes: v.optional(int(2, 10)),
  expression: v.optional(expression)
});

const TableSchema = v.pipe(
  v.object({
    kind: v.literal('table'),
    name: text(),
    columns: v.pipe(v.array(text()), v.minLength(1), v.maxLength(LIMITS.columns)),
    x: v.pipe(v.array(dataValue), v.maxLength(LIMITS.tableValues)),
    y: v.pipe(v.array(dataValue), v.maxLength(LIMITS.tableValues)),
    classes: v.nullable(v.pipe(v.array(text()), v.minLength(2), v.maxLength(1000))),
    targetColumns: v.pipe(v.array(text()), v.maxLength(LIMITS.columns)),
    isTest: v.pipe(
      v.array(v.picklist([0, 1], (issue) => `expected 0 or 1, got ${show(issue.input)}`)),
      v.maxLength(LIMITS.rows, (issue) => `the table has ${formatLimit(issue.input.length)} rows; the limit is ${formatLimit(LIMITS.rows)} rows`)
    )
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    for (const problem of tableProblems(dataset.value)) addIssue({ message: problem.message, path: pathTo(dataset.value, problem.key) });
  })
);

const MnistSchema = v.object({ kind: v.literal('mnist'), trainCount: int(0, 60_000), testCount: int(0, 10_000) });

export const DataSchema = v.variant('kind', [GeneratedSchema, TableSchema, MnistSchema], (issue) =>
  typeof issue.input === 'string'
    ? `unknown ${show(issue.input)} (expected one of generated, table, mnist)`
    : `expected a data source with kind generated, table or mnist, got ${show(issue.input)}`
);

export const ViewSchema = v.object({ xColumn: int(0, LIMITS.columns - 1), yColumn: int(0, LIMITS.columns - 1) });

export const TrainingPrefsSchema = v.object({
  epochsPerSecond: num({ min: 0, max: 10_000 }),
  stepBy: v.picklist(['batch', 'epoch'], (issue) => `expected batch or epoch, got ${show(issue.input)}`)
});

export const StateSchema = v.object({
  version: v.literal(1),
  doc: DocSchema,
  settings: SettingsSchema,
  data: DataSchema,
  view: ViewSchema,
  training: v.optional(TrainingPrefsSchema)
});

/**
 * A figure of the curve: JSON writes NaN (no accuracy in regression, no test set) and ±Infinity as null,
 * so null reads back as NaN; anything else must be a number.
 */
const figure = v.pipe(
  v.custom<number | null>((x) => x === null || typeof x === 'number', (issue) => `expected a number or null, got ${show(issue.input)}`),
  v.transform((x) => x ?? NaN)
);
const count = num({ integer: true, min: 0, max: Number.MAX_SAFE_INTEGER });

export const EpochRecordSchema = v.object({
  epoch: count,
  trainLoss: figure,
  testLoss: figure,
  trainAccuracy: figure,
  testAccuracy: figure,
  trainR2: v.optional(figure),
  testR2: v.optional(figure)
});

/** How far the saved weights trained, and the curve that got them there (the latest MAX_SAVED_CURVE_EPOCHS epochs). */
export const ProgressSchema = v.object({
  step: count,
  epoch: count,
  curve: v.pipe(
    v.array(EpochRecordSchema),
    v.maxLength(MAX_SAVED_CURVE_EPOCHS)
  )
});
export type SavedProgress = v.InferOutput<typeof ProgressSchema>;

/** Reads saved progress; errors name their path under `where` (e.g. `progress.curve[3].epoch: …`). */
export function parseProgress(json: unknown, where = 'progress'): { ok: true; progress: SavedProgress } | { ok: false; errors: string[] } {
  const parsed = v.safeParse(ProgressSchema, json);
  return parsed.success ? { ok: true, progress: parsed.output } : { ok: false, errors: formatIssues(where, parsed.issues) };
}

/** Progress to save: the counters and the latest MAX_SAVED_CURVE_EPOCHS epochs of the curve. */
export function progressToSave(step: number, epoch: number, curve: readonly EpochRecord[]): SavedProgress {
  return { step, epoch, curve: curve.slice(-MAX_SAVED_CURVE_EPOCHS) };
}

type TableValue = Extract<DataSource, { kind: 'table' }>;

function tableProblems(table: TableValue): { key: keyof TableValue; message: string }[] {
  const problems: { key: keyof TableValue; message: string }[] = [];
  const cols = table.columns.length;
  if (table.x.length % cols !== 0) {
    problems.push({ key: 'x', message: `has ${table.x.length} values, not a whole number of rows of ${cols} columns` });
    return problems;
  }
  const rows = table.x.length / cols;
  if (table.isTest.length !== rows) problems.push({ key: 'isTest', message: `has ${table.isTest.length} values for ${rows} rows` });
  if (table.classes !== null) {
    if (table.y.length !== rows) problems.push({ key: 'y', message: `has ${table.y.length} class labels for ${rows} rows` });
    const bad = table.y.findIndex((c) => !Number.isInteger(c) || c < 0 || c >= table.classes!.length);
    if (bad >= 0) problems.push({ key: 'y', message: `row ${bad}: class ${table.y[bad]} is not one of 0..${table.classes.length - 1}` });
  } else {
    const targets = table.targetColumns.length;
    if (targets === 0) problems.push({ key: 'targetColumns', message: 'a regression table needs at least one target column' });
    else if (table.y.length !== rows * targets) {
      problems.push({ key: 'y', message: `has ${table.y.length} values for ${rows} rows × ${targets} targets` });
    }
  }
  return problems;
}

/** A path item for rawCheck issues, so table errors read `data.y: …` like every other error. */
function pathTo(value: TableValue, key: keyof TableValue): [v.ObjectPathItem] {
  return [{ type: 'object', origin: 'value', input: value as unknown as Record<string, unknown>, key, value: value[key] }];
}

/** Checks a schema cannot express: unique ids, wires between existing nodes, each pair wired once, no cycle. */
export function docErrors(doc: NetworkDoc, prefix = 'doc'): string[] {
  const errors: string[] = [];
  const nodeIds = new Set<string>();
  doc.nodes.forEach((node, i) => {
    if (nodeIds.has(node.id)) errors.push(`${prefix}.nodes[${i}].id: "${node.id}" is used by another node`);
    nodeIds.add(node.id);
    // Only an image input's pixels may number more than an input's units.
    if (!node.image && node.units > MAX_INPUT_UNITS) errors.push(`${prefix}.nodes[${i}].units: must be at most ${MAX_INPUT_UNITS} (got ${node.units})`);
  });
  const edgeIds = new Set<string>();
  const pairs = new Set<string>();
  doc.edges.forEach((edge, i) => {
    const at = `${prefix}.edges[${i}]`;
    if (edgeIds.has(edge.id)) errors.push(`${at}.id: "${edge.id}" is used by another wire`);
    edgeIds.add(edge.id);
    if (!nodeIds.has(edge.from)) errors.push(`${at}.from: there is no node "${edge.from}"`);
    if (!nodeIds.has(edge.to)) errors.push(`${at}.to: there is no node "${edge.to}"`);
    const pair = `${edge.from}\u0000${edge.to}`;
    if (pairs.has(pair)) errors.push(`${at}: ${edge.from} → ${edge.to} is wired twice`);
    pairs.add(pair);
  });
  if (errors.length === 0) {
    const cycle = findCycle(doc);
    if (cycle) errors.push(`${prefix}.edges: the wires form a cycle: ${cycle.join(' → ')}`);
  }
  return errors;
}

/** Input features and the view must point at columns the data has (known only for tables and MNIST). */
export function dataErrors(doc: NetworkDoc, data: DataSource, view: PlaygroundState['view']): string[] {
  const columns = data.kind === 'table' ? data.columns.length : data.kind === 'mnist' ? 784 : null;
  if (columns === null) return [];
  const errors: string[] = [];
  doc.nodes.forEach((node, i) => {
    node.features?.forEach((f, j) => {
      for (const key of ['a', 'b'] as const) {
        const col = f[key];
        if (col !== undefined && col >= columns) {
          errors.push(`doc.nodes[${i}].features[${j}].${key}: column ${col} does not exist (the data has ${columns} columns)`);
        }
      }
    });
  });
  for (const key of ['xColumn', 'yColumn'] as const) {
    if (view[key] >= columns) errors.push(`view.${key}: column ${view[key]} does not exist (the data has ${columns} columns)`);
  }
  return errors;
}

export type ParseResult = { ok: true; state: PlaygroundState } | { ok: false; errors: string[] };

/**
 * A table over the size limits, found from its list lengths alone: run before the schema, which would
 * otherwise check millions of values one by one before reaching its length checks.
 */
export function tableSizeError(data: unknown): string | null {
  if (data === null || typeof data !== 'object') return null;
  const table = data as Record<string, unknown>;
  if (table.kind !== 'table') return null;
  const length = (key: string) => (Array.isArray(table[key]) ? (table[key] as unknown[]).length : 0);
  const rows = length('isTest');
  if (rows > LIMITS.rows) return `data: the table has ${formatLimit(rows)} rows; the limit is ${formatLimit(LIMITS.rows)} rows`;
  const values = Math.max(length('x'), length('y'));
  if (values > LIMITS.tableValues) {
    return `data: the table has ${formatLimit(values)} values; the limit is ${formatLimit(LIMITS.tableValues)} (rows × columns)`;
  }
  return null;
}

/** Strict: the whole state is read, or nothing is (files, storage). */
export function parseState(json: unknown): ParseResult {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { ok: false, errors: [`expected the playground as an object, got ${show(json)}`] };
  }
  const tooLarge = tableSizeError((json as Record<string, unknown>).data);
  if (tooLarge) return { ok: false, errors: [tooLarge] };
  const result = v.safeParse(StateSchema, json);
  if (!result.success) return { ok: false, errors: formatIssues('', result.issues) };
  const state = result.output as PlaygroundState;
  const errors = [
    ...docErrors(state.doc),
    ...dataErrors(state.doc, state.data, state.view),
    ...scheduleProblems(state.settings.schedule, state.settings.learningRate).map((p) => `settings.${p}`)
  ];
  return errors.length > 0 ? { ok: false, errors } : { ok: true, state };
}

/** One warning for a part that fell back: its first problem, and how many more there were. */
function summarise(errors: string[], fallback: string): string {
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
  return `${errors[0]}${more}; ${fallback}`;
}

/**
 * Lenient (links): keeps every part that can be read. The network must be readable, or there is nothing
 * to show; broken settings fields, data or view fall back to their defaults, each with a warning.
 */
export function recoverState(json: unknown): { state: PlaygroundState | null; warnings: string[] } {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { state: null, warnings: [`The link holds ${show(json)}, not a playground.`] };
  }
  const raw = json as Record<string, unknown>;
  const warnings: string[] = [];
  if (raw.version !== 1) {
    if (typeof raw.version === 'number' && raw.version > 1) {
      return { state: null, warnings: [`This link was made by a newer Axon (version ${raw.version}); this one reads version 1.`] };
    }
    warnings.push(`version: expected 1, got ${show(raw.version)}; reading it as version 1`);
  }

  const doc = v.safeParse(DocSchema, raw.doc);
  if (!doc.success) return { state: null, warnings: [...warnings, ...formatIssues('doc', doc.issues)] };
  const docProblems = docErrors(doc.output);
  if (docProblems.length > 0) return { state: null, warnings: [...warnings, ...docProblems] };

  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  const rawSettings = raw.settings;
  if (rawSettings === null || typeof rawSettings !== 'object' || Array.isArray(rawSettings)) {
    warnings.push(`settings: could not be read (${show(rawSettings)}); using the default settings`);
  } else {
    for (const [key, schema] of Object.entries(SettingsSchema.entries)) {
      const field = v.safeParse(schema as v.GenericSchema, (rawSettings as Record<string, unknown>)[key]);
      if (field.success) settings[key] = field.output;
      else {
        const fallback = DEFAULT_SETTINGS[key as keyof TrainSettings];
        warnings.push(`settings.${key}: ${issueMessage(field.issues[0])}; using the default (${fallback})`);
      }
    }
  }

  const scheduleErrors = scheduleProblems(settings.schedule as TrainSettings['schedule'], settings.learningRate as number);
  if (scheduleErrors.length > 0) {
    warnings.push(`settings.${scheduleErrors[0]}; training at a constant rate`);
    delete settings.schedule;
  }

  let data: DataSource = { ...DEFAULT_DATA };
  const tooLarge = tableSizeError(raw.data);
  const parsedData = tooLarge ? null : v.safeParse(DataSchema, raw.data);
  if (parsedData?.success) data = parsedData.output as DataSource;
  else warnings.push(summarise(parsedData ? formatIssues('data', parsedData.issues) : [tooLarge!], 'using the default data'));

  let view = { ...DEFAULT_VIEW };
  const parsedView = v.safeParse(ViewSchema, raw.view);
  if (parsedView.success) view = parsedView.output;
  else warnings.push(summarise(formatIssues('view', parsedView.issues), 'using the default view'));

  const crossErrors = dataErrors(doc.output, data, view);
  if (crossErrors.length > 0) {
    warnings.push(summarise(crossErrors, 'using the default data'));
    data = { ...DEFAULT_DATA };
    view = { ...DEFAULT_VIEW };
  }
  const state: PlaygroundState = { version: 1, doc: doc.output, settings: settings as unknown as TrainSettings, data, view };
  if (raw.training !== undefined) {
    const training = v.safeParse(TrainingPrefsSchema, raw.training);
    if (training.success) state.training = training.output;
    else warnings.push(summarise(formatIssues('training', training.issues), 'keeping the current pace'));
  }
  return { state, warnings };
}
