// `npm run compare -- a.jsonl b.jsonl`: the table on stdout, exit code 0 / 1 / 2.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatTrace } from '../../src/trace/format';
import type { TraceInput } from '../../src/analysis/compare';
import { liveTrace, simTrace } from '../analysis/compare/helpers';

const dir = mkdtempSync(join(tmpdir(), 'ka-compare-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, t: TraceInput | string): string {
  const path = join(dir, name);
  writeFileSync(path, typeof t === 'string' ? t : formatTrace(t.header, t.events));
  return path;
}

function compare(...args: string[]) {
  const r = spawnSync(join('node_modules', '.bin', 'tsx'), ['src/cli/compare.ts', ...args], {
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run compare', () => {
  it('prints the table and exits 0 when the traces agree, 1 when they differ', () => {
    const sim = file('sim.jsonl', simTrace());
    const ok = compare(sim, file('live.jsonl', liveTrace()));
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('result: the traces agree');
    const bad = compare(sim, file('late.jsonl', liveTrace({ timeoutAt: 14_000 })));
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/a\s+timeout #1 .* DIFFERS: b 12\.00 s is outside \(3, 9\] s ± 310 ms/);
    // No Mosquitto sweep clock puts a timeout 12 s after a K = 2 s client's last packet.
    expect(bad.out).toMatch(/keep-alive sweep .* no sweep phase fits its timeout .* DIFFERS/);
    expect(bad.out).toContain('result: 2 of');
  }, 60_000);

  it('takes a slack, a prediction tolerance and a profile from the command line', () => {
    const sim = file('sim2.jsonl', simTrace());
    // 9.5 s after the last packet: half a second past Mosquitto's latest sweep for K = 2 s.
    const late = file('late2.jsonl', liveTrace({ timeoutAt: 11_500 }));
    expect(compare(sim, late).code).toBe(1);
    const slack = compare(sim, late, '--slack-ms', '1000');
    expect(slack.out).toMatch(/timeout #1 .* ok/);
    expect(slack.out).toMatch(/keep-alive sweep .* DIFFERS/);
    const both = compare(sim, late, '--slack-ms', '1000', '--prediction-ms', '1000');
    expect(both.out).toContain('timing ± 1000 ms, predictions ± 1000 ms');
    expect(both.code).toBe(0);
    expect(compare(sim, late, '--profile=spec').out).toContain('tolerance  profile spec');
  }, 60_000);

  it('exits 2 with a message on bad input', () => {
    const sim = file('sim3.jsonl', simTrace());
    const one = compare(sim);
    expect(one.code).toBe(2);
    expect(one.err).toContain('compare: two trace files needed (got 1)');
    const missing = compare(sim, join(dir, 'nope.jsonl'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nope.jsonl: cannot read (ENOENT)');
    const broken = compare(
      sim,
      file('broken.jsonl', '{"trace":1,"source":"live"}\n{"t":1,"kind":"packet"}\n'),
    );
    expect(broken.code).toBe(2);
    expect(broken.err).toMatch(/broken\.jsonl: line 2: packet\.dir must be/);
    expect(compare(sim, sim, '--profile', 'nope').err).toContain('--profile: must be one of');
    expect(compare(sim, sim, '--prediction-ms', '-5').err).toContain(
      '--prediction-ms: must be a whole number of ms',
    );
  }, 60_000);
});
