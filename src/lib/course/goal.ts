/**
 * A challenge's goal: a few conditions on what a run measures (`test_accuracy>=0.95`,
 * `params<=20&test_accuracy>=0.9`), read from a link or a host's embed options, and checked against the
 * figures of one moment of training. Pure: no DOM, no Svelte, so it is tested in node.
 */

export const MEASURES = {
  test_accuracy: { label: 'test accuracy', fraction: true, whole: false },
  train_accuracy: { label: 'training accuracy', fraction: true, whole: false },
  test_loss: { label: 'test loss', fraction: false, whole: false },
  train_loss: { label: 'training loss', fraction: false, whole: false },
  test_r2: { label: 'test R²', fraction: false, whole: false },
  train_r2: { label: 'training R²', fraction: false, whole: false },
  params: { label: 'parameters', fraction: false, whole: true },
  epochs: { label: 'epochs', fraction: false, whole: true }
} as const;
export type Measure = keyof typeof MEASURES;
export const MEASURE_NAMES = Object.keys(MEASURES) as Measure[];

export type Comparison = '<=' | '>=' | '<' | '>';

export interface Condition {
  measure: Measure;
  op: Comparison;
  value: number;
}

export interface Goal {
  conditions: Condition[];
  /** the epoch budget (`max_epochs=500`): the goal counts only when met within it; null = no budget */
  maxEpochs: number | null;
}

export type GoalResult = { ok: true; goal: Goal } | { ok: false; message: string };

/** What one moment of training measured; NaN where a figure does not apply (accuracy in regression). */
export interface Measured {
  epoch: number;
  params: number;
  trainLoss: number;
  testLoss: number;
  trainAccuracy: number;
  testAccuracy: number;
  trainR2: number;
  testR2: number;
}

const MAX_TEXT = 300;
const MAX_CONDITIONS = 8;
const MAX_EPOCH_BUDGET = 1_000_000;
/** `≤` and `=<` are what people type when they do not think in code. */
const COMPARISONS: Record<string, Comparison> = { '<=': '<=', '=<': '<=', '≤': '<=', '>=': '>=', '=>': '>=', '≥': '>=', '<': '<', '>': '>' };
const CLAUSE = /^([a-z0-9_]*)\s*([<>=≤≥!]*)\s*(.*)$/i;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** A measure the teacher may have meant ("accuracy" → test_accuracy), for the message. */
function suggestion(name: string): string {
  const match = MEASURE_NAMES.find((m) => m.endsWith(`_${name}`) || m.replace('_', '') === name);
  return match ? ` Did you mean ${match}?` : '';
}

function parseCondition(clause: string): { condition: Condition } | { message: string } {
  const [, rawName, rawOp, rawValue] = CLAUSE.exec(clause.trim()) ?? ['', '', '', ''];
  const name = rawName.toLowerCase();
  const shown = `"${clip(clause.trim())}"`;
  if (!name) return { message: `${shown} does not start with a measure such as test_accuracy.` };
  if (!(name in MEASURES)) return { message: `${shown}: unknown measure "${clip(name)}" (known: ${MEASURE_NAMES.join(', ')}).${suggestion(name)}` };
  const measure = name as Measure;
  if (!rawOp) return { message: `${shown} needs a comparison, e.g. ${measure}>=0.9.` };
  const op = COMPARISONS[rawOp];
  if (!op) return { message: `${shown}: "${clip(rawOp)}" is not a comparison (use <=, >=, < or >).` };
  let text = rawValue.trim();
  const percent = text.endsWith('%');
  if (percent) text = text.slice(0, -1).trim();
  if (!NUMBER.test(text)) return { message: `${shown}: "${clip(rawValue.trim()) || 'nothing'}" is not a number.` };
  const info = MEASURES[measure];
  let value = Number(text);
  if (percent) {
    if (!info.fraction) return { message: `${shown}: only accuracies take a percentage.` };
    value /= 100;
  }
  if (!Number.isFinite(value)) return { message: `${shown}: the number is too large.` };
  if (info.fraction && (value < 0 || value > 1)) return { message: `${shown}: an accuracy is between 0 and 1 (or a percentage such as 95%).` };
  if (info.whole && (value < 0 || !Number.isInteger(value))) return { message: `${shown}: ${info.label} is a whole number of 0 or more.` };
  return { condition: { measure, op, value } };
}

/**
 * Reads a goal: conditions separated by `&`, `,`, `;` or the word "and"; `maxEpochs` is the separate
 * `max_epochs` option as written (null when absent). Every problem is one sentence a learner can read.
 */
export function parseGoal(text: string, maxEpochs: string | null = null): GoalResult {
  if (text.length > MAX_TEXT) return { ok: false, message: `The goal is longer than ${MAX_TEXT} characters.` };
  const clauses = text
    .split(/&|,|;|\band\b/i)
    .map((c) => c.trim())
    .filter(Boolean);
  if (clauses.length === 0) return { ok: false, message: 'The goal is empty: give a target such as test_accuracy>=0.95.' };
  if (clauses.length > MAX_CONDITIONS) return { ok: false, message: `The goal has more than ${MAX_CONDITIONS} conditions.` };
  const conditions: Condition[] = [];
  for (const clause of clauses) {
    const read = parseCondition(clause);
    if ('message' in read) return { ok: false, message: `The goal cannot be read: ${read.message}` };
    conditions.push(read.condition);
  }
  let budget: number | null = null;
  if (maxEpochs !== null) {
    const trimmed = maxEpochs.trim();
    budget = Number(trimmed);
    if (!/^\d+$/.test(trimmed) || budget < 1 || budget > MAX_EPOCH_BUDGET) {
      return { ok: false, message: `max_epochs="${clip(maxEpochs)}" is not a whole number from 1 to ${MAX_EPOCH_BUDGET.toLocaleString('en-US')}.` };
    }
  }
  return { ok: true, goal: { conditions, maxEpochs: budget } };
}

/** The goal back as text for a link (`goal=` value; the budget is its own option). */
export function formatGoal(goal: Goal): string {
  return goal.conditions.map((c) => `${c.measure}${c.op}${c.value}`).join(',');
}

export function measureOf(measured: Measured, measure: Measure): number {
  switch (measure) {
    case 'test_accuracy':
      return measured.testAccuracy;
    case 'train_accuracy':
      return measured.trainAccuracy;
    case 'test_loss':
      return measured.testLoss;
    case 'train_loss':
      return measured.trainLoss;
    case 'test_r2':
      return measured.testR2;
    case 'train_r2':
      return measured.trainR2;
    case 'params':
      return measured.params;
    case 'epochs':
      return measured.epoch;
  }
}

/** Whether a value meets one condition; NaN (a figure that does not apply, or a diverged run) never does. */
export function meets(condition: Condition, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  switch (condition.op) {
    case '<=':
      return value <= condition.value;
    case '>=':
      return value >= condition.value;
    case '<':
      return value < condition.value;
    case '>':
      return value > condition.value;
  }
}

/** Whether `a` is closer to meeting the condition than `b` (for "best so far"). */
export function isBetter(condition: Condition, a: number, b: number): boolean {
  if (!Number.isFinite(a)) return false;
  if (!Number.isFinite(b)) return true;
  return condition.op === '<=' || condition.op === '<' ? a < b : a > b;
}

export interface Evaluation {
  met: boolean;
  /** the epoch budget was spent before the goal was met */
  outOfEpochs: boolean;
  values: number[];
}

/** Checks every condition against one moment of training: the goal is met when all hold at once, within the budget. */
export function evaluateGoal(goal: Goal, measured: Measured): Evaluation {
  const values = goal.conditions.map((c) => measureOf(measured, c.measure));
  const withinBudget = goal.maxEpochs === null || measured.epoch <= goal.maxEpochs;
  const all = goal.conditions.every((c, i) => meets(c, values[i]));
  return { met: all && withinBudget, outOfEpochs: !withinBudget, values };
}

const SYMBOLS: Record<Comparison, string> = { '<=': '≤', '>=': '≥', '<': '<', '>': '>' };

/** A figure as the goal panel shows it: accuracies as percentages, counts whole, losses to 4 significant digits. */
export function formatValue(measure: Measure, value: number): string {
  if (!Number.isFinite(value)) return '—';
  const info = MEASURES[measure];
  if (info.fraction) return `${(value * 100).toFixed(1).replace(/\.0$/, '')} %`;
  if (info.whole) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(4)).toString();
}

/** One condition in words: "test accuracy ≥ 95 %". */
export function describeCondition(condition: Condition): string {
  return `${MEASURES[condition.measure].label} ${SYMBOLS[condition.op]} ${formatValue(condition.measure, condition.value)}`;
}

/** The whole goal in words: "test accuracy ≥ 95 % and parameters ≤ 20, within 500 epochs". */
export function describeGoal(goal: Goal): string {
  const conditions = goal.conditions.map(describeCondition).join(' and ');
  return goal.maxEpochs === null ? conditions : `${conditions}, within ${goal.maxEpochs.toLocaleString('en-US')} epochs`;
}
