// Opening scenarios: presets by name, scenarios given whole (a link, the calculator, a lesson) or as
// JSON text (the editor). A big one first asks whether to run at all; a large one runs as fast as
// possible.

import { estimateScenarioSize, formatLocationHash, getPreset, parseScenarioText } from '../../scenario';
import type { Scenario } from '../../scenario/types';
import { ScenarioError, resolveScenario } from '../../scenario/validate';
import { DEFAULT_SPEED } from '../playback';
import { errorText, type ControllerEnv } from './env';
import type { RunController } from './runs';
import type { AppStores } from './stores';

/** Runs estimated above this many trace events open at "as fast as possible". */
const LARGE_RUN_EVENTS = 200_000;

/** "12.3 million" (events), for a sentence. */
function formatMillions(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)} million` : n.toLocaleString('en');
}

export interface OpenOptions {
  play?: boolean;
  presetName?: string | null;
  updateHash?: boolean;
  editedFrom?: string | null;
  /** The user said yes to a big run (see openScenario). */
  confirmed?: boolean;
}

export class ScenarioOpener {
  /** The speed was raised to 'max' for a large run (and goes back for the next small one). */
  private speedRaised = false;

  constructor(
    private readonly env: Pick<ControllerEnv, 'replaceHash'>,
    private readonly stores: AppStores,
    private readonly runs: RunController,
  ) {}

  /** Opens a preset by URL name; false when there is none. */
  openPreset(name: string, options: { play?: boolean; updateHash?: boolean } = {}): boolean {
    const preset = getPreset(name);
    if (preset === undefined) return false;
    this.openScenario(structuredClone(preset.scenario), { ...options, presetName: name });
    return true;
  }

  /** Shows a scenario, ready to play (a worker run paused at t = 0), or playing with `play`. */
  openScenario(scenario: Scenario, options: OpenOptions = {}): void {
    const presetName = options.presetName ?? null;
    const size = estimateScenarioSize(scenario);
    if (size.big && options.confirmed !== true) {
      // Before anything is built: say how big the run is and let the user decide.
      this.stores.panels().askToRun({
        text:
          `${scenario.name}: about ${formatMillions(size.events)} trace events from ` +
          `${size.clients.toLocaleString('en')} clients (${(size.traceBytes / 1e9).toFixed(1)} GB as a trace file). ` +
          "The page keeps every event except most lanes' packets, and the run takes a while.",
        run: () => this.openScenario(scenario, { ...options, confirmed: true }),
      });
      return;
    }
    this.chooseSpeedFor(size.events);
    this.stores.trace().setScenario(scenario, presetName, options.editedFrom ?? null);
    if (options.updateHash)
      this.env.replaceHash?.(
        presetName !== null
          ? formatLocationHash({ preset: presetName, play: false })
          : formatLocationHash({ scenario, play: false }),
      );
    this.runs.startRun({ playing: options.play ?? false });
  }

  /** Parses JSON text of a scenario; on success opens it. Returns the problems (path + message) or []. */
  applyScenarioText(text: string, play = false): { path: string; message: string }[] {
    try {
      // Its size is checked before it is parsed; a byte-order mark is allowed.
      const scenario = parseScenarioText(text);
      // Checks that need the expanded clients (unique IDs, events naming real clients), by path too.
      resolveScenario(scenario);
      // Edited from a preset (or from a scenario that was): the picker names where it came from.
      const t = this.stores.trace();
      const editedFrom = t.presetName ?? t.editedFrom;
      this.openScenario(scenario, { play, updateHash: true, editedFrom });
      return [];
    } catch (err) {
      if (err instanceof ScenarioError) return err.issues.map((i) => ({ path: i.path, message: i.message }));
      return [{ path: '(root)', message: errorText(err) }];
    }
  }

  /**
   * A large run (a fleet: more than LARGE_RUN_EVENTS) opens at "as fast as possible" with the progress
   * bar: at 10× a fleet's hour takes six minutes. The next small one goes back to the normal speed.
   */
  private chooseSpeedFor(events: number): void {
    const playback = this.stores.playback();
    const large = events > LARGE_RUN_EVENTS;
    if (large && playback.speed !== 'max') {
      playback.setSpeed('max');
      this.speedRaised = true;
    } else if (!large && this.speedRaised) {
      playback.setSpeed(DEFAULT_SPEED);
      this.speedRaised = false;
    }
  }
}
