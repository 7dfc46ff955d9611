// A scenario may hold a client's password (for a real run against a broker that asks for one). It
// goes to that broker in CONNECT and nowhere else: a trace's header, a link and an error message get
// the scenario with every password replaced by PASSWORD_MASK. Masked, not removed, so that the copy
// still says a password was sent and still runs (against a broker that takes any password, such as
// ejabberd's anonymous login) and still validates under 3.1.1, where a password needs a user name.

import type { ClientSpec, Scenario } from './types';

export const PASSWORD_MASK = '********';

/** The scenario with every client's password masked; the same object when it has none. */
export function maskPasswords(scenario: Scenario): Scenario {
  if (!hasPasswords(scenario)) return scenario;
  return {
    ...scenario,
    clients: scenario.clients.map((c): ClientSpec =>
      typeof c.password === 'string' ? { ...c, password: PASSWORD_MASK } : c,
    ),
  };
}

/** Whether any client of a (possibly not yet validated) scenario carries a password. */
export function hasPasswords(scenario: unknown): boolean {
  if (typeof scenario !== 'object' || scenario === null) return false;
  const clients = (scenario as { clients?: unknown }).clients;
  return (
    Array.isArray(clients) &&
    clients.some((c: unknown) => typeof c === 'object' && c !== null && 'password' in c)
  );
}

/** For JSON.stringify: a `password` string is written as the mask. */
export function maskPasswordReplacer(key: string, value: unknown): unknown {
  return key === 'password' && typeof value === 'string' ? PASSWORD_MASK : value;
}
