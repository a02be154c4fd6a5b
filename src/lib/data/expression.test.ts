import { describe, expect, it } from 'vitest';
import { createRng } from '../../../workers/engine';
import { parseExpression } from './expression';

function evaluate(text: string, x: number): number {
  const parsed = parseExpression(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.evaluate(x);
}

function errorOf(text: string): string {
  const parsed = parseExpression(text);
  if (parsed.ok) throw new Error(`"${text}" parsed`);
  return parsed.error;
}

describe('parseExpression: valid expressions', () => {
  it('respects precedence and associativity', () => {
    expect(evaluate('1 + 2 * 3', 0)).toBe(7);
    expect(evaluate('(1 + 2) * 3', 0)).toBe(9);
    expect(evaluate('8 / 4 / 2', 0)).toBe(1);
    expect(evaluate('10 - 3 - 2', 0)).toBe(5);
    expect(evaluate('2 ^ 3 ^ 2', 0)).toBe(512);
    expect(evaluate('2 ** 3', 0)).toBe(8);
  });

  it('binds unary minus looser than power: -x^2 is -(x^2)', () => {
    expect(evaluate('-x^2', 3)).toBe(-9);
    expect(evaluate('(-x)^2', 3)).toBe(9);
    expect(evaluate('2^-1', 0)).toBe(0.5);
    expect(evaluate('--x', 4)).toBe(4);
  });

  it('evaluates x, constants and every function', () => {
    expect(evaluate('x', 1.5)).toBe(1.5);
    expect(evaluate('pi', 0)).toBeCloseTo(Math.PI, 12);
    expect(evaluate('e', 0)).toBeCloseTo(Math.E, 12);
    expect(evaluate('sin(x)', 0.3)).toBeCloseTo(Math.sin(0.3), 12);
    expect(evaluate('cos(x)', 0.3)).toBeCloseTo(Math.cos(0.3), 12);
    expect(evaluate('tan(x)', 0.3)).toBeCloseTo(Math.tan(0.3), 12);
    expect(evaluate('exp(x)', 0.3)).toBeCloseTo(Math.exp(0.3), 12);
    expect(evaluate('log(x)', 0.3)).toBeCloseTo(Math.log(0.3), 12);
    expect(evaluate('sqrt(x)', 0.3)).toBeCloseTo(Math.sqrt(0.3), 12);
    expect(evaluate('abs(x)', -0.3)).toBeCloseTo(0.3, 12);
    expect(evaluate('tanh(x)', 0.3)).toBeCloseTo(Math.tanh(0.3), 12);
  });

  it('accepts implicit multiplication, upper case names and scientific notation', () => {
    expect(evaluate('2x', 3)).toBe(6);
    expect(evaluate('3(x + 1)', 1)).toBe(6);
    expect(evaluate('2 sin(x)', Math.PI / 2)).toBeCloseTo(2, 12);
    expect(evaluate('Sin(X)', 0.5)).toBeCloseTo(Math.sin(0.5), 12);
    expect(evaluate('1.5e2 + .5', 0)).toBe(150.5);
  });

  it('computes a realistic boundary function', () => {
    expect(evaluate('x^2/3 - 2', 3)).toBeCloseTo(1, 12);
    expect(evaluate('2*sin(1.5*x)', 1)).toBeCloseTo(2 * Math.sin(1.5), 12);
  });

  it('lets division by zero give Infinity or NaN instead of throwing', () => {
    expect(evaluate('1/x', 0)).toBe(Infinity);
    expect(evaluate('-1/x', 0)).toBe(-Infinity);
    expect(evaluate('x/x', 0)).toBeNaN();
    expect(evaluate('log(x)', -1)).toBeNaN();
  });
});

describe('parseExpression: errors name the position and the problem', () => {
  it('refuses an empty expression', () => {
    expect(errorOf('   ')).toMatch(/type an expression/);
  });

  it('names an unknown name and its position, and lists what is allowed', () => {
    expect(errorOf('2 * foo')).toBe('unknown name "foo" at 5: use x, pi, e or sin, cos, tan, exp, log, sqrt, abs, tanh');
    expect(errorOf('y + 1')).toMatch(/unknown name "y" at 1/);
  });

  it('refuses unknown characters', () => {
    expect(errorOf('x % 2')).toBe('unexpected character "%" at 3');
  });

  it('reports a missing or unmatched parenthesis', () => {
    expect(errorOf('sin(x')).toMatch(/missing "\)" for the "\(" at 4/);
    expect(errorOf('x)')).toBe('unmatched ")" at 2');
  });

  it('reports a dangling operator', () => {
    expect(errorOf('x +')).toMatch(/ends too early \(at 4\)/);
    expect(errorOf('* x')).toMatch(/unexpected "\*" at 1/);
  });

  it('requires parentheses and an argument for functions', () => {
    expect(errorOf('sin x')).toMatch(/"sin" at 1 needs parentheses/);
    expect(errorOf('sqrt()')).toMatch(/needs an argument/);
  });

  it('refuses code that eval would run', () => {
    expect(parseExpression('alert(1)').ok).toBe(false);
    expect(parseExpression('x; process.exit()').ok).toBe(false);
    expect(parseExpression('constructor').ok).toBe(false);
  });

  it('never throws: 2,000 seeded random texts and the deepest nestings the length limit allows', () => {
    const rng = createRng(14);
    const CHARS = 'x0123456789.e+-*/^() sincoexpqrtlgabhpi,;<>=_$"\'\\`{}[]';
    const texts = Array.from({ length: 2000 }, () => Array.from({ length: 1 + rng.int(80) }, () => CHARS[rng.int(CHARS.length)]).join(''));
    texts.push('('.repeat(250) + 'x' + ')'.repeat(250), '-'.repeat(499) + 'x', 'x^'.repeat(249) + 'x', 'sin('.repeat(100) + 'x' + ')'.repeat(100));
    for (const text of texts) {
      const parsed = parseExpression(text);
      if (parsed.ok) expect(typeof parsed.evaluate(0.5)).toBe('number');
      else expect(parsed.error.length).toBeGreaterThan(5);
    }
  });
});

