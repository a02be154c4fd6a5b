/**
 * The document side and the engine must agree: a document validate() accepts compiles, one it refuses
 * does not, and paramCounts equals the engine's layout. Checked on many random documents.
 */
import { describe, expect, it } from 'vitest';
import { ACTIVATIONS } from '../../../workers/engine';
import { compile } from '../../../workers/engine';
import { createRng } from '../../../workers/engine';
import { apply, ChangeError } from './apply';
import { buildStack } from './build';
import type { Change, NetworkDoc } from './document';
import { paramCounts, toSpec } from './spec';
import { validate } from './validate';

function randomDoc(seed: number): NetworkDoc {
  const rng = createRng(seed);
  let doc = buildStack({
    inputs: Array.from({ length: 1 + rng.int(3) }, (_, i) => ({
      label: `x${i + 1}`,
      features: Array.from({ length: 1 + rng.int(3) }, () => ({ op: 'id' as const, a: rng.int(2) }))
    })),
    hidden: Array.from({ length: rng.int(4) }, () => ({ units: 1 + rng.int(6), activation: ACTIVATIONS[rng.int(ACTIVATIONS.length)] })),
    output: { units: 1 + rng.int(3), activation: rng.next() < 0.3 ? 'softmax' : 'sigmoid' }
  });
  // Random edits: extra wires (skip connections or refused cycles), removed wires and nodes, unit changes.
  for (let k = 0; k < 6; k++) {
    const ids = doc.nodes.map((n) => n.id);
    const pick = () => ids[rng.int(ids.length)];
    const roll = rng.next();
    const change: Change =
      roll < 0.6
        ? { type: 'addEdge', edge: { id: `r${k}`, from: pick(), to: pick() } }
        : roll < 0.75 && doc.edges.length > 0
          ? { type: 'removeEdge', id: doc.edges[rng.int(doc.edges.length)].id }
          : roll < 0.85
            ? { type: 'removeNode', id: pick() }
            : { type: 'updateNode', id: pick(), patch: { units: rng.int(4) } };
    try {
      doc = apply(doc, change);
    } catch (error) {
      if (!(error instanceof ChangeError)) throw error;
    }
  }
  return doc;
}

describe('validate and paramCounts agree with the engine', () => {
  it('on 400 random documents', () => {
    let valid = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const doc = randomDoc(seed);
      const problems = validate(doc);
      let compiled: ReturnType<typeof compile> | null = null;
      let refusal = '';
      try {
        compiled = compile(toSpec(doc));
      } catch (error) {
        refusal = (error as Error).message;
      }
      if (problems.length === 0) {
        expect(refusal, `seed ${seed}`).toBe('');
        expect(compiled!.layout.paramCount, `seed ${seed}`).toBe(paramCounts(doc).total);
        for (const group of compiled!.layout.groups) expect(group.paramCount).toBe(paramCounts(doc).perNode[group.id]);
        valid++;
      } else {
        expect(compiled, `seed ${seed}: ${problems.map((p) => p.message).join(' / ')}`).toBeNull();
      }
    }
    // Both branches must be exercised for the test to mean anything.
    expect(valid).toBeGreaterThan(40);
    expect(valid).toBeLessThan(360);
  });
});
