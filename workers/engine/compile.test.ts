import { describe, expect, it } from 'vitest';
import type { GroupSpec, NetworkSpec } from '../protocol';
import { compile, SpecError } from './compile';

const input = (id: string, units = 2): GroupSpec => ({
  id,
  kind: 'input',
  units,
  activation: 'linear',
  features: Array.from({ length: units }, (_, a) => ({ op: 'id' as const, a }))
});
const hidden = (id: string, units = 3, activation: GroupSpec['activation'] = 'tanh'): GroupSpec => ({ id, kind: 'hidden', units, activation });
const output = (id = 'out', units = 1, activation: GroupSpec['activation'] = 'sigmoid'): GroupSpec => ({ id, kind: 'output', units, activation });
const e = (from: string, to: string) => ({ from, to });

function problems(spec: NetworkSpec): string[] {
  try {
    compile(spec);
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return (error as SpecError).problems;
  }
  throw new Error('spec was accepted');
}

describe('compile', () => {
  it('orders groups topologically and lays out weights, biases and PReLU slopes contiguously', () => {
    // Declared out of order on purpose: out before h2 before h1.
    const spec: NetworkSpec = {
      groups: [output('out', 2, 'softmax'), hidden('h2', 4, 'prelu'), input('x'), hidden('h1', 3)],
      edges: [e('h2', 'out'), e('h1', 'h2'), e('x', 'h1'), e('x', 'h2'), e('x', 'out')]
    };
    const p = compile(spec);
    expect(p.groups.map((g) => g.id)).toEqual(['x', 'h1', 'h2', 'out']);
    expect(p.output).toBe(3);
    const layout = p.layout;
    expect(layout.unitCount).toBe(2 + 3 + 4 + 2);
    expect(layout.groups.map((g) => g.unitOffset)).toEqual([0, 2, 5, 9]);
    // h1: x→h1 (6) + bias 3 = 9; h2: h1→h2 (12) + x→h2 (8) + bias 4 + prelu 4 = 28; out: h2→out 8 + x→out 4 + 2 = 14
    expect(layout.groups.map((g) => g.paramCount)).toEqual([0, 9, 28, 14]);
    expect(layout.paramCount).toBe(51);
    expect(layout.edges).toEqual([
      { from: 'x', to: 'h1', offset: 0, fromUnits: 2, toUnits: 3 },
      { from: 'h1', to: 'h2', offset: 9, fromUnits: 3, toUnits: 4 },
      { from: 'x', to: 'h2', offset: 21, fromUnits: 2, toUnits: 4 },
      { from: 'h2', to: 'out', offset: 37, fromUnits: 4, toUnits: 2 },
      { from: 'x', to: 'out', offset: 45, fromUnits: 2, toUnits: 2 }
    ]);
    const h2 = layout.groups[2];
    expect([h2.biasOffset, h2.preluOffset]).toEqual([29, 33]);
    expect(layout.groups[0].biasOffset).toBe(-1);
    expect(p.groups[2].fanIn).toBe(5);
  });

  it('refuses a cycle and names its groups in order', () => {
    const spec: NetworkSpec = {
      groups: [input('x'), hidden('h1'), hidden('h2'), output()],
      edges: [e('x', 'h1'), e('h1', 'h2'), e('h2', 'h1'), e('h2', 'out')]
    };
    expect(problems(spec)).toContain('cycle: h1 → h2 → h1');
  });

  it('refuses a self-loop', () => {
    expect(problems({ groups: [input('x'), hidden('h'), output()], edges: [e('x', 'h'), e('h', 'h'), e('h', 'out')] })).toContain('cycle: h → h');
  });

  it('refuses a group that does not lead to the output, and an output no input reaches', () => {
    const dangling: NetworkSpec = {
      groups: [input('x'), hidden('h1'), hidden('h3'), output()],
      edges: [e('x', 'h1'), e('h1', 'out'), e('x', 'h3')]
    };
    expect(problems(dangling)).toEqual(['group "h3" is not connected to the output']);
    const unreachable: NetworkSpec = { groups: [input('x'), hidden('h'), output()], edges: [e('h', 'out')] };
    const found = problems(unreachable);
    expect(found).toContain('output "out" is not reachable from any input');
    expect(found).toContain('group "x" is not connected to the output');
    expect(found).toContain('group "h" is not reachable from any input');
  });

  it('refuses a one-unit softmax, zero units, and input groups whose features do not match', () => {
    expect(problems({ groups: [input('x'), output('out', 1, 'softmax')], edges: [e('x', 'out')] })).toEqual([
      'softmax group "out" has 1 unit: softmax needs at least 2'
    ]);
    expect(problems({ groups: [input('x'), hidden('h1', 0), output()], edges: [e('x', 'h1'), e('h1', 'out')] })).toEqual([
      'group "h1" has 0 units: a group needs a whole number ≥ 1'
    ]);
    const bad: GroupSpec = { ...input('x', 3), features: [{ op: 'id', a: 0 }] };
    expect(problems({ groups: [bad, output()], edges: [e('x', 'out')] })).toEqual([
      'input group "x" has 3 units but 1 features: one feature per unit'
    ]);
  });

  it('refuses duplicate ids, unknown groups, edges into inputs, duplicate edges and not exactly one output', () => {
    expect(problems({ groups: [input('x'), input('x'), output()], edges: [e('x', 'out')] })).toContain('duplicate group id "x"');
    expect(problems({ groups: [input('x'), output()], edges: [e('x', 'out'), e('x', 'zz')] })).toContain(
      'edge from "x" to "zz" refers to unknown group "zz"'
    );
    expect(problems({ groups: [input('x'), input('y'), output()], edges: [e('x', 'out'), e('y', 'out'), e('x', 'y')] })).toContain(
      'edge from "x" into input group "y": inputs take no connections'
    );
    expect(problems({ groups: [input('x'), output()], edges: [e('x', 'out'), e('x', 'out')] })).toContain('duplicate edge from "x" to "out"');
    expect(problems({ groups: [input('x'), hidden('h')], edges: [e('x', 'h')] })).toContain(
      'the network needs exactly one output group (found 0)'
    );
    expect(
      problems({ groups: [input('x'), output('o1'), output('o2')], edges: [e('x', 'o1'), e('x', 'o2')] })
    ).toContain('the network needs exactly one output group (found 2: "o1", "o2")');
  });

  it('uses display names in messages and reports every problem at once', () => {
    const spec: NetworkSpec = {
      groups: [input('x'), { ...hidden('h1', 0), name: 'Layer A' }, { ...output('out', 1, 'softmax'), name: 'Result' }],
      edges: [e('x', 'h1'), e('h1', 'out')]
    };
    const found = problems(spec);
    expect(found).toEqual([
      'group "Layer A" has 0 units: a group needs a whole number ≥ 1',
      'softmax group "Result" has 1 unit: softmax needs at least 2'
    ]);
    try {
      compile(spec);
    } catch (error) {
      expect((error as Error).message).toBe(found.join('\n'));
    }
  });
});

describe('compile: conv nets', () => {
  const image: GroupSpec = { id: 'img', name: 'digits', kind: 'input', units: 0, activation: 'linear', image: { height: 6, width: 6, channels: 2 } };
  const conv = (kernelSize: number): GroupSpec => ({
    id: 'c',
    name: 'edges',
    kind: 'hidden',
    units: 0,
    activation: 'relu',
    layer: { type: 'conv2d', filters: 3, kernelSize, stride: 1, padding: 'valid' }
  });
  const flat: GroupSpec = { id: 'f', kind: 'hidden', units: 0, activation: 'linear', layer: { type: 'flatten' } };

  it('infers units and lays out the Keras kernel, one bias per filter, then the dense weights', () => {
    const p = compile({ groups: [image, conv(3), flat, output('out', 2, 'softmax')], edges: [e('img', 'c'), e('c', 'f'), e('f', 'out')] });
    expect(p.groups.map((g) => g.units)).toEqual([72, 48, 48, 2]);
    const c = p.layout.groups[1];
    expect(c).toMatchObject({ shape: { height: 4, width: 4, channels: 3 }, kernelOffset: 0, biasOffset: 54, paramCount: 57, inputShape: { height: 6, width: 6, channels: 2 } });
    expect(p.layout.groups[2]).toMatchObject({ biasOffset: -1, paramCount: 0 });
    expect(p.layout.edges).toEqual([{ from: 'f', to: 'out', offset: 57, fromUnits: 48, toUnits: 2 }]);
    expect(p.paramCount).toBe(57 + 98);
  });

  it('refuses a shape mismatch with a SpecError naming both groups and their shapes', () => {
    expect(problems({ groups: [image, conv(7), flat, output('out', 2, 'softmax')], edges: [e('img', 'c'), e('c', 'f'), e('f', 'out')] })).toEqual([
      `conv "edges": its 7×7 window is larger than its input "digits" (6×6×2); use a smaller kernel or 'same' padding`
    ]);
    expect(problems({ groups: [image, conv(3), output('out', 2, 'softmax')], edges: [e('img', 'c'), e('c', 'out')] })).toEqual([
      'dense "out" reads image "edges" (4×4×3): insert a Flatten between "edges" and "out"'
    ]);
  });
});
