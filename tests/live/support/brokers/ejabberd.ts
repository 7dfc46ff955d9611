// Starts Debian's ejabberd 23.01 on loopback as an MQTT broker only, in a folder of its own
// (docs/brokers.md, "Running the real brokers on loopback"): `erl` run directly without a node name,
// so there is no Erlang distribution and no epmd; one `mod_mqtt` listener on 127.0.0.1; anonymous
// login (a client still has to send a user name and a password); mnesia in the folder. Ready in ~1 s.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnGroup, waitForPorts } from '../ports';
import { withRetries, type RunningBroker } from './types';

const ERL = process.env.ERL_PATH ?? 'erl';
const ERL_LIBS = process.env.EJABBERD_LIBS ?? '/usr/lib/x86_64-linux-gnu';

async function startOnce(): Promise<RunningBroker> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'ka-ejabberd-'));
  const config = join(dir, 'ejabberd.yml');
  await writeFile(
    config,
    [
      '# written by tests/live/support/brokers/ejabberd.ts: loopback only',
      'loglevel: info',
      'hosts:',
      '  - localhost',
      'default_db: mnesia',
      'auth_method: anonymous',
      'anonymous_protocol: login_anon',
      'log_rotate_count: 0',
      'listen:',
      '  -',
      `    port: ${port}`,
      '    ip: "127.0.0.1"',
      '    module: mod_mqtt',
      // The listener's default backlog is 5: a burst of connects at one moment (the differential
      // test opens ~40 at t = 0) overflows it, and the kernel retries the dropped SYNs a second later.
      '    backlog: 1024',
      'modules:',
      '  mod_mqtt: {}',
      '',
    ].join('\n'),
  );
  const server = spawnGroup(
    ERL,
    ['-noinput', '-mnesia', 'dir', JSON.stringify(join(dir, 'db')), '-s', 'ejabberd'],
    {
      cwd: dir,
      env: { ...process.env, ERL_LIBS, EJABBERD_CONFIG_PATH: config, LOGS_DIR: dir, HOME: dir },
    },
  );
  const stop = async (): Promise<void> => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
  if (await waitForPorts(server, [port], 30_000)) {
    return {
      name: 'ejabberd 23.01',
      tcpUrl: `mqtt://127.0.0.1:${port}`,
      wsUrl: null,
      output: () => server.output(),
      stop,
    };
  }
  const out = server.output();
  await stop();
  throw new Error(`ejabberd did not start on port ${port}:\n${out.slice(-2000)}`);
}

/** Starts ejabberd; the caller must `stop()` it (afterAll), even when a test fails. */
export function startEjabberd(): Promise<RunningBroker> {
  return withRetries(startOnce);
}
