// User names and passwords in a real run: the URL's and a client's own go in CONNECT (a client's own
// first), the runner's watcher logs in too, and no password reaches the trace, the summary or a message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRealRunSummary } from '../../src/cli/realRun';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/embedded-broker';
import { runAgainst } from '../../src/realrun/run';
import { parseTarget } from '../../src/realrun/target';
import { PASSWORD_MASK } from '../../src/scenario/credentials';
import type { Scenario } from '../../src/scenario/types';
import { runToJsonl } from '../../src/sim/run';
import { parseTrace } from '../../src/trace/parse';

const CLIENT_SECRET = 'client-s3cret';
const URL_SECRET = 'url-s3cret';

let broker: EmbeddedBroker;
/** What the broker was sent: user name → passwords, in the order of the CONNECTs. */
const logins: { username: string | undefined; password: string | undefined }[] = [];

beforeAll(async () => {
  // Like ejabberd: anyone with a user name and a password is welcome, nobody without.
  broker = await startEmbeddedBroker({
    mqttPort: 0,
    wsPort: 0,
    log: () => {},
    authenticate: (username, password) => {
      logins.push({ username, password });
      return username !== undefined && password !== undefined;
    },
  });
});
afterAll(async () => {
  await broker?.close();
});

const scenario = (clients: Scenario['clients']): Scenario => ({
  scenario: 1,
  name: 'logins',
  seed: 1,
  durationMs: 600,
  broker: { profile: 'aedes' },
  clients,
});

const withUrlLogin = (url: string, user: string, password: string): string =>
  url.replace('://', `://${user}:${encodeURIComponent(password)}@`);

describe('a real run against a broker that wants a user name and password', () => {
  it("sends a client's own user name and password, the URL's to the others, and never writes a password", async () => {
    logins.length = 0;
    const s = scenario([
      { id: 'cred-own', keepAlive: 10, username: 'device-user', password: CLIENT_SECRET },
      { id: 'cred-url', keepAlive: 10 },
    ]);
    const target = parseTarget(withUrlLogin(broker.mqttUrl!, 'url-user', URL_SECRET));
    const lines: string[] = [];
    const summary = await runAgainst({ scenario: s, target, write: (l) => lines.push(l) });
    const text = lines.join('');
    const trace = parseTrace(text);
    const connacks = trace.events.flatMap((e) =>
      e.kind === 'packet' && e.type === 'CONNACK' ? [[e.client, e.reasonCode ?? 0]] : [],
    );
    expect(connacks).toEqual(
      expect.arrayContaining([
        ['cred-own', 0],
        ['cred-url', 0],
      ]),
    );
    expect(logins).toEqual(
      expect.arrayContaining([
        { username: 'device-user', password: CLIENT_SECRET },
        { username: 'url-user', password: URL_SECRET },
      ]),
    );
    // The watcher and cred-url logged in with the URL's; cred-own with its own only.
    expect(logins.filter((l) => l.password === CLIENT_SECRET)).toHaveLength(1);
    expect(text).not.toContain(CLIENT_SECRET);
    expect(text).not.toContain(URL_SECRET);
    expect((trace.header.scenario as Scenario).clients[0]).toMatchObject({
      username: 'device-user',
      password: PASSWORD_MASK,
    });
    // What the command line prints names the address without its login.
    const printed = formatRealRunSummary(summary, null);
    expect(printed).toContain(`against         ${broker.mqttUrl}`);
    expect(printed).not.toContain(URL_SECRET);
    expect(printed).not.toContain('url-user');
  });

  it('logs its watcher in as the first client with a user name when the URL has none', async () => {
    logins.length = 0;
    const s = scenario([{ id: 'cred-only', keepAlive: 10, username: 'first', password: CLIENT_SECRET }]);
    const summary = await runAgainst({ scenario: s, target: parseTarget(broker.wsUrl!), write: () => {} });
    expect(summary.trace.packetsByType.CONNACK).toBe(1);
    expect(logins).toEqual([
      { username: 'first', password: CLIENT_SECRET },
      { username: 'first', password: CLIENT_SECRET },
    ]);
  });
});

describe('a simulated trace of a scenario with a password', () => {
  it('writes the mask in its header, and the password nowhere', () => {
    const lines: string[] = [];
    runToJsonl(scenario([{ id: 'c', keepAlive: 10, username: 'u', password: CLIENT_SECRET }]), (l) =>
      lines.push(l),
    );
    const text = lines.join('');
    expect(text).not.toContain(CLIENT_SECRET);
    expect(text.split('\n')[0]).toContain(`"password":"${PASSWORD_MASK}"`);
  });
});
