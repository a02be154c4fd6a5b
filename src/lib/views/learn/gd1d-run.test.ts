import { describe, expect, it } from 'vitest';
import { formatFixed } from './format';
import { describeRun, gdRun, gdStart, gdStep, hasDiverged } from './gd1d-run';

// Independent of the module under test: the course's function and its derivative, written out here.
const f = (x: number) => Math.exp(-x) + x * x;
const df = (x: number) => -Math.exp(-x) + 2 * x;

describe('gdStart', () => {
  it("shows the course's values at x = -0.5", () => {
    const s = gdStart(-0.5);
    expect(formatFixed(s.fx, 4)).toBe('1.8987');
    expect(formatFixed(s.dfx, 5)).toBe('-2.64872');
    expect(s.k).toBe(0);
    expect(s.v).toBe(0);
  });
  it('matches the second reference point x = 0.25', () => {
    const s = gdStart(0.25);
    expect(s.fx).toBeCloseTo(0.841301, 6);
    expect(s.dfx).toBeCloseTo(-0.278801, 6);
  });
});

describe('gdStep', () => {
  it('takes 5 plain steps from -0.5 with η = 0.1 to the hand-computed x values', () => {
    // x_{k+1} = x_k − 0.1·(−e^(−x_k) + 2x_k), evaluated separately to 10 decimals
    const expected = [-0.2351278729, -0.0615952457, 0.0570769823, 0.1401137214, 0.1990169147];
    let s = gdStart(-0.5);
    let x = -0.5;
    for (let k = 0; k < 5; k++) {
      s = gdStep(s, { lr: 0.1, momentum: 0 });
      x = x - 0.1 * df(x);
      expect(s.k).toBe(k + 1);
      expect(s.x).toBeCloseTo(expected[k], 9);
      expect(s.x).toBeCloseTo(x, 12);
      expect(s.fx).toBeCloseTo(f(x), 12);
      expect(s.dfx).toBeCloseTo(df(x), 12);
    }
    expect(formatFixed(s.x, 5)).toBe('0.19902');
  });

  it('carries velocity with momentum', () => {
    // μ = 0.5: v1 = −0.1·f′(−0.5); x1 = −0.5 + v1; v2 = 0.5·v1 − 0.1·f′(x1); x2 = x1 + v2
    const path = gdRun(-0.5, { lr: 0.1, momentum: 0.5 }, 3);
    expect(path.map((s) => s.x.toFixed(10))).toEqual(['-0.5000000000', '-0.2351278729', '0.0708408179', '0.3028180173']);
    expect(path[2].v).toBeCloseTo(0.0708408179 + 0.2351278729, 9);
  });
});

describe('a too-large learning rate', () => {
  it('oscillates across the minimum and then diverges at η = 1.1', () => {
    const path = gdRun(-0.5, { lr: 1.1, momentum: 0 }, 50);
    // x: 2.4136, −2.7979, 21.408, −25.690, 1.58e11: each jump overshoots further
    expect(path[1].x).toBeCloseTo(2.4135933978, 8);
    expect(path[2].x).toBeCloseTo(-2.7978696325, 8);
    expect(path[3].x).toBeCloseTo(21.4080595711, 6);
    expect(hasDiverged(path[path.length - 1])).toBe(true);
    // the run stops at the first diverged state rather than iterating into NaN
    expect(path.length).toBe(6);
    const verdict = describeRun(path);
    expect(verdict.kind).toBe('diverged');
    expect(verdict.message).toMatch(/Diverged at step 5/);
  });

  it('reports oscillation before divergence when the gradient keeps flipping sign', () => {
    // η = 0.8 at the curvature f″ ≈ 2.7 near the minimum: |1 − η·f″| > 1 so x bounces and grows slowly
    const path = gdRun(0.2, { lr: 0.8, momentum: 0 }, 6);
    const signs = path.map((s) => Math.sign(s.dfx));
    for (let i = 1; i < signs.length; i++) expect(signs[i]).not.toBe(signs[i - 1]);
    expect(describeRun(path).kind).toBe('oscillating');
  });

  it('calls a small-rate run fine', () => {
    expect(describeRun(gdRun(-0.5, { lr: 0.1, momentum: 0 }, 10)).kind).toBe('ok');
  });
});

describe('agreement with the engine', () => {
  it("follows the engine's gdPath step for step, with momentum", async () => {
    const { gdPath } = await import('../../../../workers/engine');
    const engine = gdPath(0.8, 0.3, 12, 0.6);
    const mine = gdRun(0.8, { lr: 0.3, momentum: 0.6 }, 12);
    expect(mine.map((s) => s.x)).toEqual(engine.map((s) => s.x));
    expect(mine.map((s) => s.dfx)).toEqual(engine.map((s) => s.df));
  });
});
