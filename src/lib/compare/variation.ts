/**
 * What run B changes relative to run A, as plain functions: one varied setting or the hidden activation
 * applied to a playground's settings and network, and the differences between two runs in words.
 */
import type { Activation, TrainSettings } from '../../../workers/protocol';
import type { Change, NetworkDoc } from '../model/document';

/** Settings a comparison may vary by name (the `compare=` embed option and the panel's controls). */
export const VARIED_SETTINGS = ['optimizer', 'learningRate', 'batchSize', 'loss', 'l1', 'l2', 'momentum'] as const;
export type VariedSetting = (typeof VARIED_SETTINGS)[number];

/** One thing set on a run: a training setting, or the activation of every hidden layer. */
export type Variation =
  | { name: VariedSetting; value: TrainSettings[VariedSetting] }
  | { name: 'activation'; value: Activation };

/** The two runs' variations from a name and a pair of values (the embed's `compare=optimizer:sgd,adam`). */
export function variationPair(option: { name: VariedSetting | 'activation'; values: readonly [unknown, unknown] }): [Variation, Variation] {
  return [{ name: option.name, value: option.values[0] } as Variation, { name: option.name, value: option.values[1] } as Variation];
}

/** A variation as the change it makes: a settings patch, or a document change (null when there is no hidden layer). */
export function variationEffect(doc: NetworkDoc, variation: Variation): { settings: Partial<TrainSettings> } | { change: Change | null } {
  if (variation.name === 'activation') return { change: activationChange(doc, variation.value) };
  return { settings: { [variation.name]: variation.value } as Partial<TrainSettings> };
}

/** Every hidden layer gets `activation` (one batch change), or null when there is none. */
export function activationChange(doc: NetworkDoc, activation: Activation): Change | null {
  const changes: Change[] = doc.nodes
    .filter((n) => n.kind === 'dense')
    .map((n) => ({ type: 'updateNode' as const, id: n.id, patch: { activation } }));
  return changes.length ? { type: 'batch', changes } : null;
}

const SETTING_LABELS: Record<VariedSetting | 'schedule' | 'seed', string> = {
  optimizer: 'optimizer',
  learningRate: 'learning rate',
  batchSize: 'batch size',
  loss: 'loss',
  l1: 'L1',
  l2: 'L2',
  momentum: 'momentum',
  schedule: 'schedule',
  seed: 'seed'
};

function show(value: unknown): string {
  if (value === undefined) return 'constant';
  if (value && typeof value === 'object' && 'kind' in value) return String((value as { kind: string }).kind);
  return String(value);
}

/** How run B differs from run A, one phrase each ("optimizer sgd → adam", "h1: 4 → 8 units"). */
export function differences(a: { doc: NetworkDoc; settings: TrainSettings }, b: { doc: NetworkDoc; settings: TrainSettings }): string[] {
  const out: string[] = [];
  for (const key of [...VARIED_SETTINGS, 'schedule', 'seed'] as const) {
    const av = show(a.settings[key]);
    const bv = show(b.settings[key]);
    if (av !== bv) out.push(`${SETTING_LABELS[key]} ${av} → ${bv}`);
  }
  const byId = new Map(a.doc.nodes.map((n) => [n.id, n]));
  for (const node of b.doc.nodes) {
    const before = byId.get(node.id);
    if (!before || node.kind === 'input') continue;
    const name = node.label || node.id;
    if (before.activation !== node.activation) out.push(`${name}: ${before.activation} → ${node.activation}`);
    if (before.units !== node.units) out.push(`${name}: ${before.units} → ${node.units} units`);
  }
  return out;
}
