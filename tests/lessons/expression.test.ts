import { describe, expect, it } from 'vitest';
import { evaluateExpression, type ExpressionEnv, type Measured } from '../../src/lessons/evaluate';
import { ExpressionError, expressionRefs, parseExpression } from '../../src/lessons/expression';

/** Refs read their value from `values` by text; keep alive k has the window [1.5 k, 2 k]. */
function env(values: Record<string, number> = {}): ExpressionEnv {
  return {
    value: (ref) => values[ref.text] ?? NaN,
    detection: (k) => (k === 0 ? null : { lo: 1.5 * k, hi: 2 * k }),
  };
}

function run(
  text: string,
  values: Record<string, number> = {},
): { result: number | boolean; measured: Measured[] } {
  const measured: Measured[] = [];
  return { result: evaluateExpression(parseExpression(text), env(values), measured), measured };
}

function error(text: string, values: Record<string, number> = {}): string {
  try {
    run(text, values);
  } catch (err) {
    if (err instanceof ExpressionError) return err.message;
    throw err;
  }
  throw new Error(`no error for ${text}`);
}

describe('parseExpression: precedence', () => {
  it.each([
    ['1 + 2 * 3 == 7', true],
    ['(1 + 2) * 3 == 9', true],
    ['10 - 4 - 3 == 3', true],
    ['12 / 3 / 2 == 2', true],
    ['-2 * 3 == -6', true],
    ['- -2 == 2', true],
    ['not 1 > 2 and 2 > 1', true],
    ['1 > 2 or 2 > 1 and 0 > 1', false],
    ['(1 > 2 or 2 > 1) and 0 > 1', false],
    ['not (1 < 2 and 2 < 3)', false],
    ['.5 + 1.25 == 1.75', true],
    ['1 != 2 and 2 <= 2 and 2 >= 2 and 1 < 2 and 3 > 2', true],
  ])('%s is %s', (text, expected) => {
    expect(run(text).result).toBe(expected);
  });

  it('calls min, max, abs and the detection window', () => {
    expect(run('min(3, 1, 2) == 1 and max(3, 1, 2) == 3 and abs(0 - 4) == 4').result).toBe(true);
    expect(run('detectLo(10) == 15 and detectHi(10) == 20').result).toBe(true);
  });

  it('compares numbers to within a billionth, so rounding does not decide a check', () => {
    expect(run('0.1 + 0.2 == 0.3').result).toBe(true);
    expect(run('0.1 + 0.2 > 0.3').result).toBe(false);
    expect(run('0.1 + 0.2 <= 0.3').result).toBe(true);
    expect(run('15.000001 > 15').result).toBe(true);
  });
});

describe('evaluateExpression: what it reads', () => {
  it('notes each ref and window once, in reading order', () => {
    const { result, measured } = run(
      '{will.x.atS} >= detectLo({timeout.x.keepAliveS}) and {will.x.atS} <= detectHi({timeout.x.keepAliveS})',
      {
        'will.x.atS': 16,
        'timeout.x.keepAliveS': 10,
      },
    );
    expect(result).toBe(true);
    expect(measured).toEqual([
      { text: '{will.x.atS}', value: 16 },
      { text: '{timeout.x.keepAliveS}', value: 10 },
      { text: 'detectLo(10)', value: 15 },
      { text: 'detectHi(10)', value: 20 },
    ]);
  });

  it('stops at the first false "and" and the first true "or"', () => {
    expect(run('1 > 2 and {will.x.atS} > 0').measured).toEqual([]);
    expect(run('1 < 2 or {will.x.atS} > 0').measured).toEqual([]);
  });

  it('lists the refs of an expression', () => {
    expect(
      expressionRefs(parseExpression('abs({will.x.atS} - {timeout.y.atS}) < min(1, {conn.z.count})')).map(
        (r) => r.text,
      ),
    ).toEqual(['will.x.atS', 'timeout.y.atS', 'conn.z.count']);
  });

  it.each([
    ['1 / 0 > 0', 'column 3: division by zero'],
    ['detectLo(0) > 0', 'column 1: detectLo(0): keep alive 0 is off, so there is no detection window'],
  ])('fails when evaluating %s', (text, message) => {
    expect(error(text)).toBe(message);
  });
});

describe('parseExpression: errors name the column', () => {
  it.each([
    ['1 + > 2', 'column 5: expected a number, a {ref}, a function or "(" (got ">")'],
    ['{will.x.atS} = 3', 'column 14: a single "=" (compare with "==")'],
    ['1 < 2 < 3', 'column 7: comparisons do not chain: join them with "and"'],
    ['(1 < 2', 'column 7: expected ")" (got the end)'],
    ['1 < 2)', 'column 6: expected an operator or the end (got ")")'],
    ['abs(1, 2) > 0', 'column 1: abs takes 1 argument (got 2)'],
    ['min() > 0', 'column 1: min takes 1 to 16 arguments (got 0)'],
    ['min(1 2) > 0', 'column 7: expected "," or ")" (got "2")'],
    ['abs 1 > 0', 'column 5: expected "(" after abs (got "1")'],
    [
      'foo(1) > 0',
      'column 1: unknown name "foo" (functions: detectLo, detectHi, min, max, abs; refs are written {selector.field})',
    ],
    ['1 + 2', 'column 1: a check must compare (e.g. {a.b.atS} < 10), not just compute a number'],
    ['(1 > 2) + 1 > 0', 'column 4: "+" takes numbers (got a comparison)'],
    ['1 and 2 > 1', 'column 1: "and" joins comparisons (got a number)'],
    ['not 1', 'column 5: "not" takes a comparison (got a number)'],
    ['1 > 0 #', 'column 7: unexpected "#"'],
    ['{will.x.atS > 1', 'column 1: a "{" without its "}"'],
    [
      '{will.x.fooS} > 1',
      expect.stringMatching(/^column 1: \{will\.x\.fooS\}: unknown field "fooS" \(will has atS, count,/),
    ],
    ['{will.x.cause} == 1', 'column 1: {will.x.cause} is text: checks compare numbers only'],
    ['{profile.name} == 1', 'column 1: {profile.name} is text: checks compare numbers only'],
    ['{@nope:will.x.atS} > 1', 'column 1: {@nope:will.x.atS}: unknown broker profile "nope" after "@"'],
    [
      '{timeout.x.delayS} > 1',
      'column 1: {timeout.x.delayS}: timeout has no field "delayS" (it belongs to will)',
    ],
  ])('%s', (text, message) => {
    expect(error(text)).toEqual(message);
  });
});
