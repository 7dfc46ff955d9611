// Starts Debian's ActiveMQ 5.17 on loopback with one MQTT transport connector, in an instance folder of
// its own (docs/brokers.md, "Running the real brokers on loopback"): no JMX, no persistence, and the
// MQTT codec's jars (`libmqtt-client-java`) linked into the instance's lib/, which Debian's ActiveMQ
// lacks. Debian's package has no WebSocket transport. Boots in about 2 s.

import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnGroup, waitForPorts } from '../ports';
import { withRetries, type RunningBroker } from './types';

export const ACTIVEMQ_JAR = process.env.ACTIVEMQ_JAR ?? '/usr/share/activemq/bin/activemq.jar';
const JAVA_LIBS = '/usr/share/java';
const CODEC_JARS = ['mqtt-client', 'hawtdispatch', 'hawtdispatch-transport'];

export interface ActivemqOptions {
  /** Extra XML inside <broker> (e.g. destination policies). */
  extra?: string;
}

async function startOnce(options: ActivemqOptions): Promise<RunningBroker> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'ka-activemq-'));
  await Promise.all(['conf', 'data', 'lib'].map((d) => mkdir(join(dir, d))));
  await Promise.all(
    CODEC_JARS.map((jar) => symlink(join(JAVA_LIBS, `${jar}.jar`), join(dir, 'lib', `${jar}.jar`))),
  );
  const xml = join(dir, 'conf', 'activemq.xml');
  await writeFile(
    xml,
    `<!-- written by tests/live/support/brokers/activemq.ts: loopback only -->
<beans xmlns="http://www.springframework.org/schema/beans"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.springframework.org/schema/beans http://www.springframework.org/schema/beans/spring-beans-2.0.xsd http://activemq.apache.org/schema/core http://activemq.apache.org/schema/core/activemq-core.xsd">
  <broker xmlns="http://activemq.apache.org/schema/core" useJmx="false" brokerName="ka" persistent="false" dataDirectory="${join(dir, 'data')}">
    ${options.extra ?? ''}
    <transportConnectors>
      <transportConnector name="mqtt" uri="mqtt://127.0.0.1:${port}"/>
    </transportConnectors>
  </broker>
</beans>
`,
  );
  const server = spawnGroup(
    'java',
    [
      '-Xms64M',
      '-Xmx256M',
      `-Dactivemq.base=${dir}`,
      '-Dactivemq.home=/usr/share/activemq',
      `-Dactivemq.conf=${join(dir, 'conf')}`,
      `-Dactivemq.data=${join(dir, 'data')}`,
      '-jar',
      ACTIVEMQ_JAR,
      'start',
      `xbean:file:${xml}`,
    ],
    { cwd: dir },
  );
  const stop = async (): Promise<void> => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
  if (await waitForPorts(server, [port], 60_000)) {
    return {
      name: 'ActiveMQ 5.17',
      tcpUrl: `mqtt://127.0.0.1:${port}`,
      wsUrl: null,
      output: () => server.output(),
      stop,
    };
  }
  const out = server.output();
  await stop();
  throw new Error(`ActiveMQ did not start on port ${port}:\n${out.slice(-2000)}`);
}

/** Starts ActiveMQ; the caller must `stop()` it (afterAll), even when a test fails. */
export function startActivemq(options: ActivemqOptions = {}): Promise<RunningBroker> {
  return withRetries(() => startOnce(options));
}
