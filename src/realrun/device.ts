// A scenario client played for real: the same life as the simulator's device (src/sim/client/), with a
// real connection (probe.ts) in place of a simulated one. Power, process and link state; connect,
// subscribe after a CONNACK without a session, publish on schedule, reconnect with backoff; and the
// scenario's actions. A `clone` is a second device with the same settings.
import { traceMs } from '../base/time';
import type { Random } from '../sim/engine/random';
import { reconnectDelay } from '../sim/client/backoff';
import type { ResolvedClient, ResolvedEvent } from '../scenario/types';
import type { RunContext } from './context';
import type { Connector } from './link';
import { Probe, type ProbeClose } from './probe';
import type { Scheduler } from './scheduler';

export class RealDevice {
  powered = true;
  processAlive = true;
  linkUp = true;
  wantsOnline: boolean;
  probe: Probe | null = null;
  /** Every probe this device opened (old ones may still hold a half-open socket). */
  readonly probes: Probe[] = [];
  private generation = 0;
  private backoffAttempt = 0;
  private publishCount = 0;
  private publishTimer: (() => void) | null = null;

  constructor(
    readonly index: number,
    readonly spec: ResolvedClient,
    readonly isClone: boolean,
    /** The target of the client's transport (a clone's is its client's). */
    readonly connector: Connector,
    private readonly ctx: RunContext,
    private readonly scheduler: Scheduler,
    private readonly random: Random,
  ) {
    this.wantsOnline = spec.connectAtMs !== null || isClone;
  }

  get canRun(): boolean {
    return this.powered && this.processAlive && this.wantsOnline;
  }

  /** Schedules the first connect (scenario clients with connectAtMs). */
  start(): void {
    if (this.isClone) this.connect();
    else if (this.spec.connectAtMs !== null) {
      const generation = this.generation;
      this.scheduler.at(traceMs(this.spec.connectAtMs), () => {
        if (this.generation === generation && this.canRun) this.connect();
      });
    }
  }

  // --- actions (docs/scenario-format.md, "Actions") -----------------------------------------------------

  act(event: ResolvedEvent): void {
    switch (event.do) {
      case 'connect':
        if (!this.powered) return;
        this.processAlive = true;
        this.wantsOnline = true;
        this.generation++;
        this.connect();
        return;
      case 'disconnect':
      case 'disconnect-with-will':
        this.wantsOnline = false;
        this.generation++;
        this.probe?.disconnect(event.do === 'disconnect-with-will');
        return;
      case 'crash':
        this.processAlive = false;
        this.generation++;
        this.probe?.crash();
        return;
      case 'power-off':
        this.powered = false;
        this.processAlive = false;
        this.generation++;
        this.probe?.powerOff();
        return;
      case 'power-on':
        if (this.powered && this.processAlive && this.probe !== null && !this.probe.closed) return;
        this.powered = true;
        this.processAlive = true;
        this.wantsOnline = true;
        this.backoffAttempt = 0;
        this.generation++;
        this.connect();
        return;
      case 'link-down':
        this.linkUp = false;
        for (const p of this.probes) p.linkDown();
        return;
      case 'link-up':
        this.linkUp = true;
        for (const p of this.probes) p.linkUp();
        return;
      case 'publish':
        this.probe?.publish(event.topic, event.payload, event.qos, event.retain);
        return;
      case 'clone':
      case 'broker-restart':
        // The runner handles these: a clone is a new device; a restart concerns the broker.
        return;
    }
  }

  shutdown(): void {
    this.publishTimer?.();
    for (const p of this.probes) p.shutdown();
  }

  // --- the client's own behaviour ------------------------------------------------------------------------

  private connect(): void {
    if (this.probe !== null && !this.probe.closed) return;
    const spec = this.spec;
    const probe: Probe = new Probe(
      {
        connector: this.connector,
        clientId: spec.id,
        username: spec.username,
        password: spec.password,
        protocol: spec.protocol,
        keepAlive: spec.keepAlive,
        cleanStart: spec.cleanStart,
        sessionExpiry: spec.sessionExpiry,
        will: spec.will,
        linkDown: !this.linkUp,
      },
      this.ctx,
      {
        connack: (code, sessionPresent) => this.connacked(probe, code, sessionPresent),
        close: (close) => this.closed(probe, close),
      },
    );
    this.probe = probe;
    this.probes.push(probe);
  }

  private connacked(probe: Probe, code: number, sessionPresent: boolean): void {
    if (code !== 0 || probe !== this.probe) return;
    this.backoffAttempt = 0;
    const spec = this.spec;
    if (spec.subscribe.length > 0 && !sessionPresent) probe.subscribe(spec.subscribe);
    const publish = spec.publish;
    if (publish !== null) {
      const tick = (): void => {
        if (probe.closed || !probe.connected) return;
        const payload = publish.payload ?? reading(this.index, this.publishCount++);
        probe.publish(publish.topic, payload, publish.qos, publish.retain);
        this.publishTimer = this.scheduler.after(publish.everyMs, tick);
      };
      this.publishTimer = this.scheduler.after(publish.offsetMs, tick);
    }
  }

  private closed(probe: Probe, close: ProbeClose): void {
    if (probe !== this.probe) return;
    this.publishTimer?.();
    this.publishTimer = null;
    const reconnect = this.spec.reconnect;
    if (close.byUs || reconnect === null || !this.canRun) return;
    const delay = reconnectDelay(reconnect, this.backoffAttempt++, this.random);
    const generation = this.generation;
    this.scheduler.after(delay, () => {
      if (this.generation === generation && this.canRun) this.connect();
    });
  }
}

/** The simulator's reading (src/sim/client/clients.ts): a temperature that changes per publish. */
export function reading(deviceIndex: number, count: number): string {
  return (18 + ((deviceIndex * 7 + count * 3) % 80) / 10).toFixed(1);
}
