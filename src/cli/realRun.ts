// `npm run sim -- <scenario | preset> --against <mqtt://host:port | ws://host:port/path> [--against <the other>]
// --out t.jsonl [--yes]`:
// the command-line side of a real run. `planRealRun` checks everything that can be checked before a
// connection is made (it throws RealRunError, which the CLI reports as a usage error, exit code 2);
// `executeRealRun` runs it and prints a summary (exit code 1 when the broker cannot be reached).
import { formatSeconds } from '../base/format';
import type { Scenario } from '../scenario/types';
import { resolveScenario } from '../scenario/validate';
import { PACKET_TYPES } from '../trace/types';
import { printable } from '../analysis/compare/printable';
import { FileWriter } from './fileWriter';
import { checkRealRun, RealRunError, runAgainst, type RealRunSummary } from '../realrun/run';
import { parseTargets, TargetError, type Target } from '../realrun/target';
import { targetsOfClients, TransportError } from '../realrun/transports';

export interface RealRunPlan {
  scenario: Scenario;
  /** One, or one TCP and one WebSocket address of the same broker. */
  targets: Target[];
  out: string | null;
  yes: boolean;
}

export function planRealRun(
  scenario: Scenario,
  args: { against: string | readonly string[]; out: string | null; yes: boolean },
): RealRunPlan {
  let targets: Target[];
  const resolved = resolveScenario(scenario);
  try {
    targets = parseTargets(typeof args.against === 'string' ? [args.against] : args.against);
    const byTransport = Object.fromEntries(targets.map((t) => [t.transport === 'tcp' ? 'tcp' : 'ws', t]));
    targetsOfClients(scenario, byTransport);
  } catch (e) {
    if (e instanceof TargetError || e instanceof TransportError) throw new RealRunError(e.message);
    throw e;
  }
  checkRealRun(resolved, { yes: args.yes });
  return { scenario, targets, out: args.out, yes: args.yes };
}

export function formatRealRunSummary(s: RealRunSummary, out: string | null): string {
  const t = s.trace;
  const packets = PACKET_TYPES.filter((p) => t.packetsByType[p] > 0)
    .map((p) => `${p} ${t.packetsByType[p]}`)
    .join(', ');
  const lines = [
    `scenario        ${printable(s.scenario.name)} (real run, ${s.scenario.clients.length} clients)`,
    `against         ${s.targets.map((t) => printable(t.url)).join(', ')}`,
    `started         ${s.startedAt}`,
    `ran             ${formatSeconds(s.ranMs)}${s.aborted ? ' (stopped early)' : ''}`,
    `trace events    ${t.events}`,
    `packets         ${packets || 'none'}; dropped by link-down/power-off ${t.packetsLost}`,
    `timeouts        broker ${t.timeouts.broker}, client ${t.timeouts.client}`,
    `wills           ${t.wills}`,
    `take-overs      ${t.takeovers}`,
  ];
  if (s.rejected.count > 0) {
    lines.push(
      `left out        ${s.rejected.count} broker report(s) that did not fit the trace format; first: ${s.rejected.first}`,
    );
  }
  if (out !== null) lines.push(`trace           ${printable(out)}`);
  return lines.join('\n');
}

export async function executeRealRun(plan: RealRunPlan): Promise<number> {
  const file = plan.out === null ? null : new FileWriter(plan.out);
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  console.log(
    `playing "${printable(plan.scenario.name)}" against ${plan.targets.map((t) => printable(t.url)).join(' and ')} in real time (${plan.scenario.durationMs / 1000} s)…`,
  );
  // The trace goes in place only when the run went through; a failed run leaves --out as it was.
  let ran = false;
  try {
    const summary = await runAgainst({
      scenario: plan.scenario,
      target: plan.targets,
      write: file?.write ?? (() => {}),
      yes: plan.yes,
      signal: controller.signal,
    });
    ran = true;
    file?.close();
    console.log(formatRealRunSummary(summary, plan.out));
    return 0;
  } catch (e) {
    if (e instanceof RealRunError) {
      console.error(`sim: ${printable(e.message)}`);
      return 1;
    }
    throw e;
  } finally {
    process.off('SIGINT', stop);
    if (!ran) file?.abort();
  }
}
