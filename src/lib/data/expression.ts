/**
 * A small, safe parser for y = f(x) typed by a person (the 'function' data generator).
 * No eval, no Function: the text becomes a tree of closures over Math.
 *
 * Grammar (precedence low → high):
 *   sum     = product (('+' | '-') product)*
 *   product = unary (('*' | '/') unary | implicit unary)*     implicit: "2x", "3(x+1)", "2 sin(x)"
 *   unary   = ('-' | '+') unary | power
 *   power   = primary ('^' unary)?                             right-associative, so -x^2 = -(x^2)
 *   primary = number | 'x' | constant | function '(' sum ')' | '(' sum ')'
 */

import { MAX_EXPRESSION_CHARS } from '../limits';

export type ParsedExpression = { ok: true; evaluate(x: number): number } | { ok: false; error: string };

const FUNCTIONS: Record<string, (v: number) => number> = {
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  abs: Math.abs,
  tanh: Math.tanh
};
const CONSTANTS: Record<string, number> = { pi: Math.PI, e: Math.E };
const NAME_HINT = 'use x, pi, e or sin, cos, tan, exp, log, sqrt, abs, tanh';

/** Expressions longer than this are refused: nobody types them, and the recursion stays shallow. */
const MAX_LENGTH = MAX_EXPRESSION_CHARS;

type TokenKind = 'number' | 'name' | 'op' | '(' | ')' | 'end';
interface Token {
  kind: TokenKind;
  text: string;
  /** 1-based character position, as a person counts */
  pos: number;
  value?: number;
}

type Node = (x: number) => number;

class ParseError extends Error {}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (/[0-9.]/.test(ch)) {
      const match = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(i));
      if (!match) throw new ParseError(`a lone "." at ${start + 1} is not a number`);
      i += match[0].length;
      tokens.push({ kind: 'number', text: match[0], pos: start + 1, value: Number(match[0]) });
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      const match = /^[A-Za-z_][A-Za-z_0-9]*/.exec(text.slice(i))!;
      i += match[0].length;
      tokens.push({ kind: 'name', text: match[0], pos: start + 1 });
      continue;
    }
    if (ch === '*' && text[i + 1] === '*') {
      i += 2;
      tokens.push({ kind: 'op', text: '^', pos: start + 1 });
      continue;
    }
    if ('+-*/^'.includes(ch)) {
      i++;
      tokens.push({ kind: 'op', text: ch, pos: start + 1 });
      continue;
    }
    if (ch === '(' || ch === ')') {
      i++;
      tokens.push({ kind: ch, text: ch, pos: start + 1 });
      continue;
    }
    throw new ParseError(`unexpected character "${ch}" at ${start + 1}`);
  }
  tokens.push({ kind: 'end', text: '', pos: text.length + 1 });
  return tokens;
}

class Parser {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.index];
  }
  private take(): Token {
    return this.tokens[this.index++];
  }
  private describe(token: Token): string {
    return token.kind === 'end' ? `the end (at ${token.pos})` : `"${token.text}" at ${token.pos}`;
  }

  parseAll(): Node {
    const node = this.sum();
    const rest = this.peek();
    if (rest.kind !== 'end') {
      throw new ParseError(rest.kind === ')' ? `unmatched ")" at ${rest.pos}` : `unexpected ${this.describe(rest)}`);
    }
    return node;
  }

  private sum(): Node {
    let left = this.product();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || (t.text !== '+' && t.text !== '-')) return left;
      this.take();
      const right = this.product();
      const l = left;
      left = t.text === '+' ? (x) => l(x) + right(x) : (x) => l(x) - right(x);
    }
  }

  private product(): Node {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      const l = left;
      if (t.kind === 'op' && (t.text === '*' || t.text === '/')) {
        this.take();
        const right = this.unary();
        // Division by zero is allowed: it gives ±Infinity or NaN, which the generator treats as "below".
        left = t.text === '*' ? (x) => l(x) * right(x) : (x) => l(x) / right(x);
      } else if (t.kind === 'number' || t.kind === 'name' || t.kind === '(') {
        const right = this.unary();
        left = (x) => l(x) * right(x);
      } else {
        return left;
      }
    }
  }

  private unary(): Node {
    const t = this.peek();
    if (t.kind === 'op' && (t.text === '-' || t.text === '+')) {
      this.take();
      const operand = this.unary();
      return t.text === '-' ? (x) => -operand(x) : operand;
    }
    return this.power();
  }

  private power(): Node {
    const base = this.primary();
    const t = this.peek();
    if (t.kind === 'op' && t.text === '^') {
      this.take();
      const exponent = this.unary();
      return (x) => Math.pow(base(x), exponent(x));
    }
    return base;
  }

  private primary(): Node {
    const t = this.take();
    if (t.kind === 'number') {
      const value = t.value!;
      return () => value;
    }
    if (t.kind === '(') {
      const inner = this.sum();
      this.expectClose(t);
      return inner;
    }
    if (t.kind === 'name') {
      const name = t.text.toLowerCase();
      if (name === 'x') return (x) => x;
      if (Object.hasOwn(CONSTANTS, name)) {
        const value = CONSTANTS[name];
        return () => value;
      }
      if (Object.hasOwn(FUNCTIONS, name)) {
        const fn = FUNCTIONS[name];
        const open = this.take();
        if (open.kind !== '(') throw new ParseError(`"${t.text}" at ${t.pos} needs parentheses, e.g. ${name}(x)`);
        if (this.peek().kind === ')') throw new ParseError(`"${t.text}(" at ${t.pos} needs an argument, e.g. ${name}(x)`);
        const argument = this.sum();
        this.expectClose(open);
        return (x) => fn(argument(x));
      }
      throw new ParseError(`unknown name "${t.text}" at ${t.pos}: ${NAME_HINT}`);
    }
    if (t.kind === 'end') throw new ParseError(`the expression ends too early (at ${t.pos}): a number, x or "(" is missing`);
    throw new ParseError(`unexpected ${this.describe(t)}: expected a number, x, a function or "("`);
  }

  private expectClose(open: Token): void {
    const t = this.take();
    if (t.kind !== ')') throw new ParseError(`missing ")" for the "(" at ${open.pos}, found ${this.describe(t)}`);
  }
}

/** Parse y = f(x). Errors name the position (1-based character) and what went wrong. */
export function parseExpression(text: string): ParsedExpression {
  if (text.trim() === '') return { ok: false, error: 'type an expression in x, e.g. sin(2*x) or x^2/3' };
  if (text.length > MAX_LENGTH) return { ok: false, error: `the expression is longer than ${MAX_LENGTH} characters` };
  try {
    const node = new Parser(tokenize(text)).parseAll();
    return { ok: true, evaluate: node };
  } catch (error) {
    if (error instanceof ParseError) return { ok: false, error: error.message };
    throw error;
  }
}
