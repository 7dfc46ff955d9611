// A lesson's keys, while one is open: → / Space / Page Down the next step (a presenter's clicker sends
// Page Down), ← / Page Up the previous one. They take precedence over the timeline's own arrow keys
// (the timeline pans with A and D as well), but not over typing, a dialog, or a focused button's Space.

import { useEffect } from 'react';
import { lessonPlayer } from '../../state/lessonPlayer';
import { usePanelsStore } from '../../state/prefs';
import { isTyping } from '../help/useAppKeys';

export function useLessonKeys(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e)) return;
      const panels = usePanelsStore.getState();
      if (panels.dialog !== null || panels.editorOpen) return;
      const onButton = e.target instanceof HTMLButtonElement;
      let forward: boolean;
      switch (e.key) {
        case 'ArrowRight':
        case 'PageDown':
          forward = true;
          break;
        case ' ':
          if (onButton) return; // the button's own click
          forward = true;
          break;
        case 'ArrowLeft':
        case 'PageUp':
          forward = false;
          break;
        default:
          return;
      }
      e.preventDefault();
      e.stopPropagation();
      if (forward) lessonPlayer.next();
      else lessonPlayer.previous();
    };
    // Capture: before the timeline's own key handling.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [active]);
}
