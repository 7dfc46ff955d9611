// Every device of a run, as a table (one row per device, one typed array per field, like the
// connections): what is physically true of it (power, process, network link) and which connection its
// client currently uses. A `clone` is one more row with the same spec.

import type { ResolvedClient } from '../../scenario/types';
import { resized } from '../../trace/grow';
import { LIBRARY_CODE } from './libraries';

const INITIAL_CAPACITY = 1024;

export class Devices {
  count = 0;
  private capacity = INITIAL_CAPACITY;
  readonly spec: ResolvedClient[] = [];

  powered = new Uint8Array(INITIAL_CAPACITY);
  processAlive = new Uint8Array(INITIAL_CAPACITY);
  linkUp = new Uint8Array(INITIAL_CAPACITY);
  /** 0 after a `disconnect` (or with connectAtMs null) until a `connect` or `power-on`. */
  wantsOnline = new Uint8Array(INITIAL_CAPACITY);
  /** The connection its client uses now, 0 before the first. */
  conn = new Int32Array(INITIAL_CAPACITY);
  /** Bumped whenever a scheduled connect or reconnect becomes stale. */
  generation = new Int32Array(INITIAL_CAPACITY);
  backoffAttempt = new Int32Array(INITIAL_CAPACITY);
  publishCount = new Int32Array(INITIAL_CAPACITY);
  /** The code (libraries/LIBRARY_CODE) of the library whose keep-alive timing the device's client follows. */
  library = new Uint8Array(INITIAL_CAPACITY);

  /** A device running a client with `spec`, powered and linked; returns its index. A clone wants to be online at once. */
  add(spec: ResolvedClient, isClone: boolean): number {
    const d = this.count++;
    if (d === this.capacity) this.grow();
    this.spec.push(spec);
    this.library[d] = LIBRARY_CODE[spec.library];
    this.powered[d] = 1;
    this.processAlive[d] = 1;
    this.linkUp[d] = 1;
    this.wantsOnline[d] = spec.connectAtMs !== null || isClone ? 1 : 0;
    return d;
  }

  canRun(d: number): boolean {
    return this.powered[d] === 1 && this.processAlive[d] === 1 && this.wantsOnline[d] === 1;
  }

  private grow(): void {
    const n = this.capacity;
    const capacity = n * 2;
    this.capacity = capacity;
    this.powered = resized(this.powered, capacity, n);
    this.processAlive = resized(this.processAlive, capacity, n);
    this.linkUp = resized(this.linkUp, capacity, n);
    this.wantsOnline = resized(this.wantsOnline, capacity, n);
    this.conn = resized(this.conn, capacity, n);
    this.generation = resized(this.generation, capacity, n);
    this.backoffAttempt = resized(this.backoffAttempt, capacity, n);
    this.publishCount = resized(this.publishCount, capacity, n);
    this.library = resized(this.library, capacity, n);
  }
}
