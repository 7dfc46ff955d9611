// Deep links: what a location hash names (a preset, a scenario, a lesson, a live broker), opened with
// the view and selection it was shared with. A bad link shows one line saying why; never a crash.

import { PRESETS, parseLocationHash } from '../../scenario';
import { ScenarioError, resolveScenario } from '../../scenario/validate';
import { liveLinkNeedsConsent } from '../../live/linkTarget';
import { errorText, type ControllerEnv } from './env';
import type { RunController } from './runs';
import type { ScenarioOpener } from './scenarios';
import type { AppStores } from './stores';
import type { TraceFeed } from './traceFeed';

export class DeepLinks {
  constructor(
    private readonly env: Pick<ControllerEnv, 'confirm' | 'openLesson'>,
    private readonly stores: AppStores,
    private readonly scenarios: ScenarioOpener,
    private readonly runs: RunController,
    private readonly feed: TraceFeed,
  ) {}

  /** Opens what a location hash names; a bad link shows an error naming the part. */
  applyHash(hash: string): void {
    const t = this.stores.trace();
    let link;
    try {
      link = parseLocationHash(hash);
    } catch (err) {
      t.notify('error', 'link', `This link cannot be opened: ${errorText(err)}`);
      return;
    }
    t.dismiss('link');
    if (link.live !== undefined) {
      // A link to a broker on another machine connects only when the user says so.
      const page = typeof location === 'undefined' ? null : location.href;
      const question = `This link connects live mode to ${link.live}, a broker on another machine. Connect?`;
      if (liveLinkNeedsConsent(link.live, page) && !(this.env.confirm?.(question) ?? false)) {
        t.notify('info', 'link', `The live link to ${link.live} was not opened.`);
        return;
      }
      this.stores.panels().openLive(link.live);
      return;
    }
    if (link.preset !== undefined) {
      if (!this.scenarios.openPreset(link.preset, { play: link.play })) {
        t.notify(
          'error',
          'link',
          `This link cannot be opened: preset: no preset named ${JSON.stringify(link.preset)} (presets: ${PRESETS.map((p) => p.name).join(', ')})`,
        );
        return;
      }
      this.restoreView(link);
      return;
    }
    if (link.scenario !== undefined) {
      try {
        resolveScenario(link.scenario);
      } catch (err) {
        const detail =
          err instanceof ScenarioError ? `is not a valid scenario:\n${err.message}` : errorText(err);
        t.notify('error', 'link', `This link cannot be opened: scenario: ${detail}`);
        return;
      }
      this.scenarios.openScenario(link.scenario, { play: link.play });
      this.restoreView(link);
      return;
    }
    if (link.lesson !== undefined || link.lessonData !== undefined)
      this.env.openLesson?.({
        lesson: link.lesson,
        lessonData: link.lessonData,
        step: link.step,
        profile: link.profile,
      });
  }

  /**
   * A shared link's view: its window (kept through the new trace's first fit) and its selected event.
   * A run that is not playing is run up to the window's end, so the view shows what was shared.
   */
  private restoreView(link: { view?: readonly [number, number]; sel?: number; play: boolean }): void {
    if (link.view !== undefined) {
      this.stores.viewport().prefer(link.view[0], link.view[1]);
      if (!link.play) this.runs.seek(link.view[1]);
    }
    if (link.sel !== undefined) this.feed.selectWhenMade(link.sel);
  }
}
