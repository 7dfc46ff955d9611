// A ref reads one field of one selected event: `{selector.field}` (the field is after the last dot,
// so client IDs may contain dots), `{@<profile>:selector.field}` on the trace of another broker
// profile (side-by-side numbers), or `{profile.name}` / `{profile.title}` of the current profile.

import type { BrokerProfileName } from '../scenario/types';
import { fieldProblem, fieldType, type FieldType } from './facts';
import { isProfileName } from './profiles';
import { SelectorError, parseSelector, type Selector } from './selector';

export interface EventRef {
  kind: 'event';
  /** As written, without the braces. */
  text: string;
  /** The profile whose trace is read; null: the current one. */
  profile: BrokerProfileName | null;
  selector: Selector;
  field: string;
  type: FieldType;
}

export interface ProfileRef {
  kind: 'profile';
  text: string;
  field: 'name' | 'title';
}

export type Ref = EventRef | ProfileRef;

/** A ref that does not parse; the message says why. */
export class RefError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefError';
  }
}

/** Parses the inside of `{…}`; throws `RefError`. */
export function parseRef(text: string): Ref {
  if (text === 'profile.name' || text === 'profile.title') {
    return { kind: 'profile', text, field: text === 'profile.name' ? 'name' : 'title' };
  }
  let profile: BrokerProfileName | null = null;
  let rest = text;
  if (text.startsWith('@')) {
    const colon = text.indexOf(':');
    const name = colon < 0 ? text.slice(1) : text.slice(1, colon);
    if (!isProfileName(name)) throw new RefError(`unknown broker profile ${JSON.stringify(name)} after "@"`);
    profile = name;
    rest = text.slice(colon + 1);
  }
  const dot = rest.lastIndexOf('.');
  if (dot < 0 || rest.indexOf('.') === dot) {
    throw new RefError(`must be {selector.field} or {@profile:selector.field} (got {${text}})`);
  }
  const field = rest.slice(dot + 1);
  let selector: Selector;
  try {
    selector = parseSelector(rest.slice(0, dot));
  } catch (err) {
    if (err instanceof SelectorError) throw new RefError(`selector ${rest.slice(0, dot)}: ${err.message}`);
    throw err;
  }
  const problem = fieldProblem(selector.kind, field);
  if (problem !== null) throw new RefError(problem);
  return { kind: 'event', text, profile, selector, field, type: fieldType(field) ?? 'number' };
}
