// The command-line tools under hostile input, run as a user runs them (child processes): every
// failure is one line naming the problem and an exit code, never a stack trace, a hang, a truncated
// file or a terminal obeying a client ID.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../live/support/fixtures';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'ka-hostile-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `node --import tsx <script> …` (as npm runs it); `closedReader`: as `… | true`, nobody reads. */
function run(script: string, args: string[], options: { closedReader?: boolean } = {}): Promise<Result> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    if (options.closedReader) child.stdout.destroy();
    else child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}
const sim = (...args: string[]): Promise<Result> => run('src/cli/sim.ts', args);
const compare = (...args: string[]): Promise<Result> => run('src/cli/compare.ts', args);

const ESC = '\u001b';
const noStack = (r: Result): void => {
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr.split('\n').filter((l) => l.startsWith('sim:') || l.startsWith('compare:'))).toHaveLength(
    1,
  );
};

describe.concurrent('npm run sim under hostile input', () => {
  it('--out into a missing folder, onto a folder, onto /dev/full: one line and an exit code', async () => {
    const missing = await sim('basics', '--out', join(dir, 'nowhere', 'x.jsonl'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such folder');
    noStack(missing);
    const folder = await sim('basics', '--out', dir);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('is a folder, not a file');
    noStack(folder);
    const full = await sim('basics', '--out', '/dev/full');
    expect(full.code).toBe(1);
    expect(full.stderr).toContain('/dev/full: cannot write (ENOSPC)');
    noStack(full);
  });

  it('leaves an existing --out file untouched when the scenario is rejected', async () => {
    const precious = join(dir, 'precious.jsonl');
    writeFileSync(precious, 'precious\n');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ scenario: 1, name: 'x', seed: 1, durationMs: 1, clients: [] }));
    const r = await sim(bad, '--out', precious);
    expect(r.code).toBe(2);
    expect(readFileSync(precious, 'utf8')).toBe('precious\n');
  });

  it('exits with "cannot connect" when the broker is not there, leaving --out untouched', async () => {
    const precious = join(dir, 'precious-2.jsonl');
    writeFileSync(precious, 'precious\n');
    const r = await sim('basics', '--against', 'mqtt://127.0.0.1:1', '--out', precious, '--yes');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot connect');
    expect(r.ms).toBeLessThan(15_000);
    expect(readFileSync(precious, 'utf8')).toBe('precious\n');
  });

  it('ends quietly when the reader of its output has gone (sim | true)', async () => {
    const r = await run('src/cli/sim.ts', ['basics'], { closedReader: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('prints terminal escapes in a scenario name as text, not as commands', async () => {
    const path = join(dir, 'escape.json');
    const name = `${ESC}[2J${ESC}]0;owned\u0007\rx`;
    writeFileSync(
      path,
      JSON.stringify({ scenario: 1, name, seed: 1, durationMs: 1000, clients: [{ id: 'c', keepAlive: 5 }] }),
    );
    const r = await sim(path);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(ESC);
    expect(r.stdout).toContain('\\u001b[2J\\u001b]0;owned\\u0007\\u000dx');
  });

  it('refuses a huge scenario at once, and reads one saved with a byte order mark', async () => {
    const big = await sim(join(FIXTURES, 'hostile', 'scenario-1m-clients-7-days.json'));
    expect(big.code).toBe(2);
    expect(big.stderr).toContain('clients: must make at most 200000 clients in all (got 1000000)');
    const bom = await sim(join(FIXTURES, 'hostile', 'scenario-with-bom.json'));
    expect(bom.code).toBe(0);
  });
});

describe.concurrent('npm run compare under hostile input', () => {
  it('refuses a header nested 100 000 deep with the line, not a stack overflow', async () => {
    const deep = join(FIXTURES, 'hostile', 'trace-deep-header.jsonl');
    const r = await compare(deep, deep);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('line 1: nested deeper than 64 levels');
    noStack(r);
  });

  it('compares traces whose header scenario claims 10^9 clients in moments, without building them', async () => {
    const t = join(FIXTURES, 'hostile', 'trace-header-1e9-clients.jsonl');
    const r = await compare(t, t);
    expect(r.code).toBe(0);
    expect(r.ms).toBeLessThan(15_000);
    expect(r.stdout).toContain('result: the traces agree');
  });

  it('prints client IDs with terminal escapes as text, so no row can be erased', async () => {
    const id = `${ESC}[2K${ESC}[1Aevil\r`;
    const lines = [
      JSON.stringify({ trace: 1, source: 'sim' }),
      JSON.stringify({
        t: 0,
        kind: 'packet',
        dir: 'c2b',
        client: id,
        conn: 1,
        type: 'CONNECT',
        arrive: 1,
        keepAlive: 2,
      }),
      JSON.stringify({
        t: 1,
        kind: 'packet',
        dir: 'b2c',
        client: id,
        conn: 1,
        type: 'CONNACK',
        arrive: 2,
        reasonCode: 0,
      }),
      JSON.stringify({
        t: 4000,
        kind: 'timeout',
        client: id,
        conn: 1,
        side: 'broker',
        keepAlive: 2,
        lastActivity: 1,
      }),
    ];
    const a = join(dir, 'escape-a.jsonl');
    writeFileSync(a, lines.join('\n') + '\n');
    const b = join(dir, 'escape-b.jsonl');
    writeFileSync(b, lines.slice(0, 3).join('\n') + '\n');
    const r = await compare(a, b);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain(ESC);
    expect(r.stdout).toContain('\\u001b[2K\\u001b[1Aevil\\u000d');
  });

  it('names a file it cannot read, and a folder given as a trace', async () => {
    mkdirSync(join(dir, 'a-folder'), { recursive: true });
    const r = await compare(join(dir, 'a-folder'), join(dir, 'nothing.jsonl'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read (EISDIR)');
    noStack(r);
  });
});
