// Checks the parts of a lesson that point into its run: selectors, texts with refs, and check
// expressions parse, and every client they name is in the scenario they will be read against.

import { quote } from '../scenario/errors';
import type { Issues } from '../scenario/issues';
import type { Rule } from '../scenario/rules';
import { ExpressionError, expressionRefs, parseExpression } from './expression';
import { MAX_EXPRESSION_CHARS, MAX_SELECTOR_CHARS } from './limits';
import { typedNumbers } from './lint';
import type { Ref } from './ref';
import { ANY_CLIENT, BROKER_TARGET, SelectorError, parseSelector, type Selector } from './selector';
import { TemplateError, parseTemplate, templateRefs } from './template';

/** Who is in a scenario: what selectors may name, and what text may write as it is. */
export interface Cast {
  /** Client IDs after expansion. */
  clients: ReadonlySet<string>;
  /** Words with digits that text may carry: client IDs and topics. */
  names: readonly string[];
}

/** Why the selector's client is not in the cast, or null. */
function clientProblem(s: Selector, cast: Cast): string | null {
  if (s.client === ANY_CLIENT || cast.clients.has(s.client)) return null;
  if (s.client === BROKER_TARGET) {
    return s.kind === 'fault' ? null : `"broker" names the target of a broker fault only (use it with fault)`;
  }
  return `no client ${JSON.stringify(s.client)} in the scenario (clients: ${[...cast.clients].join(', ')})`;
}

/** A selector (a step's `at`, a highlighted event); `cast` null skips the client check. */
export function checkSelector(issues: Issues, path: string, value: unknown, cast: Cast | null): void {
  if (typeof value !== 'string' || value.length > MAX_SELECTOR_CHARS) {
    issues.reject(path, `must be a selector string of at most ${MAX_SELECTOR_CHARS} characters`, value);
    return;
  }
  let s: Selector;
  try {
    s = parseSelector(value);
  } catch (err) {
    if (err instanceof SelectorError) return issues.reject(path, err.message, value);
    throw err;
  }
  const problem = cast === null ? null : clientProblem(s, cast);
  if (problem !== null) issues.reject(path, problem, value);
}

/** A client ID of a highlighted lane. */
export function checkLane(issues: Issues, path: string, value: unknown, cast: Cast | null): void {
  if (typeof value !== 'string') return issues.reject(path, 'must be a client ID string', value);
  if (cast !== null && value !== BROKER_TARGET && !cast.clients.has(value)) {
    issues.reject(
      path,
      `no client with that ID in the scenario (clients: ${[...cast.clients].join(', ')})`,
      value,
    );
  }
}

function refProblems(refs: readonly Ref[], cast: Cast | null): string[] {
  if (cast === null) return [];
  return refs.flatMap((ref) => {
    if (ref.kind !== 'event') return [];
    const problem = clientProblem(ref.selector, cast);
    return problem === null ? [] : [`{${ref.text}}: ${problem}`];
  });
}

/** Text shown to a student: its rule (length), its refs, and no typed-in numbers. */
export function checkText(issues: Issues, path: string, value: unknown, rule: Rule, cast: Cast | null): void {
  const problem = rule.check(value);
  if (problem !== null) return issues.reject(path, problem, value);
  const text = value as string;
  let refs: Ref[];
  try {
    refs = templateRefs(parseTemplate(text));
  } catch (err) {
    if (err instanceof TemplateError) return issues.add(path, err.message);
    throw err;
  }
  for (const p of refProblems(refs, cast)) issues.add(path, p);
  if (cast === null) return;
  const typed = typedNumbers(text, cast.names);
  if (typed.length > 0) {
    issues.add(
      path,
      `types in a number (${typed.map((w) => JSON.stringify(w)).join(', ')}): numbers come from the run, as {selector.field} refs`,
    );
  }
}

/** A check's expression. */
export function checkExpression(issues: Issues, path: string, value: unknown, cast: Cast | null): void {
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_EXPRESSION_CHARS) {
    issues.reject(path, `must be an expression of at most ${MAX_EXPRESSION_CHARS} characters`, value);
    return;
  }
  try {
    for (const p of refProblems(expressionRefs(parseExpression(value)), cast)) issues.add(path, p);
  } catch (err) {
    if (err instanceof ExpressionError) return issues.add(path, `${err.message} in ${quote(value)}`);
    throw err;
  }
}
