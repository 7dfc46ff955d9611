// The shortcut sheet (`?`): every key and gesture, visible rather than hidden in an aria-label.

import { usePanelsStore } from '../../state/prefs';
import { Dialog } from '../Dialog';
import { SHORTCUTS } from './shortcuts';

export function Shortcuts() {
  const open = usePanelsStore((s) => s.dialog === 'shortcuts');
  const setDialog = usePanelsStore((s) => s.setDialog);
  if (!open) return null;
  return (
    <Dialog label="Keyboard shortcuts" className="shortcuts" onClose={() => setDialog(null)}>
      <h2>Keyboard shortcuts</h2>
      <div className="shortcut-groups">
        {SHORTCUTS.map((g) => (
          <section key={g.title}>
            <h3>{g.title}</h3>
            <dl>
              {g.items.map((s) => (
                <div key={s.keys} className="shortcut">
                  <dt>
                    <kbd>{s.keys}</kbd>
                  </dt>
                  <dd>{s.does}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <div className="dialog-buttons">
        <button type="button" onClick={() => setDialog(null)}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
