// A small simulation that matches the calculator's inputs, so its figures can be checked against a
// run: up to SCENARIO_SENSOR_CAP sensors with the given keep alive, publish interval, latency and
// broker profile, each losing power once, each at a different point of its send cycle.
//
// Two spreads make the run a fair sample of a real fleet:
// - Each sensor's first packet after CONNACK (its first publish, or a one-off retained "online"
//   status when it never publishes) comes at a different offset, spread over max(K, 6 s). Every
//   later packet keeps that offset [MQTT-3.1.2-23], so the sensors' packets are out of step with
//   each other and with the broker's periodic checks (Mosquitto sweeps every 6 s; EMQX, RabbitMQ
//   and ActiveMQ check on timers started at CONNECT).
// - Sensor i powers off at (j + 0.5) / n of its send period, with j = i × m mod n (m coprime to n,
//   near 0.618 n): the death phases are evenly spread and not in step with the offsets.
// Deaths come after at least two periods and at least K, once every profile's timer is in its
// steady state, and the run lasts until the last possible detection. No jitter: each packet arrives
// exactly `latencyMs` after it is sent, so the measured delays fall inside the calculated bounds.
// The sensors follow the standard's client rule (client library `spec`), as the calculator does.

import type { Scenario, ScenarioEvent } from '../../scenario/types';
import { detectionDelay } from './detection';
import { publishIntervalMs, type KeepAliveInputs } from './inputs';
import { sendCycle } from './sendCycle';

export const SCENARIO_SENSOR_CAP = 50;
/** The offsets of the sensors' packets spread over at least this (Mosquitto's sweep period). */
export const MIN_SPREAD_MS = 6_000;
/** Send period assumed for a sensor with keep alive off that never publishes (it sends nothing). */
const SILENT_PERIOD_MS = 10_000;
/** How long a run with keep alive off goes on after the last power-off, showing nothing happens. */
const KEEP_ALIVE_OFF_WATCH_MS = 60_000;

export interface SensorPlan {
  id: string;
  /** When the sensor sends its first packet after CONNACK; its send pattern repeats from there. */
  anchorMs: number;
  powerOffMs: number;
}

export interface CalculatorPlan {
  sensors: SensorPlan[];
  /** After CONNACK, the earliest first packet, ms (the publish spec's offsetMs). */
  firstAfterMs: number;
  /** The send pattern's period (sendCycle.ts), ms. */
  periodMs: number;
  /** Over which the sensors' first packets are spread, ms. */
  spreadMs: number;
  durationMs: number;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** A multiplier coprime to n near n × 0.618 (the golden section), so i ↦ i × m mod n is a shuffle. */
export function shuffleMultiplier(n: number): number {
  let m = Math.max(1, Math.round(n * 0.618));
  while (gcd(m, n) !== 1) m++;
  return m;
}

export function calculatorPlan(inputs: KeepAliveInputs): CalculatorPlan {
  const n = Math.min(inputs.fleetSize, SCENARIO_SENSOR_CAP);
  const latency = inputs.latencyMs;
  const kMs = inputs.keepAliveS * 1000;
  const pMs = publishIntervalMs(inputs);
  const cycle = sendCycle(inputs.keepAliveS, pMs);
  const periodMs = Number.isFinite(cycle.periodMs) ? cycle.periodMs : SILENT_PERIOD_MS;
  // With P = K a publish and the first ping (due K after CONNECT) could fall due at the same
  // instant, and then the simulated client would ping forever alongside its publishes: keep every
  // first publish strictly between CONNECT and K.
  const tied = kMs > 0 && pMs === kMs;
  const firstAfterMs = tied ? 1 : 0;
  const spreadMs = tied ? kMs - 2 * latency - 1 : Math.max(kMs, MIN_SPREAD_MS);
  // At least two periods, and past K: ActiveMQ's first check comes K after CONNECT, and only packets
  // after it put the connection in its steady state.
  const warmUp = Math.max(2, Math.ceil(kMs / periodMs)) * periodMs;
  const m = shuffleMultiplier(n);
  const sensors: SensorPlan[] = [];
  for (let i = 0; i < n; i++) {
    // CONNECT at 0, CONNACK back at 2 × latency, the first packet after the sensor's offset.
    const anchorMs = 2 * latency + firstAfterMs + Math.floor((i * spreadMs) / n);
    const phase = (((i * m) % n) + 0.5) / n;
    sensors.push({
      id: `sensor-${i + 1}`,
      anchorMs,
      powerOffMs: Math.round(anchorMs + warmUp + phase * periodMs),
    });
  }
  const lastPowerOff = Math.max(...sensors.map((s) => s.powerOffMs));
  const d = detectionDelay(inputs);
  const after = d.detected ? d.idle.hiMs + latency + 1000 : KEEP_ALIVE_OFF_WATCH_MS;
  const durationMs = Math.ceil((lastPowerOff + after) / 1000) * 1000;
  return { sensors, firstAfterMs, periodMs, spreadMs, durationMs };
}

export function calculatorScenario(inputs: KeepAliveInputs): Scenario {
  const plan = calculatorPlan(inputs);
  const pMs = publishIntervalMs(inputs);
  const k = inputs.keepAliveS;
  const events: ScenarioEvent[] = plan.sensors
    .map((s): ScenarioEvent => ({ atMs: s.powerOffMs, client: s.id, do: 'power-off' }))
    .sort((a, b) => a.atMs - b.atMs);
  const publishing =
    pMs > 0 ? `publish every ${pMs / 1000} s` : 'never publish (one "online" message at boot)';
  return {
    scenario: 1,
    name: `Calculator: keep alive ${k} s, ${inputs.profile}`,
    description:
      `${plan.sensors.length} sensors with keep alive ${k} s ${publishing}; each loses power at a different ` +
      'point of its send cycle. ' +
      (k > 0
        ? 'The broker notices only when its keep-alive timer runs out; compare the measured detection delays with the calculator.'
        : 'Keep alive 0 turns the broker’s timer off: it never notices, and the half-open connections stay.'),
    seed: 1,
    durationMs: plan.durationMs,
    protocol: 4,
    broker: { profile: inputs.profile, serverKeepAlive: null },
    network: { latencyMs: inputs.latencyMs, jitterMs: 0, loss: 0 },
    clients: [
      {
        id: 'sensor-{n}',
        count: plan.sensors.length,
        keepAlive: k,
        library: 'spec',
        connectAtMs: 0,
        will: { topic: 'sensors/{id}/status', payload: 'offline', qos: 1, retain: true },
        publish:
          pMs > 0
            ? {
                topic: 'sensors/{id}/temp',
                everyMs: pMs,
                offsetMs: plan.firstAfterMs,
                offsetSpreadMs: plan.spreadMs,
              }
            : {
                topic: 'sensors/{id}/status',
                payload: 'online',
                retain: true,
                // Once: the next one would fall after the end of the run.
                everyMs: plan.durationMs,
                offsetMs: plan.firstAfterMs,
                offsetSpreadMs: plan.spreadMs,
              },
      },
    ],
    events,
  };
}
