// Starts Debian's RabbitMQ 3.10 on loopback with the MQTT and Web MQTT plugins, in a folder of its own
// (docs/brokers.md, "Running the real brokers on loopback"): every listener, the Erlang distribution and
// epmd bound to 127.0.0.1, no AMQP listener, anonymous MQTT allowed. The tests start epmd themselves, in
// the foreground, so stopping it by PID leaves nothing behind. Boots in about 15 s.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts, spawnGroup, waitForPorts } from '../ports';
import { withRetries, type RunningBroker } from './types';

export const RABBITMQ_SERVER = process.env.RABBITMQ_SERVER ?? '/usr/lib/rabbitmq/bin/rabbitmq-server';
const EPMD = process.env.EPMD_PATH ?? 'epmd';

export interface RabbitOptions {
  /** Extra `rabbitmq.conf` lines. */
  extra?: string[];
  /** A definitions file's JSON (exchanges, bindings …), loaded at boot. */
  definitions?: unknown;
}

async function startOnce(options: RabbitOptions): Promise<RunningBroker> {
  const [mqtt, ws, dist, epmdPort] = await freePorts(4);
  const dir = await mkdtemp(join(tmpdir(), 'ka-rabbitmq-'));
  const definitions = join(dir, 'definitions.json');
  if (options.definitions !== undefined) await writeFile(definitions, JSON.stringify(options.definitions));
  await writeFile(
    join(dir, 'rabbitmq.conf'),
    [
      '# written by tests/live/support/brokers/rabbitmq.ts: loopback only',
      'listeners.tcp = none',
      'loopback_users = none',
      'mqtt.allow_anonymous = true',
      `mqtt.listeners.tcp.default = 127.0.0.1:${mqtt}`,
      'web_mqtt.tcp.ip = 127.0.0.1',
      `web_mqtt.tcp.port = ${ws}`,
      'log.console = false',
      'log.file.level = info',
      ...(options.definitions !== undefined ? [`load_definitions = ${definitions}`] : []),
      ...(options.extra ?? []),
      '',
    ].join('\n'),
  );
  await writeFile(join(dir, 'enabled_plugins'), '[rabbitmq_mqtt,rabbitmq_web_mqtt].\n');
  const env = {
    ...process.env,
    HOME: dir,
    ERL_EPMD_ADDRESS: '127.0.0.1',
    ERL_EPMD_PORT: String(epmdPort),
    RABBITMQ_NODENAME: `ka${mqtt}@localhost`,
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_DIST_PORT: String(dist),
    RABBITMQ_CONFIG_FILE: join(dir, 'rabbitmq'),
    RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, 'enabled_plugins'),
    RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: join(dir, 'log'),
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '-kernel inet_dist_use_interface {127,0,0,1}',
  };
  const epmd = spawnGroup(EPMD, ['-address', '127.0.0.1', '-port', String(epmdPort)], { env });
  const server = spawnGroup(RABBITMQ_SERVER, [], { env, cwd: dir });
  const stop = async (): Promise<void> => {
    await server.stop(10_000);
    await epmd.stop();
    await rm(dir, { recursive: true, force: true });
  };
  if (await waitForPorts(server, [mqtt, ws], 60_000)) {
    return {
      name: 'RabbitMQ 3.10',
      tcpUrl: `mqtt://127.0.0.1:${mqtt}`,
      wsUrl: `ws://127.0.0.1:${ws}/ws`,
      output: () => server.output(),
      stop,
    };
  }
  const out = server.output() + epmd.output();
  await stop();
  throw new Error(`RabbitMQ did not start on ports ${mqtt}/${ws}:\n${out.slice(-2000)}`);
}

/** Starts RabbitMQ; the caller must `stop()` it (afterAll), even when a test fails. */
export function startRabbitmq(options: RabbitOptions = {}): Promise<RunningBroker> {
  return withRetries(() => startOnce(options));
}
