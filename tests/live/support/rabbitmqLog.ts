// RabbitMQ's log on MQTT topics, for the tests and the capture of tests/fixtures/rabbitmq-3.10/: a
// RabbitMQ started by support/brokers/rabbitmq.ts with `log.exchange = true`, then an exchange-to-
// exchange binding `amq.rabbitmq.log` → `amq.topic` (routing key `#`).
//
// The binding cannot come from the definitions file loaded at boot: RabbitMQ 3.10 skips every exchange
// whose name begins with `amq.` in definitions ("Skipping import of an exchange whose name begins with
// 'amq.'"), and declares `amq.rabbitmq.log` itself only some seconds after the import, so a binding in
// that file finds no source. It is imported with `rabbitmqctl import_definitions` once RabbitMQ logs
// "Logging to exchange 'amq.rabbitmq.log' … ready". rabbitmqctl needs the node's name, its cookie
// (in the node's HOME) and its epmd port, read from the node's own environment in /proc.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RunningBroker } from './brokers/types';

const run = promisify(execFile);
const RABBITMQCTL = process.env.RABBITMQCTL ?? '/usr/lib/rabbitmq/bin/rabbitmqctl';

/** The log levels: the routing keys of `amq.rabbitmq.log`, so the MQTT topics of its events. */
export const LEVEL_TOPICS = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'];

/** `rabbitmq.conf` lines that publish the log at `level` and above. */
export function logExchangeConf(level: 'info' | 'debug'): string[] {
  return ['log.exchange = true', `log.exchange.level = ${level}`];
}

function passwordHash(password: string): string {
  const salt = randomBytes(4);
  const digest = createHash('sha256')
    .update(Buffer.concat([salt, Buffer.from(password)]))
    .digest();
  return Buffer.concat([salt, digest]).toString('base64');
}

/**
 * Definitions for boot: with a definitions file RabbitMQ seeds no default user or vhost, so they are
 * here (anonymous MQTT logs in as `guest`), with a topic permission that forbids publishing on the
 * log's level topics, so no client can spell a log line there.
 */
export function logDefinitions(): unknown {
  return {
    users: [
      {
        name: 'guest',
        password_hash: passwordHash('guest'),
        hashing_algorithm: 'rabbit_password_hashing_sha256',
        tags: ['administrator'],
        limits: {},
      },
    ],
    vhosts: [{ name: '/' }],
    permissions: [{ user: 'guest', vhost: '/', configure: '.*', write: '.*', read: '.*' }],
    topic_permissions: [
      {
        user: 'guest',
        vhost: '/',
        exchange: 'amq.topic',
        write: `^(?!(${LEVEL_TOPICS.join('|')})$)`,
        read: '.*',
      },
    ],
  };
}

interface Node {
  name: string;
  env: NodeJS.ProcessEnv;
  log: string;
}

/** The node the test helper named after its MQTT port, found by its environment. */
async function findNode(broker: RunningBroker): Promise<Node> {
  const name = `ka${new URL(broker.tcpUrl).port}@localhost`;
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let environ: string[];
    try {
      environ = (await readFile(`/proc/${pid}/environ`, 'utf8')).split('\0');
    } catch {
      continue;
    }
    if (!environ.includes(`RABBITMQ_NODENAME=${name}`)) continue;
    const get = (key: string): string | undefined =>
      environ.find((e) => e.startsWith(`${key}=`))?.slice(key.length + 1);
    const home = get('HOME');
    const epmd = get('ERL_EPMD_PORT');
    if (home === undefined || epmd === undefined) continue;
    return {
      name,
      env: { ...process.env, HOME: home, ERL_EPMD_PORT: epmd, ERL_EPMD_ADDRESS: '127.0.0.1' },
      log: join(home, 'log', `${name}.log`),
    };
  }
  throw new Error(`no running RabbitMQ node ${name}`);
}

async function ctl(node: Node, args: string[]): Promise<string> {
  const { stdout } = await run(RABBITMQCTL, ['-q', '-n', node.name, ...args], { env: node.env });
  return stdout;
}

async function until(what: string, ms: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`RabbitMQ: ${what} within ${ms} ms`);
}

/** Binds `amq.rabbitmq.log` to `amq.topic` (see the file comment); resolves once the binding exists. */
export async function bindLogExchange(broker: RunningBroker): Promise<void> {
  const node = await findNode(broker);
  await until('no log exchange', 30_000, async () =>
    (await readFile(node.log, 'utf8').catch(() => '')).includes("Logging to exchange 'amq.rabbitmq.log'"),
  );
  const file = join(node.env.HOME ?? '', 'log-binding.json');
  const binding = {
    source: 'amq.rabbitmq.log',
    vhost: '/',
    destination: 'amq.topic',
    destination_type: 'exchange',
    routing_key: '#',
    arguments: {},
  };
  await writeFile(file, JSON.stringify({ bindings: [binding] }));
  await ctl(node, ['import_definitions', file]);
  await until('no log binding', 30_000, async () =>
    (await ctl(node, ['list_bindings', 'source_name', 'destination_name'])).includes(
      'amq.rabbitmq.log\tamq.topic',
    ),
  );
}
