// The page's controller: the one place where the per-concern controllers of src/state/app/ are made
// and wired to each other, the worker and the stores. Components call its methods (each hands over
// to the controller of its concern); the environment (worker, frames, downloads) is injected so tests
// run it in Node.

import type { LiveTraceApi } from '../live/types';
import type { Scenario, ScenarioEvent } from '../scenario/types';
import type { FromWorker, LaneFault, Speed } from '../worker/protocol';
import { DeepLinks } from './app/deepLinks';
import type { ControllerEnv } from './app/env';
import { liveFeed } from './app/liveFeed';
import { LiveQueue } from './app/liveQueue';
import { RunController } from './app/runs';
import { ScenarioOpener, type OpenOptions } from './app/scenarios';
import { SimWorker } from './app/simWorker';
import { pageStores, type AppStores } from './app/stores';
import { TraceFeed } from './app/traceFeed';
import { TraceFiles, isExportMessage } from './app/traceFiles';

export class AppController {
  private readonly runs: RunController;
  private readonly scenarios: ScenarioOpener;
  private readonly files: TraceFiles;
  private readonly links: DeepLinks;
  /** What src/ui/live/LivePanel.tsx gets as its `trace` prop. */
  readonly live: LiveTraceApi;

  constructor(
    private readonly env: ControllerEnv,
    stores: AppStores = pageStores,
  ) {
    const route = (msg: FromWorker): void => {
      if (isExportMessage(msg)) this.files.onMessage(msg);
      else this.runs.onMessage(msg);
    };
    const worker = new SimWorker(env, stores, route);
    const queue = new LiveQueue();
    const feed = new TraceFeed(env, stores, worker, queue);
    this.runs = new RunController(stores, worker, feed);
    this.scenarios = new ScenarioOpener(env, stores, this.runs);
    this.files = new TraceFiles(env, stores, worker, this.runs);
    this.links = new DeepLinks(env, stores, this.scenarios, this.runs, feed);
    this.live = liveFeed(stores, queue, feed, this.runs);
  }

  // ---------------------------------------------------------------- scenarios

  openPreset(name: string, options: { play?: boolean; updateHash?: boolean } = {}): boolean {
    return this.scenarios.openPreset(name, options);
  }

  openScenario(scenario: Scenario, options: OpenOptions = {}): void {
    this.scenarios.openScenario(scenario, options);
  }

  applyScenarioText(text: string, play = false): { path: string; message: string }[] {
    return this.scenarios.applyScenarioText(text, play);
  }

  // ---------------------------------------------------------------- the run

  play(): void {
    this.runs.play();
  }

  playTo(t: number, speed: Speed): void {
    this.runs.playTo(t, speed);
  }

  pause(): void {
    this.runs.pause();
  }

  step(): void {
    this.runs.step();
  }

  stepBack(): void {
    this.runs.stepBack();
  }

  setSpeed(speed: Speed): void {
    this.runs.setSpeed(speed);
  }

  seek(time: number): void {
    this.runs.seek(time);
  }

  cancel(): void {
    this.runs.cancel();
  }

  injectFault(client: string, fault: LaneFault): Promise<ScenarioEvent> {
    return this.runs.injectFault(client, fault);
  }

  // ---------------------------------------------------------------- files

  exportTrace(): Promise<boolean> {
    return this.files.exportTrace();
  }

  cancelExport(): void {
    this.files.cancelExport();
  }

  importTrace(file: Blob, name?: string): Promise<boolean> {
    return this.files.importTrace(file, name);
  }

  // ---------------------------------------------------------------- the address

  applyHash(hash: string): void {
    this.links.applyHash(hash);
  }

  /** Sets location.hash without a hashchange (what a lesson's step puts in the address). */
  replaceHash(hash: string): void {
    this.env.replaceHash?.(hash);
  }
}

let controller: AppController | null = null;

/** The page's controller, made once by src/main.tsx (or a test) and reached by the components. */
export function appController(): AppController {
  if (controller === null) throw new Error('the app controller is not set up (call setAppController)');
  return controller;
}

export function setAppController(c: AppController): AppController {
  controller = c;
  return c;
}
