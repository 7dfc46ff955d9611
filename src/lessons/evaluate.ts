// Evaluating a parsed check expression against a run: refs read the trace, detectLo / detectHi the
// current profile's detection window. Numbers that differ by less than a billionth compare equal,
// so that sums of facts (kept to the microsecond) do not decide a check by rounding.

import { ExpressionError, type Compare, type Expr, type FunctionName } from './expression';
import type { EventRef } from './ref';

/** What an expression reads while it is evaluated. */
export interface ExpressionEnv {
  value(ref: EventRef): number;
  /** The current profile's detection window for keep alive k, seconds; null when k turns it off. */
  detection(k: number): { lo: number; hi: number } | null;
}

/** A value read while evaluating, for the message: `{timeout.sensor-1.afterLastPacketS} = 15`. */
export interface Measured {
  text: string;
  value: number;
}

/** Numbers closer than this (relative) are equal. */
const EPSILON = 1e-9;

function compare(op: Compare, a: number, b: number): boolean {
  const near = Math.abs(a - b) <= EPSILON * Math.max(1, Math.abs(a), Math.abs(b));
  switch (op) {
    case '<':
      return a < b && !near;
    case '<=':
      return a < b || near;
    case '>':
      return a > b && !near;
    case '>=':
      return a > b || near;
    case '==':
      return near;
    case '!=':
      return !near;
  }
}

/**
 * Evaluates a parsed expression; the refs and function calls it reads are appended to `measured`.
 * Throws `ExpressionError` (division by zero, a window for keep alive 0) and whatever `env` throws.
 */
export function evaluateExpression(e: Expr, env: ExpressionEnv, measured: Measured[]): number | boolean {
  const num = (x: Expr): number => evaluateExpression(x, env, measured) as number;
  const bool = (x: Expr): boolean => evaluateExpression(x, env, measured) as boolean;
  switch (e.op) {
    case 'number':
      return e.value;
    case 'ref': {
      const value = env.value(e.ref);
      note(measured, `{${e.ref.text}}`, value);
      return value;
    }
    case 'call':
      return call(e.name, e.args.map(num), e.column, env, measured);
    case 'neg':
      return -num(e.arg);
    case 'not':
      return !bool(e.arg);
    case 'and':
      return bool(e.left) && bool(e.right);
    case 'or':
      return bool(e.left) || bool(e.right);
    case '+':
      return num(e.left) + num(e.right);
    case '-':
      return num(e.left) - num(e.right);
    case '*':
      return num(e.left) * num(e.right);
    case '/': {
      const left = num(e.left);
      const right = num(e.right);
      if (right === 0) throw new ExpressionError(e.column, 'division by zero');
      return left / right;
    }
    default:
      return compare(e.op, num(e.left), num(e.right));
  }
}

function call(
  name: FunctionName,
  args: number[],
  column: number,
  env: ExpressionEnv,
  measured: Measured[],
): number {
  switch (name) {
    case 'min':
      return Math.min(...args);
    case 'max':
      return Math.max(...args);
    case 'abs':
      return Math.abs(args[0]);
    case 'detectLo':
    case 'detectHi': {
      const range = env.detection(args[0]);
      if (range === null) {
        throw new ExpressionError(
          column,
          `${name}(${args[0]}): keep alive 0 is off, so there is no detection window`,
        );
      }
      const value = name === 'detectLo' ? range.lo : range.hi;
      note(measured, `${name}(${args[0]})`, value);
      return value;
    }
  }
}

function note(measured: Measured[], text: string, value: number): void {
  if (!measured.some((m) => m.text === text)) measured.push({ text, value });
}
