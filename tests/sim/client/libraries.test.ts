// The client libraries' keep-alive timing, each against what its source does (src/sim/client/libraries).
// Latency 10 ms each way, so a CONNACK arrives 20 ms after the CONNECT and a PINGRESP 20 ms after its
// PINGREQ; K = 10 s unless said.

import { describe, expect, it } from 'vitest';
import { onLattice } from '../../../src/sim/client/libraries';
import type { ClientSpec, ScenarioEvent } from '../../../src/scenario/types';
import type { PacketType } from '../../../src/trace/types';
import { gaps, run, scenario } from '../helpers';

const pings = (
  client: Omit<ClientSpec, 'id' | 'keepAlive'>,
  events: ScenarioEvent[] = [],
  durationMs = 45_000,
) => run(scenario([{ id: 'dev', keepAlive: 10, ...client }], { durationMs, events }));

const times = (trace: ReturnType<typeof run>, type: PacketType): number[] =>
  trace.packets({ client: 'dev', type, dir: 'c2b' }).map((p) => p.t);

describe('mqttjs-5', () => {
  it('pings K after the CONNACK arrived, then K after each PINGRESP arrived', () => {
    const trace = pings({ library: 'mqttjs-5' });
    const at = times(trace, 'PINGREQ');
    expect(at[0]).toBe(10_020);
    expect(gaps(at)).toEqual([10_020, 10_020, 10_020]);
  });

  it('pings every K while publishing at QoS 0: only acknowledgements and PINGRESP restart its timer', () => {
    const qos0 = pings({ library: 'mqttjs-5', publish: { topic: 'd', everyMs: 3000, qos: 0 } });
    expect(times(qos0, 'PINGREQ').length).toBeGreaterThanOrEqual(3);
    // At QoS 1 each PUBACK restarts the timer, so a client publishing faster than K never pings.
    const qos1 = pings({ library: 'mqttjs-5', publish: { topic: 'd', everyMs: 3000, qos: 1 } });
    expect(times(qos1, 'PINGREQ')).toEqual([]);
  });

  it('gives up ⌈K/2⌉ after a PINGREQ that gets no PINGRESP', () => {
    const trace = pings({ library: 'mqttjs-5' }, [{ atMs: 5000, client: 'dev', do: 'link-down' }], 20_000);
    expect(times(trace, 'PINGREQ')).toEqual([10_020]);
    expect(trace.closes('client')).toMatchObject([{ t: 15_020, reason: 'ping-timeout' }]);
  });
});

describe('paho-python', () => {
  it('pings at its first loop check (every second after the last packet) once K has passed', () => {
    const at = times(pings({ library: 'paho-python' }), 'PINGREQ');
    // Its loop wakes at the CONNACK (20 ms) and every second after: the check at 10 020 finds K gone.
    expect(at[0]).toBe(10_020);
    // K after the PINGREQ, on the lattice of the PINGRESP's arrival: K + 20 ms apart.
    expect(gaps(at)).toEqual([10_020, 10_020, 10_020]);
  });

  it('pings while publishing at QoS 0, since it has received nothing for K', () => {
    const at = times(
      pings({ library: 'paho-python', publish: { topic: 'd', everyMs: 4000, qos: 0 } }),
      'PINGREQ',
    );
    // Publishes at 20, 4020, 8020 ms (first one at the CONNACK): the loop checks at 9020, then 10 020.
    expect(at[0]).toBe(10_020);
    expect(at.length).toBeGreaterThanOrEqual(3);
  });

  it('gives up at the first check K after an unanswered PINGREQ', () => {
    const trace = pings({ library: 'paho-python' }, [{ atMs: 5000, client: 'dev', do: 'link-down' }], 25_000);
    expect(times(trace, 'PINGREQ')).toEqual([10_020]);
    expect(trace.closes('client')).toMatchObject([{ t: 20_020, reason: 'ping-timeout' }]);
  });
});

describe('spec', () => {
  it('pings exactly K after the last packet it sent, whatever it received [MQTT-3.1.2-23]', () => {
    const idle = times(pings({ library: 'spec' }), 'PINGREQ');
    expect(idle[0]).toBe(10_000);
    expect(gaps(idle)).toEqual([10_000, 10_000, 10_000]);
    const busy = pings({ library: 'spec', publish: { topic: 'd', everyMs: 3000, qos: 0 } });
    expect(times(busy, 'PINGREQ')).toEqual([]);
  });
});

describe('onLattice', () => {
  it('finds the first check of a loop at or after a due time', () => {
    expect(onLattice(20, 10_000, 1000)).toBe(10_020);
    expect(onLattice(20, 10_020, 1000)).toBe(10_020);
    expect(onLattice(950, 1900, 1000)).toBe(1950);
    // Due already at the wake: the check right then.
    expect(onLattice(1600, 1500, 1000)).toBe(1600);
    // No lattice: the due time itself.
    expect(onLattice(20, 10_000, 0)).toBe(10_000);
  });
});

describe('the library moves when a broker with a periodic check drops a client', () => {
  // A client pings until it loses power at 20.3 s, over loopback (0.5 ms each way). Measured here
  // with mqtt.js 5 against Debian 12's RabbitMQ 3.10 and ActiveMQ 5.17 (docs/brokers.md): 3 K and 2 K
  // after the last ping. The standard's client, pinging K after CONNECT, lands before the brokers'
  // checks instead and is dropped a whole K sooner.
  const detection = (library: 'mqttjs-5' | 'spec', profile: 'rabbitmq-3.10' | 'activemq-5.17', k: number) => {
    const trace = run(
      scenario([{ id: 'dev', keepAlive: k, library }], {
        profile,
        latencyMs: 0.5,
        durationMs: 60_000,
        events: [{ atMs: 20_300, client: 'dev', do: 'power-off' }],
      }),
    );
    const timeout = trace.brokerTimeout('dev');
    return Math.round(timeout.t - timeout.lastActivity) / 1000;
  };

  it('rabbitmq-3.10 drops an mqtt.js client 3 K after its last ping (measured: K = 2 s → 6.00 s, K = 5 s → 15.00 s)', () => {
    expect(detection('mqttjs-5', 'rabbitmq-3.10', 2)).toBeCloseTo(6, 1);
    expect(detection('mqttjs-5', 'rabbitmq-3.10', 5)).toBeCloseTo(15, 1);
    expect(detection('spec', 'rabbitmq-3.10', 2)).toBeCloseTo(4, 1);
  });

  it('activemq-5.17 drops an mqtt.js client 2 K after its last ping (measured: K = 2 s → 4.00 s, K = 5 s → 10.00 s)', () => {
    expect(detection('mqttjs-5', 'activemq-5.17', 2)).toBeCloseTo(4, 1);
    expect(detection('mqttjs-5', 'activemq-5.17', 5)).toBeCloseTo(10, 1);
    expect(detection('spec', 'activemq-5.17', 2)).toBeCloseTo(3, 1);
  });
});
