// `npx tsx tests/bench/hostile.ts [case …]`: the worst inputs of docs/limits.md, each in a fresh
// Node process, with the process's peak memory (max RSS) and time, as a table. Figures are measured,
// never asserted; the limits they show are the documented ones.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FactsCollector, compareCollected } from '../../src/analysis/compare';
import { startEmbeddedBroker } from '../../src/embedded-broker';
import { EventRing } from '../../src/live/ring';
import { TrafficStats, summaryTree, trafficSummary } from '../../src/live/traffic';
import { packetTraceEvent } from '../../src/live/packets';
import { ScenarioError } from '../../src/scenario/errors';
import { DeepLinkError, parseLocationHash } from '../../src/scenario/url';
import { parseScenarioText } from '../../src/scenario/parseText';
import { TraceParseError } from '../../src/trace/parse';
import { readTraceFile } from '../../src/cli/traceFile';

const RESULT = 'HOSTILE_RESULT ';
const HOSTILE = fileURLToPath(new URL('../fixtures/hostile/', import.meta.url));
const fixture = (name: string): string => join(HOSTILE, name);

interface Case {
  name: string;
  what: string;
  run(): Promise<string> | string;
}

/** Runs `f`, which is expected to throw `kind`: the outcome in words. */
function refused(f: () => unknown, kind: new (...args: never[]) => Error): string {
  try {
    f();
    return 'accepted';
  } catch (err) {
    if (err instanceof kind) return `refused: ${err.message.split('\n').slice(-1)[0].slice(0, 70)}`;
    throw err;
  }
}

function compareFiles(a: string, b: string): string {
  const load = (path: string) => {
    const facts = new FactsCollector();
    return { header: readTraceFile(path, (e) => facts.add(e)), facts };
  };
  try {
    const c = compareCollected(load(a), load(b));
    return `${c.rows.length} rows, ${c.mismatches} differ`;
  } catch (err) {
    if (err instanceof TraceParseError) return `refused: ${err.message.slice(0, 70)}`;
    throw err;
  }
}

const CASES: Case[] = [
  {
    name: 'link-20m-clients',
    what: '473-char #scenario= link, 20 groups × 1 000 000 clients',
    run: () =>
      refused(
        () => parseLocationHash(readFileSync(fixture('link-20-groups-of-1m-clients.txt'), 'utf8').trim()),
        DeepLinkError,
      ),
  },
  {
    name: 'link-bomb',
    what: '5 730-char link that decompresses to 5 million chars',
    run: () =>
      refused(() => parseLocationHash(readFileSync(fixture('link-bomb.txt'), 'utf8').trim()), DeepLinkError),
  },
  {
    name: 'week-of-150k',
    what: 'scenario: 150 000 clients for 7 days',
    run: () =>
      refused(
        () => parseScenarioText(readFileSync(fixture('scenario-150k-clients-7-days.json'), 'utf8')),
        ScenarioError,
      ),
  },
  {
    name: 'compare-1e9-header',
    what: 'compare: 56 kB traces whose header claims 10^9 clients',
    run: () =>
      compareFiles(fixture('trace-header-1e9-clients.jsonl'), fixture('trace-header-1e9-clients.jsonl')),
  },
  {
    name: 'compare-deep-header',
    what: 'compare: header nested 100 000 levels deep',
    run: () => compareFiles(fixture('trace-deep-header.jsonl'), fixture('trace-deep-header.jsonl')),
  },
  {
    name: 'compare-300mb',
    what: 'compare: fleet-10k trace against itself (~300 MB each)',
    run: () => {
      const dir = mkdtempSync(join(tmpdir(), 'ka-bench-'));
      try {
        const path = join(dir, 'fleet.jsonl');
        execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', 'fleet-10k', '--out', path]);
        return compareFiles(path, path);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'live-60k-topics',
    what: 'live: 5 000 topics of 60 000 chars into traffic, ring and summary',
    run: () => {
      const traffic = new TrafficStats();
      const ring = new EventRing({ maxEvents: 1_000_000, maxBytes: 200 * 1024 * 1024 });
      const tail = 'x'.repeat(60_000);
      for (let i = 0; i < 5000; i++) {
        const topic = `flood/${i}/${tail}`;
        traffic.record(topic, new Uint8Array(8), 0, false, i);
        const packet = {
          cmd: 'publish',
          topic,
          payload: Buffer.alloc(8),
          qos: 0,
          retain: false,
          dup: false,
        } as const;
        ring.setReserve(traffic.heldBytes);
        ring.pushMany([packetTraceEvent(packet, i, 'b2c', 'lab', 1, i, {})]);
      }
      const summary = trafficSummary(traffic, 5000, null);
      summaryTree(summary);
      const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
      return `held ${mb(ring.bytes + traffic.heldBytes)} MB counted; summary ${mb(JSON.stringify(summary).length)} MB`;
    },
  },
  {
    name: 'broker-256mb-headers',
    what: 'embedded broker: 12 PUBLISHes announcing 256 MB, 4 MB sent each',
    run: async () => {
      const broker = await startEmbeddedBroker({ mqttPort: 0, log: () => undefined });
      const url = new URL(broker.mqttUrl!);
      const connect = Buffer.from([0x10, 0x0e, 0, 4, 77, 81, 84, 84, 4, 2, 0, 60, 0, 2, 0x62, 0x62]);
      const header = Buffer.from([0x30, 0xfa, 0xff, 0xff, 0x7f]);
      const closed = await Promise.all(
        Array.from(
          { length: 12 },
          () =>
            new Promise<boolean>((resolve) => {
              const s = new Socket();
              const timer = setTimeout(() => (s.destroy(), resolve(false)), 5000);
              s.on('error', () => undefined);
              s.on('close', () => (clearTimeout(timer), resolve(true)));
              s.once('data', () => {
                s.write(header);
                s.write(Buffer.alloc(4 << 20, 0x61));
              });
              s.connect(Number(url.port), url.hostname, () => s.write(connect));
            }),
        ),
      );
      await broker.close();
      return `${closed.filter(Boolean).length} of 12 closed at the header`;
    },
  },
];

async function child(name: string): Promise<void> {
  const c = CASES.find((x) => x.name === name);
  if (!c) throw new Error(`no case ${name}`);
  const started = performance.now();
  const outcome = await c.run();
  const wallMs = performance.now() - started;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(RESULT + JSON.stringify({ outcome, wallMs, peakMb }));
  process.exit(0);
}

function main(names: string[]): void {
  const rows: string[][] = [['case', 'input', 'outcome', 'time', 'peak RSS']];
  for (const c of CASES.filter((x) => names.length === 0 || names.includes(x.name))) {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', c.name],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      },
    );
    const line = out.split('\n').find((l) => l.startsWith(RESULT));
    const r = JSON.parse(line!.slice(RESULT.length)) as { outcome: string; wallMs: number; peakMb: number };
    rows.push([c.name, c.what, r.outcome, `${(r.wallMs / 1000).toFixed(2)} s`, `${Math.round(r.peakMb)} MB`]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows)
    console.log(
      r
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    );
}

const args = process.argv.slice(2);
if (args[0] === '--child') await child(args[1]);
else main(args);
