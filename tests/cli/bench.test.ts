// `npm run bench` as a user runs it: a child process, its exit code and its table. The figures
// themselves are never asserted (they depend on the machine); the shape of the table is.

import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function bench(...args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/bench.ts', ...args],
      { cwd: ROOT, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('npm run bench', () => {
  it(
    'prints a fleet case beside the bare loop of the same model, with both ratios',
    { timeout: 120_000 },
    async () => {
      const r = await bench('fleet-1k');
      expect(r.code).toBe(0);
      const [header, , row] = r.stdout.split('\n');
      const cells = (line: string): string[] => line.split('|').map((c) => c.trim());
      const columns = cells(header);
      const values = cells(row);
      expect(values[columns.indexOf('case')]).toBe('fleet-1k');
      for (const ratio of ['× bare heap', '× bare calendar'])
        expect(values[columns.indexOf(ratio)]).toMatch(/^\d+\.\d\d$/);
      expect(values[columns.indexOf('peak memory')]).toMatch(/^\d+ MB$/);
      expect(r.stdout).toMatch(/load average \(1 \/ 5 \/ 15 min\)/);
    },
  );

  it('exits 2 with one line naming an unknown case', async () => {
    const r = await bench('fleet-7');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^bench: unknown case fleet-7 \(cases: /),
    ]);
  });

  it('exits 2 with one line on a bad --repeat or an unknown option', async () => {
    const repeat = await bench('--repeat', 'zero', 'fleet-1k');
    expect(repeat.code).toBe(2);
    expect(repeat.stderr.trim()).toBe('bench: --repeat takes a whole number of runs, 1 or more');
    const option = await bench('--fast');
    expect(option.code).toBe(2);
    expect(option.stderr.trim().split('\n')).toHaveLength(1);
    expect(option.stderr).toMatch(/^bench: .*--fast/);
  });
});
