// The runner's own connection to the broker: it subscribes to the broker's event topics (Mosquitto's
// `$SYS/broker/log/#`, the embedded broker's and aedes's `$SYS` topics, EMQX's, RabbitMQ's log levels,
// ActiveMQ's advisories) and to the scenario's will topics, and hands every message to live mode's BrokerEvents, which turns them into trace events
// on the probes' lanes. Its own packets are not part of the trace: it is the runner's instrument, not
// a scenario client. It reconnects by itself (a broker restart) and uses the same single target (the
// run's connector). Environment-neutral.
import type { MqttClient } from 'mqtt';
import { BROKER_EVENT_FILTERS, ORDINARY_EVENT_FILTERS } from '../live/parsers';
import { randomHex, textBytes, type Connector } from './link';

export interface WatcherOptions {
  connector: Connector;
  /** Extra topic filters (the scenario's will topics). */
  topics: readonly string[];
  onMessage(topic: string, payload: Uint8Array): void;
  /** How long to wait for CONNACK and SUBACK, ms. */
  timeoutMs?: number;
  /** A user name and password to log in with when the address has none (the connector's win). */
  login?: { username: string; password: string | null } | null;
}

export class Watcher {
  readonly clientId = `ka-runner-${randomHex(4)}`;
  private client: MqttClient | null = null;

  constructor(private readonly options: WatcherOptions) {}

  /** Connects and subscribes; rejects when the broker cannot be reached in time. */
  start(): Promise<void> {
    const { connector, topics, timeoutMs = 10_000, login } = this.options;
    const client = connector.plain({
      clientId: this.clientId,
      protocolId: 'MQTT',
      protocolVersion: 4,
      keepalive: 30,
      clean: true,
      reconnectPeriod: 500,
      connectTimeout: timeoutMs,
      manualConnect: true,
      ...(login ? { username: login.username } : {}),
      ...(login?.password != null ? { password: textBytes(login.password) } : {}),
    });
    this.client = client;
    const filters: Record<string, { qos: 0 }> = {};
    // Not `#`: so RabbitMQ's log levels and ActiveMQ's advisories are named.
    for (const f of [...BROKER_EVENT_FILTERS, ...ORDINARY_EVENT_FILTERS, ...topics]) filters[f] = { qos: 0 };
    client.on('message', (topic, payload) => {
      // Reports about the watcher itself stay out of the trace.
      if (mentions(payload, this.clientId)) return;
      this.options.onMessage(topic, payload);
    });
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        fail(new Error(`no answer from ${connector.url} within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      let settled = false;
      const fail = (err: Error): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        // Without this mqtt.js goes on reconnecting after a failed start, and the process never exits.
        client.options.reconnectPeriod = 0;
        client.end(true);
        reject(err);
      };
      // Errors after the start (a broker restart) only mean "reconnecting": mqtt.js retries.
      client.on('error', (err) => fail(err));
      client.once('connect', () => {
        // Resubscribe on every reconnect (the broker restarted with no sessions).
        client.on('connect', () => client.subscribe(filters));
        client.subscribe(filters, (err) => {
          if (err) fail(err);
          else if (!settled) {
            settled = true;
            clearTimeout(timer);
            resolve();
          }
        });
      });
      client.connect();
    });
  }

  stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client === null) return Promise.resolve();
    return new Promise<void>((resolve) => client.end(true, () => resolve()));
  }
}

/** Whether the (UTF-8) payload contains `text` (ASCII). */
function mentions(payload: Uint8Array, text: string): boolean {
  const needle = new TextEncoder().encode(text);
  outer: for (let i = 0; i + needle.length <= payload.length; i++) {
    for (let j = 0; j < needle.length; j++) if (payload[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
