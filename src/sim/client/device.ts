// A device running one MQTT client: what is physically true of it (power, process, network link)
// and which connection its client currently uses. A `clone` is a second device with the same spec.

import type { ResolvedClient } from '../../scenario/types';
import type { SimConnection } from '../connection';

export class Device {
  powered = true;
  processAlive = true;
  linkUp = true;
  /** False after a `disconnect` (or with connectAtMs null) until a `connect` or `power-on`. */
  wantsOnline: boolean;
  conn: SimConnection | null = null;
  /** Bumped whenever a scheduled connect or reconnect becomes stale. */
  generation = 0;
  backoffAttempt = 0;
  publishCount = 0;

  constructor(
    readonly index: number,
    readonly spec: ResolvedClient,
    readonly isClone: boolean,
  ) {
    this.wantsOnline = spec.connectAtMs !== null || isClone;
  }

  get clientId(): string {
    return this.spec.id;
  }

  get canRun(): boolean {
    return this.powered && this.processAlive && this.wantsOnline;
  }
}
