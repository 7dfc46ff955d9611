// Reconnect backoff: the one law every client of the lab follows lives in src/base/backoff.ts (live
// mode's connection uses it too); the simulation's clients take it from here.

export { reconnectDelay } from '../../base/backoff';
