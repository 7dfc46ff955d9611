// The playback store: how fast the simulated clock runs and where it is.

import { create } from 'zustand';
import { traceMs, type TraceMs } from '../base/time';
import type { Speed } from '../worker/protocol';

export interface PlaybackState {
  /** Simulated ms per wall ms, or 'max' (as fast as possible). */
  speed: Speed;
  playing: boolean;
  /** The simulated clock (the playhead), ms. */
  now: TraceMs;
  setSpeed(speed: Speed): void;
  setPlaying(playing: boolean): void;
  setNow(now: TraceMs): void;
}

export const DEFAULT_SPEED: Speed = 10;

export const usePlaybackStore = create<PlaybackState>()((set) => ({
  speed: DEFAULT_SPEED,
  playing: false,
  now: traceMs(0),
  setSpeed: (speed) => set({ speed }),
  setPlaying: (playing) => set({ playing }),
  setNow: (now) => set({ now }),
}));

/** "10×", "as fast as possible". */
export function speedLabel(speed: Speed): string {
  return speed === 'max' ? 'as fast as possible' : `${speed}×`;
}
