// Trace files: export (a simulation is re-run in the worker, as the CLI would; anything else is written
// from the store) and import (read in chunks; a bad file keeps the current trace).

import { StatsAccumulator } from '../../analysis/rangeStats';
import { traceMs } from '../../base/time';
import { parseScenario } from '../../scenario/validate';
import type { Scenario } from '../../scenario/types';
import { formatTraceChunks } from '../../trace/format';
import { TraceReader } from '../../trace/parse';
import { TraceStore } from '../../trace/store';
import type { TraceHeader } from '../../trace/types';
import type { FromWorker } from '../../worker/protocol';
import { errorText, type ControllerEnv } from './env';
import { fileStem } from './fileStem';
import type { RunController } from './runs';
import type { SimWorker } from './simWorker';
import type { AppStores } from './stores';

/** Bytes of an imported file read per step. */
const IMPORT_CHUNK = 1 << 20;

/** The worker's messages about an export. */
export type ExportMessage = Extract<FromWorker, { type: 'export-progress' | 'exported' | 'export-failed' }>;

export function isExportMessage(msg: FromWorker): msg is ExportMessage {
  return msg.type === 'export-progress' || msg.type === 'exported' || msg.type === 'export-failed';
}

export class TraceFiles {
  private requestSeq = 0;
  private exportRequest: { id: number; name: string; resolve(ok: boolean): void } | null = null;

  constructor(
    private readonly env: Pick<ControllerEnv, 'download' | 'yield'>,
    private readonly stores: AppStores,
    private readonly worker: SimWorker,
    private readonly runs: RunController,
  ) {}

  /** Downloads the trace as `<name>.trace.jsonl`; a simulation is re-run in the worker (as the CLI would). */
  exportTrace(): Promise<boolean> {
    const t = this.stores.trace();
    const filename = `${t.traceName}.trace.jsonl`;
    const scenario = t.scenario;
    if (t.origin === 'sim' && scenario !== null) {
      const id = ++this.requestSeq;
      t.setExportProgress({ now: 0, durationMs: scenario.durationMs, bytes: 0 });
      return new Promise<boolean>((resolve) => {
        this.exportRequest = { id, name: filename, resolve };
        this.worker.post({ type: 'export', requestId: id, scenario });
      });
    }
    if (t.header === null) {
      t.notify('error', 'export', 'There is no trace to export yet.');
      return Promise.resolve(false);
    }
    const blob = new Blob([...formatTraceChunks(t.header, t.store)], { type: 'application/x-ndjson' });
    this.env.download(blob, filename);
    return Promise.resolve(true);
  }

  cancelExport(): void {
    const req = this.exportRequest;
    if (req === null) return;
    this.worker.post({ type: 'cancel-export', requestId: req.id });
    this.finish(false);
  }

  onMessage(msg: ExportMessage): void {
    if (this.exportRequest?.id !== msg.requestId) return;
    switch (msg.type) {
      case 'export-progress':
        this.stores.trace().setExportProgress({ now: msg.now, durationMs: msg.durationMs, bytes: msg.bytes });
        return;
      case 'exported':
        this.env.download(msg.blob, this.exportRequest.name);
        this.finish(true);
        return;
      case 'export-failed':
        this.stores.trace().notify('error', 'export', `Export failed: ${msg.message}`);
        this.finish(false);
        return;
    }
  }

  private finish(ok: boolean): void {
    const req = this.exportRequest;
    this.exportRequest = null;
    this.stores.trace().setExportProgress(null);
    req?.resolve(ok);
  }

  /**
   * Reads a trace file. A bad file leaves the current trace as it was and shows the reader's error,
   * which names the line. Returns whether it was imported.
   */
  async importTrace(file: Blob, name = 'trace.jsonl'): Promise<boolean> {
    const store = new TraceStore();
    const totals = new StatsAccumulator();
    const reader = new TraceReader((e) => {
      store.append(e);
      totals.append(e);
    });
    let header: TraceHeader;
    try {
      const decoder = new TextDecoder();
      for (let at = 0; at < file.size; at += IMPORT_CHUNK) {
        const bytes = new Uint8Array(await file.slice(at, at + IMPORT_CHUNK).arrayBuffer());
        reader.feed(decoder.decode(bytes, { stream: at + IMPORT_CHUNK < file.size }));
        if (this.env.yield) await this.env.yield();
      }
      header = reader.end();
    } catch (err) {
      this.stores
        .trace()
        .notify('error', 'import', `Could not import ${name}: ${errorText(err)}. The current trace is kept.`);
      return false;
    }
    this.runs.stopRun();
    const t = this.stores.trace();
    let scenario: Scenario | null = null;
    try {
      if (header.scenario !== undefined) scenario = parseScenario(structuredClone(header.scenario));
    } catch {
      scenario = null;
    }
    const last = store.length > 0 ? store.t(store.length - 1) : 0;
    t.setScenario(scenario, null);
    t.resetTrace({
      origin: 'import',
      header,
      name: fileStem(name),
      durationMs: Math.max(last, scenario?.durationMs ?? 0),
      store,
      totals: totals.snapshot(),
    });
    t.setStatus('idle');
    t.setProgress(null);
    t.dismiss('import');
    t.notify('info', 'import', `Imported ${name}: ${store.length} events.`);
    this.stores.selection().clear();
    this.stores.playback().setPlaying(false);
    this.stores.playback().setNow(traceMs(last));
    return true;
  }
}
