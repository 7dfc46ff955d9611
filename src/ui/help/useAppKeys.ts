// The app's own keys, active anywhere except while typing in a field: `?` the shortcut sheet, `L` the
// legend, `/` Find, Space play/pause, N / B step to the next / previous event. The timeline's keys
// (W/A/S/D, `.`, `,`, F…) work while it has focus; a lesson adds its own (src/ui/lessons).

import { useEffect } from 'react';
import { appController } from '../../state/controller';
import { usePanelsStore } from '../../state/prefs';
import { useTraceStore } from '../../state/traceStore';

/** Whether a key press belongs to a form field (typing), not to the app. */
export function isTyping(e: KeyboardEvent): boolean {
  const t = e.target;
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable) return true;
  const tag = t.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

export function useAppKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e)) return;
      const panels = usePanelsStore.getState();
      if (panels.dialog !== null || panels.editorOpen) return;
      const c = appController();
      switch (e.key) {
        case '?':
          panels.setDialog('shortcuts');
          break;
        case '/':
          panels.setDialog('find');
          break;
        case 'l':
        case 'L':
          panels.setLegendOpen(!panels.legendOpen);
          break;
        case 'n':
        case 'N':
          c.step();
          break;
        case 'b':
        case 'B':
          c.stepBack();
          break;
        case ' ': {
          // A button has its own Space (it clicks).
          if (e.target instanceof HTMLButtonElement) return;
          const t = useTraceStore.getState();
          if (t.origin !== 'sim') return;
          if (t.status === 'running') c.pause();
          else c.play();
          break;
        }
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
