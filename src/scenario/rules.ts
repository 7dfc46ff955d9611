// Value rules. `check` returns what the value must be (`must be 0..65535`) or null when it passes;
// `what` describes a good value, for fields that are missing.

import { topicFilterProblem, topicNameProblem } from './topics';

export interface Rule {
  what: string;
  check(value: unknown): string | null;
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** An integer in min..max. Out of range reads `must be 0..65535`, as in the format's own example. */
export function integer(min: number, max: number): Rule {
  const range = `${min}..${max}`;
  return {
    what: `an integer ${range}`,
    check: (v) =>
      !isNumber(v) || !Number.isInteger(v)
        ? `must be an integer ${range}`
        : v < min || v > max
          ? `must be ${range}`
          : null,
  };
}

/**
 * A finite number with optional bounds (`above` is exclusive, `min` and `max` inclusive); `label`
 * replaces the generated description of the bounds (`>= minMs (1000)`).
 */
export function number(bounds: { min?: number; above?: number; max?: number; label?: string }): Rule {
  const { min, above, max, label } = bounds;
  const parts: string[] = [];
  if (min !== undefined && max !== undefined) parts.push(`${min}..${max}`);
  else if (min !== undefined) parts.push(`>= ${min}`);
  if (above !== undefined) parts.push(`> ${above}`);
  if (max !== undefined && min === undefined) parts.push(`<= ${max}`);
  const what = `a number ${label ?? parts.join(' and ')}`;
  return {
    what,
    check: (v) =>
      !isNumber(v) ||
      (min !== undefined && v < min) ||
      (above !== undefined && v <= above) ||
      (max !== undefined && v > max)
        ? `must be ${what}`
        : null,
  };
}

export const boolean: Rule = {
  what: 'true or false',
  check: (v) => (typeof v === 'boolean' ? null : 'must be true or false'),
};

export const string: Rule = {
  what: 'a string',
  check: (v) => (typeof v === 'string' ? null : 'must be a string'),
};

export const nonEmptyString: Rule = {
  what: 'a non-empty string',
  check: (v) => (typeof v === 'string' && v.length > 0 ? null : 'must be a non-empty string'),
};

/** One of a few literal values: `must be 4 or 5`, `must be one of "spec", "emqx"`. */
export function oneOf(values: readonly (string | number)[]): Rule {
  const shown = values.map((v) => JSON.stringify(v));
  const what =
    values.length === 1
      ? shown[0]
      : values.length <= 3
        ? `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`
        : `one of ${shown.join(', ')}`;
  return { what, check: (v) => (values.some((x) => x === v) ? null : `must be ${what}`) };
}

export const qos: Rule = oneOf([0, 1, 2]);

export function orNull(rule: Rule): Rule {
  return {
    what: `null or ${rule.what}`,
    check: (v) => (v === null || rule.check(v) === null ? null : `must be null or ${rule.what}`),
  };
}

export const topicName: Rule = {
  what: 'a topic name without wildcards',
  check: (v) => (typeof v !== 'string' ? 'must be a topic name string' : topicNameProblem(v)),
};

export const topicFilter: Rule = {
  what: 'a topic filter',
  check: (v) => (typeof v !== 'string' ? 'must be a topic filter string' : topicFilterProblem(v)),
};

/** Times and durations (ms): a finite number >= 0. */
export const nonNegative: Rule = number({ min: 0 });
/** A period (ms) that must be positive. */
export const positive: Rule = number({ above: 0 });

export const U16 = 65535;
export const U32 = 4294967295;
