// What a keyboard command does, without the DOM: zoom and pan the viewport store, step the selection
// through events (and bring the new one into view), focus the selection, change lane height, scroll.
// TimelineView maps key presses to commands (keys.ts) and calls this.

import type { ViewportStore } from '../state/viewport';
import type { TimelineCommand } from './keys';
import { BROKER_LANE, type TimelineModel } from './model';
import { focusWindow, insideWindow, stepEvent } from './navigate';
import type { LaneLayout } from './laneLayout';

export interface CommandContext {
  model: TimelineModel;
  layout: LaneLayout;
  viewport: ViewportStore;
  selectedRow: number | null;
  /** The selected time range (F focuses it when no row is selected). */
  range: { t0: number; t1: number } | null;
  /** Time under the pointer when it is over the plot (zoom keeps it in place), else null. */
  pointerT: number | null;
  /** Lane the lane menu should open for (hovered lane), when there is no selection. */
  hoverLane: number | null;
  onSelectRow(row: number | null): void;
  onClear(): void;
  /** Opens the lane menu for a lane at time t. */
  onMenu(lane: number, t: number): void;
}

/** Scrolls the lanes so a row's lane is visible. */
function revealLane(ctx: CommandContext, lane: number): void {
  if (lane === BROKER_LANE || lane < 0) return;
  const displayRow = ctx.layout.rowOfLane[lane];
  if (displayRow >= 0) ctx.viewport.getState().revealRow(displayRow);
}

/** Applies a command; returns false when it did nothing. */
export function applyCommand(cmd: TimelineCommand, ctx: CommandContext): boolean {
  const vp = ctx.viewport.getState();
  const duration = vp.t1 - vp.t0;
  const centre = (vp.t0 + vp.t1) / 2;
  switch (cmd.type) {
    case 'zoom':
      vp.zoomAt(cmd.factor, ctx.pointerT ?? centre);
      return true;
    case 'pan':
      vp.pan(cmd.fraction * duration);
      return true;
    case 'step': {
      const from = ctx.selectedRow;
      // Nothing selected: the first event in view going forward, the last going back.
      const ref =
        from !== null && from < ctx.model.length
          ? ctx.model.columns.t[from]
          : cmd.direction > 0
            ? vp.t0
            : vp.t1;
      const row = stepEvent(ctx.model, from, ref, cmd.direction);
      if (row === null) return false;
      ctx.onSelectRow(row);
      const t = ctx.model.columns.t[row];
      if (!insideWindow(t, vp.t0, vp.t1)) vp.setWindow(t - duration / 2, t + duration / 2);
      revealLane(ctx, ctx.model.laneOfRow(row));
      return true;
    }
    case 'focus': {
      if (ctx.selectedRow !== null && ctx.selectedRow < ctx.model.length) {
        const [a, b] = focusWindow(ctx.model, ctx.selectedRow);
        vp.setWindow(a, b);
        revealLane(ctx, ctx.model.laneOfRow(ctx.selectedRow));
        return true;
      }
      if (ctx.range !== null && ctx.range.t1 > ctx.range.t0) {
        const pad = (ctx.range.t1 - ctx.range.t0) * 0.05;
        vp.setWindow(ctx.range.t0 - pad, ctx.range.t1 + pad);
        return true;
      }
      return false;
    }
    case 'laneHeight':
      vp.setLaneHeight(vp.laneHeight * cmd.factor, vp.lanesViewHeight / 2);
      return true;
    case 'scrollLanes':
      vp.scrollLanes(cmd.rows * Math.max(vp.laneHeight, 24));
      return true;
    case 'fit':
      vp.fit();
      return true;
    case 'follow': {
      const end = ctx.model.extent[1];
      vp.pan(Math.max(ctx.model.lastTime, end) - vp.t1);
      ctx.viewport.getState().setFollow(true);
      return true;
    }
    case 'clear':
      ctx.onSelectRow(null);
      ctx.onClear();
      return true;
    case 'menu': {
      let lane = ctx.hoverLane;
      let t = ctx.pointerT ?? centre;
      if (ctx.selectedRow !== null && ctx.selectedRow < ctx.model.length) {
        const l = ctx.model.laneOfRow(ctx.selectedRow);
        if (l !== BROKER_LANE) {
          lane = l;
          t = ctx.model.columns.t[ctx.selectedRow];
        }
      }
      if (lane === null || lane < 0) return false;
      ctx.onMenu(lane, t);
      return true;
    }
  }
}
