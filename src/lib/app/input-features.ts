/**
 * The feature picker as a document change: choosing features adds or removes single-unit input nodes,
 * wiring each new input to wherever the existing inputs lead (the first hidden column in a stack). Pure.
 */
import type { Feature } from '../../../workers/protocol';
import type { FeatureChoice } from '../data/features';
import type { Change, NetworkDoc, NodeRecord } from '../model/document';
import { NEURON_PITCH } from '../model/geometry';
import { newId } from '../model/ids';

const sameFeature = (a: Feature, b: Feature) => a.op === b.op && a.a === b.a && (a.b ?? -1) === (b.b ?? -1);

/** The single-feature input nodes of the document, by the id of the choice they match. */
export function selectedFeatureIds(doc: NetworkDoc, choices: readonly FeatureChoice[]): string[] {
  const inputs = doc.nodes.filter((n) => n.kind === 'input' && n.features?.length === 1);
  return choices.filter((c) => inputs.some((n) => sameFeature(n.features![0], c.feature))).map((c) => c.id);
}

export function featureChange(doc: NetworkDoc, choices: readonly FeatureChoice[], selectedIds: readonly string[]): Change | null {
  const inputs = doc.nodes.filter((n) => n.kind === 'input' && n.features?.length === 1);
  const wanted = choices.filter((c) => selectedIds.includes(c.id));
  const changes: Change[] = [];
  for (const node of inputs) {
    const keep = wanted.some((c) => sameFeature(node.features![0], c.feature));
    if (!keep) changes.push({ type: 'removeNode', id: node.id });
  }
  const remaining = inputs.filter((n) => wanted.some((c) => sameFeature(n.features![0], c.feature)));
  // New inputs feed what the existing inputs feed; with no inputs left, the nodes nothing feeds.
  const targets = new Set(doc.edges.filter((e) => inputs.some((n) => n.id === e.from)).map((e) => e.to));
  if (targets.size === 0) {
    for (const node of doc.nodes) {
      if (node.kind !== 'input' && !doc.edges.some((e) => e.to === node.id)) targets.add(node.id);
    }
  }
  const takenNodes = new Set(doc.nodes.map((n) => n.id));
  const takenEdges = new Set(doc.edges.map((e) => e.id));
  const left = Math.min(0, ...doc.nodes.map((n) => n.x));
  let y = Math.max(-Infinity, ...remaining.map((n) => n.y + NEURON_PITCH * 1.5));
  if (!Number.isFinite(y)) y = 0;
  for (const choice of wanted) {
    if (remaining.some((n) => sameFeature(n.features![0], choice.feature))) continue;
    const id = newId('in', takenNodes);
    takenNodes.add(id);
    const node: NodeRecord = {
      id,
      kind: 'input',
      label: choice.label,
      x: left,
      y,
      units: 1,
      activation: 'linear',
      features: [{ ...choice.feature }]
    };
    y += NEURON_PITCH * 1.5;
    changes.push({ type: 'addNode', node });
    for (const to of targets) {
      const edgeId = newId('e', takenEdges);
      takenEdges.add(edgeId);
      changes.push({ type: 'addEdge', edge: { id: edgeId, from: id, to } });
    }
  }
  return changes.length ? { type: 'batch', changes } : null;
}
