// Check expressions: a tiny language with its own parser (never eval). Numbers, refs, + - * / and
// parentheses, comparisons < <= > >= == != (not chained), and / or / not, and the functions
// detectLo(k) / detectHi(k) (the current profile's keep-alive detection window, seconds), min, max
// and abs. Types are checked when parsing: a check must be a comparison or a combination of
// comparisons, and arithmetic works on numbers only. Errors name the 1-based column.

import { RefError, parseRef, type EventRef } from './ref';

export type FunctionName = 'detectLo' | 'detectHi' | 'min' | 'max' | 'abs';
type Arith = '+' | '-' | '*' | '/';
export type Compare = '<' | '<=' | '>' | '>=' | '==' | '!=';
type Logic = 'and' | 'or';

export type Expr =
  | { op: 'number'; value: number; column: number }
  | { op: 'ref'; ref: EventRef; column: number }
  | { op: 'call'; name: FunctionName; args: Expr[]; column: number }
  | { op: 'neg' | 'not'; arg: Expr; column: number }
  | { op: Arith | Compare | Logic; left: Expr; right: Expr; column: number };

type ValueType = 'number' | 'boolean';

/** An expression that does not parse, or that fails when evaluated; `column` is 1-based. */
export class ExpressionError extends Error {
  readonly column: number;

  constructor(column: number, detail: string) {
    super(`column ${column}: ${detail}`);
    this.name = 'ExpressionError';
    this.column = column;
  }
}

const FUNCTIONS: Record<FunctionName, { min: number; max: number }> = {
  detectLo: { min: 1, max: 1 },
  detectHi: { min: 1, max: 1 },
  min: { min: 1, max: 16 },
  max: { min: 1, max: 16 },
  abs: { min: 1, max: 1 },
};
const COMPARE: readonly string[] = ['<', '<=', '>', '>=', '==', '!='];

interface Token {
  kind: 'number' | 'ref' | 'name' | 'op' | 'end';
  text: string;
  column: number;
  value?: number;
  ref?: EventRef;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const column = i + 1;
    if (c === ' ' || c === '\t' || c === '\n') {
      i++;
      continue;
    }
    const number = /^(\d+(\.\d+)?|\.\d+)/.exec(text.slice(i));
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    const op = /^(<=|>=|==|!=|[<>+\-*/(),])/.exec(text.slice(i));
    if (number !== null) {
      tokens.push({ kind: 'number', text: number[0], column, value: Number(number[0]) });
      i += number[0].length;
    } else if (name !== null) {
      tokens.push({ kind: 'name', text: name[0], column });
      i += name[0].length;
    } else if (op !== null) {
      tokens.push({ kind: 'op', text: op[0], column });
      i += op[0].length;
    } else if (c === '{') {
      const end = text.indexOf('}', i);
      if (end < 0) throw new ExpressionError(column, 'a "{" without its "}"');
      tokens.push({
        kind: 'ref',
        text: text.slice(i, end + 1),
        column,
        ref: numberRef(text.slice(i + 1, end), column),
      });
      i = end + 1;
    } else if (c === '=') {
      throw new ExpressionError(column, 'a single "=" (compare with "==")');
    } else {
      throw new ExpressionError(column, `unexpected ${JSON.stringify(c)}`);
    }
  }
  tokens.push({ kind: 'end', text: 'the end', column: text.length + 1 });
  return tokens;
}

function numberRef(body: string, column: number): EventRef {
  let ref;
  try {
    ref = parseRef(body);
  } catch (err) {
    if (err instanceof RefError) throw new ExpressionError(column, `{${body}}: ${err.message}`);
    throw err;
  }
  if (ref.kind !== 'event' || ref.type !== 'number') {
    throw new ExpressionError(column, `{${body}} is text: checks compare numbers only`);
  }
  return ref;
}

class Parser {
  private i = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): Expr {
    const e = this.or();
    const t = this.peek();
    if (t.kind !== 'end') throw this.unexpected(t, 'an operator or the end');
    return e;
  }

  private peek(): Token {
    return this.tokens[this.i];
  }

  private next(): Token {
    return this.tokens[this.i++];
  }

  private is(text: string): boolean {
    const t = this.peek();
    return (t.kind === 'op' || t.kind === 'name') && t.text === text;
  }

  private unexpected(t: Token, expected: string): ExpressionError {
    return new ExpressionError(
      t.column,
      `expected ${expected} (got ${t.kind === 'end' ? 'the end' : JSON.stringify(t.text)})`,
    );
  }

  private or(): Expr {
    let left = this.and();
    while (this.is('or')) left = this.logic(this.next(), left, this.and());
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.is('and')) left = this.logic(this.next(), left, this.not());
    return left;
  }

  private not(): Expr {
    if (!this.is('not')) return this.comparison();
    const t = this.next();
    const arg = this.not();
    expectType(arg, 'boolean', `"not" takes a comparison`);
    return { op: 'not', arg, column: t.column };
  }

  private comparison(): Expr {
    const left = this.sum();
    const t = this.peek();
    if (t.kind !== 'op' || !COMPARE.includes(t.text)) return left;
    this.next();
    const right = this.sum();
    expectType(left, 'number', `"${t.text}" compares numbers`);
    expectType(right, 'number', `"${t.text}" compares numbers`);
    const after = this.peek();
    if (after.kind === 'op' && COMPARE.includes(after.text)) {
      throw new ExpressionError(after.column, 'comparisons do not chain: join them with "and"');
    }
    return { op: t.text as Compare, left, right, column: t.column };
  }

  private sum(): Expr {
    let left = this.product();
    while (this.is('+') || this.is('-')) left = this.arith(this.next(), left, this.product());
    return left;
  }

  private product(): Expr {
    let left = this.unary();
    while (this.is('*') || this.is('/')) left = this.arith(this.next(), left, this.unary());
    return left;
  }

  private unary(): Expr {
    if (!this.is('-')) return this.primary();
    const t = this.next();
    const arg = this.unary();
    expectType(arg, 'number', '"-" takes a number');
    return { op: 'neg', arg, column: t.column };
  }

  private primary(): Expr {
    const t = this.next();
    if (t.kind === 'number') return { op: 'number', value: t.value ?? 0, column: t.column };
    if (t.kind === 'ref' && t.ref !== undefined) return { op: 'ref', ref: t.ref, column: t.column };
    if (t.kind === 'op' && t.text === '(') {
      const inner = this.or();
      if (!this.is(')')) throw this.unexpected(this.peek(), '")"');
      this.next();
      return inner;
    }
    if (t.kind === 'name' && Object.hasOwn(FUNCTIONS, t.text)) return this.call(t);
    if (t.kind === 'name' && !['and', 'or', 'not'].includes(t.text)) {
      throw new ExpressionError(
        t.column,
        `unknown name ${JSON.stringify(t.text)} (functions: ${Object.keys(FUNCTIONS).join(', ')}; refs are written {selector.field})`,
      );
    }
    throw this.unexpected(t, 'a number, a {ref}, a function or "("');
  }

  private call(t: Token): Expr {
    const name = t.text as FunctionName;
    if (!this.is('(')) throw this.unexpected(this.peek(), `"(" after ${name}`);
    this.next();
    const args: Expr[] = [];
    while (!this.is(')')) {
      if (args.length > 0) {
        if (!this.is(',')) throw this.unexpected(this.peek(), '"," or ")"');
        this.next();
      }
      const arg = this.or();
      expectType(arg, 'number', `${name} takes numbers`);
      args.push(arg);
    }
    this.next();
    const { min, max } = FUNCTIONS[name];
    if (args.length < min || args.length > max) {
      const count = min === max ? `${min}` : `${min} to ${max}`;
      throw new ExpressionError(
        t.column,
        `${name} takes ${count} argument${max === 1 ? '' : 's'} (got ${args.length})`,
      );
    }
    return { op: 'call', name, args, column: t.column };
  }

  private logic(t: Token, left: Expr, right: Expr): Expr {
    expectType(left, 'boolean', `"${t.text}" joins comparisons`);
    expectType(right, 'boolean', `"${t.text}" joins comparisons`);
    return { op: t.text as Logic, left, right, column: t.column };
  }

  private arith(t: Token, left: Expr, right: Expr): Expr {
    expectType(left, 'number', `"${t.text}" takes numbers`);
    expectType(right, 'number', `"${t.text}" takes numbers`);
    return { op: t.text as Arith, left, right, column: t.column };
  }
}

export function typeOf(e: Expr): ValueType {
  switch (e.op) {
    case 'number':
    case 'ref':
    case 'call':
    case 'neg':
    case '+':
    case '-':
    case '*':
    case '/':
      return 'number';
    default:
      return 'boolean';
  }
}

function expectType(e: Expr, type: ValueType, rule: string): void {
  if (typeOf(e) !== type) {
    throw new ExpressionError(e.column, `${rule} (got ${type === 'number' ? 'a comparison' : 'a number'})`);
  }
}

/** Parses a check expression, which must be true or false; throws `ExpressionError`. */
export function parseExpression(text: string): Expr {
  const expr = new Parser(tokenize(text)).parse();
  if (typeOf(expr) !== 'boolean') {
    throw new ExpressionError(1, 'a check must compare (e.g. {a.b.atS} < 10), not just compute a number');
  }
  return expr;
}

/** Every ref in an expression, in reading order. */
export function expressionRefs(e: Expr): EventRef[] {
  switch (e.op) {
    case 'number':
      return [];
    case 'ref':
      return [e.ref];
    case 'call':
      return e.args.flatMap(expressionRefs);
    case 'neg':
    case 'not':
      return expressionRefs(e.arg);
    default:
      return [...expressionRefs(e.left), ...expressionRefs(e.right)];
  }
}
