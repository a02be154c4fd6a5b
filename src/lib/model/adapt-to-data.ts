/**
 * Fits the network to a newly chosen data set: the output group (units, activation) and the loss to the
 * problem type and class count, and the inputs to the columns (remapped by column name, or reset to one
 * input per column). Pure: returns one document change (one undo step), a settings patch, and a one-line
 * summary of what changed, or nothing when the network already fits.
 */
import type { Feature, Loss, TrainSettings } from '../../../workers/protocol';
import type { Change, NetworkDoc, NodeRecord } from './document';
import { NEURON_PITCH } from './geometry';
import { newId } from './ids';
import { fittingOutput, isClassificationLoss, LOSS_LABELS, type OutputShape } from './loss-fit';

/** What the adaptation needs to know about a data set. */
export interface DataShape {
  columns: readonly string[];
  /** class names, or null for regression */
  classes: readonly string[] | null;
  targetColumns: readonly string[];
}

export interface Adaptation {
  change: Change | null;
  settings: Partial<TrainSettings>;
  /** one line for the learner, or null when nothing changed */
  summary: string | null;
}

/** Up to this many columns each get their own input node; wider data (images) gets one input group. */
const SEPARATE_INPUTS = 16;

const problemOf = (shape: DataShape) => (shape.classes ? 'classification' : 'regression');

function outputFits(output: OutputShape, next: DataShape): boolean {
  if (next.classes) {
    const c = next.classes.length;
    const unitsFit = output.units === c || (c === 2 && output.units === 1);
    return unitsFit && output.activation !== 'linear';
  }
  return output.units === next.targetColumns.length && output.activation !== 'sigmoid' && output.activation !== 'softmax';
}

function lossFits(loss: Loss, output: OutputShape, next: DataShape): boolean {
  if (!next.classes) return !isClassificationLoss(loss);
  if (!isClassificationLoss(loss)) return false;
  if (loss === 'cce' || loss === 'sparse_cce') return output.units > 1 && output.activation === 'softmax';
  if (loss === 'bce') return output.activation === 'sigmoid' || output.activation === 'softmax';
  return output.activation !== 'sigmoid' && output.activation !== 'softmax';
}

/** New column index for a feature's column, found by name in the new columns; -1 when it has no match. */
function remapColumn(index: number, previous: DataShape | null, next: DataShape): number {
  if (!previous) return index < next.columns.length ? index : -1;
  const name = previous.columns[index];
  return name === undefined ? -1 : next.columns.indexOf(name);
}

function remapFeature(feature: Feature, previous: DataShape | null, next: DataShape): Feature | null {
  const a = remapColumn(feature.a, previous, next);
  if (a < 0) return null;
  if (feature.b === undefined) return { ...feature, a };
  const b = remapColumn(feature.b, previous, next);
  return b < 0 ? null : { ...feature, a, b };
}

const sameFeatures = (x: Feature[], y: Feature[]) =>
  x.length === y.length && x.every((f, i) => f.op === y[i].op && f.a === y[i].a && f.b === y[i].b);

/** The inputs a data set starts from: one per column, or one group for wide data. */
function freshInputs(next: DataShape): { label: string; features: Feature[] }[] {
  if (next.columns.length <= SEPARATE_INPUTS) {
    return next.columns.map((label, a) => ({ label, features: [{ op: 'id', a }] }));
  }
  return [{ label: 'input', features: next.columns.map((_, a) => ({ op: 'id' as const, a })) }];
}

/** Removes every input node and adds fresh ones, wired to whatever the old inputs fed. */
function resetInputs(doc: NetworkDoc, next: DataShape): Change[] {
  const inputs = doc.nodes.filter((n) => n.kind === 'input');
  const targets = new Set(doc.edges.filter((e) => inputs.some((n) => n.id === e.from)).map((e) => e.to));
  if (targets.size === 0) {
    for (const node of doc.nodes) if (node.kind !== 'input' && !doc.edges.some((e) => e.to === node.id)) targets.add(node.id);
  }
  const changes: Change[] = inputs.map((n) => ({ type: 'removeNode', id: n.id }));
  const takenNodes = new Set(doc.nodes.map((n) => n.id));
  const takenEdges = new Set(doc.edges.map((e) => e.id));
  const left = inputs.length ? Math.min(...inputs.map((n) => n.x)) : Math.min(0, ...doc.nodes.map((n) => n.x)) - 220;
  let y = inputs.length ? Math.min(...inputs.map((n) => n.y)) : 0;
  for (const input of freshInputs(next)) {
    const id = newId('in', takenNodes);
    takenNodes.add(id);
    const node: NodeRecord = { id, kind: 'input', label: input.label, x: left, y, units: input.features.length, activation: 'linear', features: input.features };
    y += input.features.length > 12 ? NEURON_PITCH * 3 : NEURON_PITCH * 1.5 * input.features.length;
    changes.push({ type: 'addNode', node });
    for (const to of targets) {
      const edgeId = newId('e', takenEdges);
      takenEdges.add(edgeId);
      changes.push({ type: 'addEdge', edge: { id: edgeId, from: id, to } });
    }
  }
  return changes;
}

function adaptInputs(doc: NetworkDoc, previous: DataShape | null, next: DataShape): { changes: Change[]; summary: string | null } {
  const inputs = doc.nodes.filter((n) => n.kind === 'input');
  const updates: Change[] = [];
  // No inputs: the person is building the network by hand; adding some would get in the way.
  let lost = false;
  for (const node of inputs) {
    const features = node.features ?? [];
    const remapped = features.map((f) => remapFeature(f, previous, next));
    if (remapped.some((f) => f === null)) {
      lost = true;
      break;
    }
    const kept = remapped as Feature[];
    if (!sameFeatures(kept, features)) updates.push({ type: 'updateNode', id: node.id, patch: { features: kept } });
  }
  if (lost) {
    const fresh = freshInputs(next);
    const names = fresh.length === 1 && fresh[0].features.length > 1 ? `${fresh[0].features.length} columns in one input` : fresh.map((f) => f.label).join(', ');
    return { changes: resetInputs(doc, next), summary: `inputs → ${names}` };
  }
  return { changes: updates, summary: updates.length ? 'inputs follow their columns' : null };
}

/**
 * The changes that make `doc` and `settings` fit `next`. `previous` is the data the network was made for
 * (null when unknown): a change of problem type resets the output even when its units happen to fit.
 */
export function adaptToData(doc: NetworkDoc, settings: Pick<TrainSettings, 'loss'>, next: DataShape, previous: DataShape | null): Adaptation {
  const parts: string[] = [];
  const changes: Change[] = [];
  const settingsPatch: Partial<TrainSettings> = {};

  const outputs = doc.nodes.filter((n) => n.kind === 'output');
  if (outputs.length === 1) {
    const out = outputs[0];
    let output: OutputShape = { units: out.units, activation: out.activation };
    const typeChanged = previous !== null && problemOf(previous) !== problemOf(next);
    const fitting = fittingOutput(next.classes?.length ?? null, next.targetColumns.length);
    let reset = false;
    if (typeChanged || !outputFits(output, next)) {
      if (output.units !== fitting.output.units || output.activation !== fitting.output.activation) {
        changes.push({ type: 'updateNode', id: out.id, patch: { units: fitting.output.units, activation: fitting.output.activation } });
        parts.push(`output → ${fitting.output.units} unit${fitting.output.units === 1 ? '' : 's'}, ${fitting.output.activation}`);
        reset = true;
      }
      output = fitting.output;
    }
    // A new output gets the loss made for it; a kept output keeps any loss that fits it.
    if (reset ? settings.loss !== fitting.loss : !lossFits(settings.loss, output, next)) {
      const loss = output.units === fitting.output.units && output.activation === fitting.output.activation ? fitting.loss : next.classes ? 'bce' : 'mse';
      if (loss !== settings.loss) {
        settingsPatch.loss = loss;
        parts.push(`loss → ${LOSS_LABELS[loss].toLowerCase()}`);
      }
    }
  }

  const inputs = adaptInputs(doc, previous, next);
  changes.push(...inputs.changes);
  if (inputs.summary) parts.push(inputs.summary);

  return {
    change: changes.length === 0 ? null : changes.length === 1 ? changes[0] : { type: 'batch', changes },
    settings: settingsPatch,
    summary: parts.length ? `Adapted the network to the data: ${parts.join('; ')}.` : null
  };
}
