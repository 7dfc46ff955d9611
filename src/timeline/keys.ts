// Keyboard commands of the focused timeline: W/S zoom in/out, A/D pan, `.`/`,` next/previous event,
// F focus the selection, Shift+W/S taller/shorter lanes, arrows and Page keys scroll, Home shows the
// whole run, End follows the newest data, Escape clears the selection, the context-menu key (or
// Shift+F10) opens the lane menu.

import { KEY_PAN_FRACTION, KEY_ZOOM_FACTOR } from './zoom';

export type TimelineCommand =
  | { type: 'zoom'; factor: number }
  | { type: 'pan'; fraction: number }
  | { type: 'step'; direction: 1 | -1 }
  | { type: 'focus' }
  | { type: 'laneHeight'; factor: number }
  | { type: 'scrollLanes'; rows: number }
  | { type: 'fit' }
  | { type: 'follow' }
  | { type: 'clear' }
  | { type: 'menu' };

export interface KeyLike {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** The command for a key press, or null (the key is left to the browser). */
export function commandForKey(e: KeyLike): TimelineCommand | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const shift = e.shiftKey === true;
  switch (e.key) {
    case 'w':
    case 'W':
      return shift ? { type: 'laneHeight', factor: 1.25 } : { type: 'zoom', factor: KEY_ZOOM_FACTOR };
    case 's':
    case 'S':
      return shift ? { type: 'laneHeight', factor: 1 / 1.25 } : { type: 'zoom', factor: 1 / KEY_ZOOM_FACTOR };
    case 'a':
    case 'A':
    case 'ArrowLeft':
      return { type: 'pan', fraction: -KEY_PAN_FRACTION };
    case 'd':
    case 'D':
    case 'ArrowRight':
      return { type: 'pan', fraction: KEY_PAN_FRACTION };
    case '.':
    case '>':
      return { type: 'step', direction: 1 };
    case ',':
    case '<':
      return { type: 'step', direction: -1 };
    case 'f':
    case 'F':
      return { type: 'focus' };
    case 'ArrowUp':
      return { type: 'scrollLanes', rows: -1 };
    case 'ArrowDown':
      return { type: 'scrollLanes', rows: 1 };
    case 'PageUp':
      return { type: 'scrollLanes', rows: -10 };
    case 'PageDown':
      return { type: 'scrollLanes', rows: 10 };
    case 'Home':
      return { type: 'fit' };
    case 'End':
      return { type: 'follow' };
    case 'Escape':
      return { type: 'clear' };
    case 'ContextMenu':
      return { type: 'menu' };
    case 'F10':
      return shift ? { type: 'menu' } : null;
    default:
      return null;
  }
}
