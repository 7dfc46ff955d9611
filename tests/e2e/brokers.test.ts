// The broker profiles held against real brokers: every row of the broker table of docs/brokers.md that
// Mosquitto 2.0.11 can show is a short scenario (tests/realrun/support/rows.ts), played for real against
// a Mosquitto started here on loopback and simulated with the `mosquitto-2.0` profile; `compare` must
// find no difference. The same against the embedded aedes broker and the `aedes` profile (aedes refuses
// MQTT 5: the MQTT 5 rows show the refusal on both sides). And a deliberately wrong profile must make
// `compare` fail. All real runs go at once (≈ 20 s in all).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareTraces, formatComparison, type TraceInput } from '../../src/analysis/compare';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/embedded-broker';
import { runAgainst } from '../../src/realrun/run';
import { parseTarget } from '../../src/realrun/target';
import type { BrokerProfileName } from '../../src/scenario/types';
import { runToJsonl } from '../../src/sim/run';
import { parseTrace } from '../../src/trace/parse';
import { startMosquitto, type RunningMosquitto as Mosquitto } from '../live/support/mosquitto';
import { ROWS, type Row } from '../realrun/support/rows';

/** Set KA_KEEP_TRACES=1 to keep every trace (sim and live) in a temporary folder for a look. */
const keepDir = process.env.KA_KEEP_TRACES ? mkdtempSync(join(tmpdir(), 'ka-profiles-')) : null;

let mosquitto: Mosquitto | undefined;
let aedes: EmbeddedBroker | undefined;

interface Job {
  key: string;
  row: Row;
  prefix: string;
  profile: BrokerProfileName;
  url: () => string;
}

const jobs: Job[] = [
  ...ROWS.map((row) => ({
    key: `mosquitto ${row.name}`,
    row,
    prefix: row.name,
    profile: 'mosquitto-2.0' as const,
    url: () => mosquitto!.tcpUrl,
  })),
  ...ROWS.filter((r) => r.name === 'ka-window').map((row) => ({
    key: `mosquitto ${row.name} (WebSocket)`,
    row,
    prefix: `${row.name}-ws`,
    profile: 'mosquitto-2.0' as const,
    url: () => mosquitto!.wsUrl,
  })),
  ...ROWS.map((row) => ({
    key: `aedes ${row.name}`,
    row,
    prefix: row.name,
    profile: 'aedes' as const,
    url: () => aedes!.mqttUrl!,
  })),
  ...ROWS.filter((r) => r.name === 'ka-window').map((row) => ({
    key: `aedes ${row.name} (WebSocket)`,
    row,
    prefix: `${row.name}-ws`,
    profile: 'aedes' as const,
    url: () => aedes!.wsUrl!,
  })),
];

const live = new Map<string, TraceInput>();

function save(name: string, text: string): void {
  if (keepDir) writeFileSync(join(keepDir, `${name.replace(/[^a-z0-9-]+/gi, '_')}.jsonl`), text);
}

function simulate(job: Job, profile: BrokerProfileName): TraceInput {
  const lines: string[] = [];
  runToJsonl(job.row.scenario(profile, job.prefix), (l) => lines.push(l));
  save(`${job.key} sim ${profile}`, lines.join(''));
  return parseTrace(lines.join(''));
}

beforeAll(async () => {
  [mosquitto, aedes] = await Promise.all([
    startMosquitto(),
    startEmbeddedBroker({ mqttPort: 0, wsPort: 0, log: () => {} }),
  ]);
  await Promise.all(
    jobs.map(async (job) => {
      const lines: string[] = [];
      const summary = await runAgainst({
        scenario: job.row.scenario(job.profile, job.prefix),
        target: parseTarget(job.url()),
        write: (l) => lines.push(l),
      });
      if (summary.rejected.count > 0)
        console.warn(`${job.key}: left out ${summary.rejected.count} event(s): ${summary.rejected.first}`);
      save(`${job.key} live`, lines.join(''));
      live.set(job.key, parseTrace(lines.join('')));
    }),
  );
  if (keepDir) console.log(`traces kept in ${keepDir}`);
}, 120_000);

afterAll(async () => {
  await Promise.all([mosquitto?.stop(), aedes?.close()]);
});

function compareJob(job: Job, profile: BrokerProfileName = job.profile) {
  const result = compareTraces(simulate(job, profile), live.get(job.key)!);
  return {
    result,
    table: `${job.key} vs ${profile}\n${formatComparison(result, [`sim ${profile}`, 'live'])}`,
  };
}

describe('real Mosquitto 2.0.11 agrees with the mosquitto-2.0 profile', () => {
  it.each(
    jobs
      .filter((j) => j.profile === 'mosquitto-2.0')
      .map((j) => [j.key.replace(/^mosquitto /, ''), j.row.shows, j] as const),
  )('%s: %s', (_name, _shows, job) => {
    const { result, table } = compareJob(job);
    expect(result.mismatches, table).toBe(0);
    expect(result.rows.length).toBeGreaterThan(0);
  });
});

describe('the embedded aedes broker agrees with the aedes profile', () => {
  const title = (j: Job): string =>
    j.row.v3only ? j.row.shows : 'MQTT 5 is refused with CONNACK 1 on both sides (aedes speaks 3.1.1 only)';
  it.each(
    jobs
      .filter((j) => j.profile === 'aedes')
      .map((j) => [j.key.replace(/^aedes /, ''), title(j), j] as const),
  )('%s: %s', (_name, _shows, job) => {
    const { result, table } = compareJob(job);
    expect(result.mismatches, table).toBe(0);
    if (!job.row.v3only) {
      const sessions = result.rows.filter((r) => r.aspect === 'sessions (CONNACK)');
      expect(
        sessions.every((r) => r.a.startsWith('refused (1)') && r.b.startsWith('refused (1)')),
        table,
      ).toBe(true);
    }
  });
});

describe('a wrong profile makes compare fail', () => {
  const job = (key: string) => jobs.find((j) => j.key === key)!;

  it('spec vs real Mosquitto on the MQTT 5 take-overs: the resumed take-over will', () => {
    const { result, table } = compareJob(job('mosquitto takeover-v5'), 'spec');
    const bad = result.rows
      .filter((r) => !r.ok)
      .map((r) => `${r.client} ${r.aspect.trim()}: ${r.a} / ${r.b}`);
    expect(bad, table).toContain('takeover-v5-resumed wills published: 1 will / none');
    expect(bad, table).toContain('takeover-v5-fresh wills published: 1 will / none');
    // The standard's 0x8E "Session taken over" that Mosquitto 2.0.11 does not send.
    expect(
      bad.some((b) => b.startsWith('takeover-v5-ends take-over #1')),
      table,
    ).toBe(true);
  });

  it('mosquitto-2.0 vs the real aedes on the 3.1.1 take-over of a persistent session', () => {
    const { result, table } = compareJob(job('aedes takeover-v3'), 'mosquitto-2.0');
    const bad = result.rows
      .filter((r) => !r.ok)
      .map((r) => `${r.client} ${r.aspect.trim()}: ${r.a} / ${r.b}`);
    expect(bad, table).toContain('takeover-v3-kept wills published: none / 1 will');
  });
});
