// A big run is not started behind the user's back: its estimated size first, then Run anyway or
// Cancel (nothing is built before the answer).

import { usePanelsStore } from '../state/prefs';
import { Dialog } from './Dialog';

export function ConfirmRun() {
  const request = usePanelsStore((s) => s.runToConfirm);
  const askToRun = usePanelsStore((s) => s.askToRun);
  if (request === null) return null;
  const close = (): void => askToRun(null);
  return (
    <Dialog label="Large run" className="confirm-run" onClose={close}>
      <h2>A large run</h2>
      <p>{request.text}</p>
      <div className="dialog-buttons">
        <button
          type="button"
          className="primary"
          onClick={() => {
            close();
            request.run();
          }}
        >
          Run anyway
        </button>
        <button type="button" onClick={close}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
