// Every keyboard shortcut and pointer gesture of the app, as data: the sheet (`?`) lists them and the
// timeline's accessible description names the main ones.

export interface Shortcut {
  keys: string;
  does: string;
}

export interface ShortcutGroup {
  title: string;
  items: readonly Shortcut[];
}

export const SHORTCUTS: readonly ShortcutGroup[] = [
  {
    title: 'Anywhere',
    items: [
      { keys: '?', does: 'this list of shortcuts' },
      { keys: 'L', does: 'show or hide the legend (what every mark means)' },
      { keys: '/', does: 'find a client ID, or the next timeout, will, take-over or fault' },
      { keys: 'Space', does: 'play or pause (next step in a lesson)' },
      { keys: 'N / B', does: 'Step: select the next event (B: the previous one)' },
    ],
  },
  {
    title: 'Lessons',
    items: [
      { keys: '→, Space, Page Down', does: 'next step (answers an open question for you)' },
      { keys: '←, Page Up', does: 'previous step' },
    ],
  },
  {
    title: 'Timeline (click it first)',
    items: [
      { keys: 'W / S', does: 'zoom in / out' },
      { keys: 'A / D', does: 'pan left / right' },
      { keys: '. / ,', does: 'next / previous event on the selected lane (or the first in view)' },
      { keys: 'F', does: 'focus the selected event (or the selected area)' },
      { keys: 'Shift+W / Shift+S', does: 'taller / shorter lanes' },
      { keys: '↑ / ↓, Page Up / Down', does: 'scroll the lanes' },
      { keys: 'Home / End', does: 'show the whole run / follow the newest events' },
      { keys: 'Escape', does: 'clear the selection' },
      { keys: 'Context-menu key, Shift+F10', does: 'faults for the selected client (crash, power-off, …)' },
    ],
  },
  {
    title: 'Mouse',
    items: [
      { keys: 'Click', does: 'explain a packet, mark or connection in the inspector' },
      { keys: 'Drag', does: 'select an area: the statistics count what is in it' },
      { keys: 'Shift+drag, middle-button drag', does: 'pan' },
      { keys: 'Ctrl+wheel, pinch, wheel over the time axis', does: 'zoom' },
      { keys: 'Wheel', does: 'scroll the lanes (Shift+wheel: pan)' },
      { keys: 'Click the time axis', does: 'move the simulation clock there' },
      { keys: 'Click or drag the top strip', does: 'move the view over the whole run' },
      { keys: 'Right-click a lane', does: 'add a fault to that client' },
    ],
  },
];
