// `npm run sim -- <scenario> --against URL --out t.jsonl [--yes]`: exit codes and messages, and one
// real run through the command line against the embedded broker.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/embedded-broker';
import { parseTrace } from '../../src/trace/parse';

/** `tsx src/cli/sim.ts …` as `npm run sim` runs it, loaded into node directly (faster than npx). */
const TSX_ARGS = ['--import', 'tsx', 'src/cli/sim.ts'];
const dir = mkdtempSync(join(tmpdir(), 'ka-realrun-cli-'));
let broker: EmbeddedBroker;

beforeAll(async () => {
  broker = await startEmbeddedBroker({ mqttPort: 0, log: () => {} });
});
afterAll(async () => {
  await broker?.close();
  rmSync(dir, { recursive: true, force: true });
});

const sim = (...args: string[]) => {
  const r = spawnSync(process.execPath, [...TSX_ARGS, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

/** Async: the broker runs in this process, so the child must not block it. */
function simAsync(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...TSX_ARGS, ...args]);
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('npm run sim -- … --against', () => {
  it('exits 2 with a message naming --against for a bad address', () => {
    const r = sim('basics', '--against', 'http://127.0.0.1:1883');
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      'sim: --against: must start with mqtt://, mqtts://, ws:// or wss:// (got "http://127.0.0.1:1883")',
    );
  }, 60_000);

  it('asks for --yes before an hour-long run, and refuses broker-restart against a broker it did not start', () => {
    const long = sim('fleet-10k', '--against', 'mqtt://127.0.0.1:1');
    expect(long.code).toBe(2);
    expect(long.err).toContain(
      'this scenario runs 3600 s in real time with real connections; pass --yes to run it anyway',
    );
    const restart = sim('reconnect-storm', '--against', 'mqtt://127.0.0.1:1');
    expect(restart.code).toBe(2);
    expect(restart.err).toContain('"broker-restart" at 60000 ms needs a broker the runner started itself');
  }, 60_000);

  it('plays a scenario file for real and writes the trace', async () => {
    const scenario = {
      scenario: 1,
      name: 'cli crash',
      seed: 1,
      durationMs: 2_000,
      protocol: 4,
      broker: { profile: 'aedes' },
      clients: [
        { id: 'cli-a', keepAlive: 10, will: { topic: 'cli/will/{id}', payload: 'x', qos: 1 } },
        { id: 'cli-d', keepAlive: 10, subscribe: [{ topic: 'cli/will/#', qos: 1 }] },
      ],
      events: [{ atMs: 800, client: 'cli-a', do: 'crash' }],
    };
    const file = join(dir, 'crash.json');
    const out = join(dir, 'crash.jsonl');
    writeFileSync(file, JSON.stringify(scenario));
    const r = await simAsync(file, '--against', broker.mqttUrl!, '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`against         ${broker.mqttUrl}`);
    expect(r.out).toMatch(/wills\s+1/);
    const trace = parseTrace(readFileSync(out, 'utf8'));
    expect(trace.header.source).toBe('live');
    expect(trace.events.some((e) => e.kind === 'fault' && e.fault === 'crash')).toBe(true);
  }, 60_000);
});
