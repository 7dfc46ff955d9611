// `npm run sim` as a user runs it: a child process, its exit code, its output and its trace file.

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getPreset } from '../../src/scenario/presets';
import { parseTrace } from '../../src/trace/parse';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function spawn(command: string, args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

/** `tsx src/cli/sim.ts …` as `npm run sim` runs it, loaded into node directly: half the start-up of npx. */
const sim = (...args: string[]): Promise<Result> =>
  spawn(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args]);

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const small = {
  scenario: 1,
  name: 'CLI test',
  seed: 3,
  durationMs: 20_000,
  network: { latencyMs: 10, jitterMs: 5 },
  clients: [{ id: 'dev', keepAlive: 4, will: { topic: 'status/dev', payload: 'gone' } }],
  events: [{ atMs: 6000, client: 'dev', do: 'power-off' }],
};

describe.concurrent('npm run sim', () => {
  it('runs a preset and prints the summary: packets by type, timeouts, wills, take-overs, events/s', async () => {
    const r = await spawn('npx', ['tsx', 'src/cli/sim.ts', 'crash-vs-power-off']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/scenario\s+Power loss vs crash \(profile spec, seed 7\)/);
    expect(r.stdout).toMatch(/simulated time\s+120\.0 s/);
    expect(r.stdout).toMatch(/packets\s+CONNECT \d+, CONNACK \d+/);
    expect(r.stdout).toMatch(/timeouts\s+broker 1, client 0/);
    expect(r.stdout).toMatch(/wills\s+2/);
    expect(r.stdout).toMatch(/take-overs\s+0/);
    expect(r.stdout).toMatch(/events\/s\s+\d+/);
  });

  it('runs a scenario file and writes its trace with --out: the header carries the scenario, the events parse', async () => {
    const out = join(dir, 'file.jsonl');
    const r = await sim(file('small.json', JSON.stringify(small)), '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`trace           ${out}`);
    const text = readFileSync(out, 'utf8');
    const header = JSON.parse(text.slice(0, text.indexOf('\n')));
    expect(header).toEqual({ trace: 1, source: 'sim', scenario: small });
    const { events } = parseTrace(text);
    expect(events.filter((e) => e.kind === 'timeout')).toHaveLength(1);
    expect(events.filter((e) => e.kind === 'will')).toMatchObject([
      { client: 'dev', cause: 'keepalive-timeout' },
    ]);
  });

  it('--seed and --profile override the scenario, and the header records the effective scenario', async () => {
    const out = join(dir, 'override.jsonl');
    const r = await sim('basics', '--seed', '99', '--profile', 'mosquitto-2.0', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\(profile mosquitto-2\.0, seed 99\)/);
    const header = parseTrace(readFileSync(out, 'utf8')).header;
    const basics = structuredClone(getPreset('basics')?.scenario);
    expect(header.scenario).toEqual({
      ...basics,
      seed: 99,
      broker: { ...basics?.broker, profile: 'mosquitto-2.0' },
    });
  });

  it('writes byte-identical traces for the same scenario and seed', async () => {
    const [a, b] = ['a', 'b'].map((n) => join(dir, `same-${n}.jsonl`));
    const results = await Promise.all([
      sim('client-id-clash', '--out', a),
      sim('client-id-clash', '--out', b),
    ]);
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    const [ta, tb] = [a, b].map((p) => readFileSync(p, 'utf8'));
    expect(ta.length).toBeGreaterThan(1000);
    expect(tb).toBe(ta);
  });

  it.each([
    [['no-such-preset'], /no-such-preset: no such file, and not a preset \(presets: basics, /],
    [[join(dir, 'missing.json')], /missing\.json: no such file, and not a preset/],
    [[], /missing the scenario file or preset name/],
    [['basics', '--seed', 'x'], /--seed: must be an integer 0\.\.4294967295 \(got "x"\)/],
    [['basics', '--profile', 'nope'], /--profile: must be one of spec, mosquitto-2\.0, .* \(got "nope"\)/],
    [['basics', '--frobnicate'], /--frobnicate: unknown option/],
  ])('bad arguments %j: exit code 2 and a message naming the culprit', async (args, message) => {
    const r = await sim(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('usage: npm run sim');
  });

  it('a file that is not JSON: exit code 2 naming the file', async () => {
    const path = file('broken.json', '{"scenario": 1,');
    const r = await sim(path);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path}: not valid JSON`);
  });

  it('a scenario with bad fields: exit code 2, every bad field named with its rule and value, no trace written', async () => {
    const bad = structuredClone(small) as Record<string, unknown>;
    bad.clients = [{ id: 'dev', keepAlive: 70_000 }];
    bad.network = { latencyMs: -5 };
    bad.colour = 'blue';
    const out = join(dir, 'never.jsonl');
    const r = await sim(file('bad.json', JSON.stringify(bad)), '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('clients[0].keepAlive: must be 0..65535 (got 70000)');
    expect(r.stderr).toMatch(/network\.latencyMs: .*\(got -5\)/);
    expect(r.stderr).toMatch(/colour/);
    expect(r.stdout).toBe('');
    expect(() => readFileSync(out)).toThrow();
  });

  it('a scenario whose event names an unknown client: exit code 2 naming events[0].client', async () => {
    const bad = { ...small, events: [{ atMs: 10, client: 'ghost', do: 'crash' }] };
    const r = await sim(file('ghost.json', JSON.stringify(bad)));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/events\[0\]\.client: no client with that ID \(got "ghost"\)/);
  });
});
