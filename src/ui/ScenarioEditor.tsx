// The scenario editor: the current scenario as JSON, editable or loaded from a file, checked on
// Apply with every problem listed by its path (`clients[2].keepAlive: must be 0..65535 (got 70000)`).

import { useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { appController } from '../state/controller';
import { usePanelsStore } from '../state/prefs';
import { useTraceStore } from '../state/traceStore';

interface Problem {
  path: string;
  message: string;
}

export function ScenarioEditor() {
  const { open, setOpen } = usePanelsStore(
    useShallow((s) => ({ open: s.editorOpen, setOpen: s.setEditorOpen })),
  );
  if (!open) return null;
  return <EditorDialog onClose={() => setOpen(false)} />;
}

function EditorDialog({ onClose }: { onClose(): void }) {
  const scenario = useTraceStore((s) => s.scenario);
  const [text, setText] = useState(() => (scenario === null ? '' : JSON.stringify(scenario, null, 2)));
  const [problems, setProblems] = useState<Problem[]>([]);
  const file = useRef<HTMLInputElement>(null);

  const apply = (play: boolean): void => {
    const found = appController().applyScenarioText(text, play);
    setProblems(found);
    if (found.length === 0) onClose();
  };

  return (
    <div className="dialog-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-label="Scenario editor"
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
        }}
      >
        <h2>Scenario</h2>
        <p className="hint">
          The scenario format is JSON (see the presets for examples). Faults you add during a run are appended
          to its <code>events</code>.
        </p>
        <textarea
          aria-label="Scenario JSON"
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={24}
        />
        {problems.length > 0 && (
          <div role="alert" className="problems">
            <p>
              {problems.length === 1 ? 'One problem' : `${problems.length} problems`}; nothing was changed:
            </p>
            <ul aria-label="Scenario problems">
              {problems.map((p, i) => (
                <li key={i}>
                  <code className="path">{p.path}</code>: {p.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        <div className="dialog-buttons">
          <button type="button" className="primary" onClick={() => apply(false)}>
            Apply
          </button>
          <button type="button" onClick={() => apply(true)}>
            Apply and play
          </button>
          <button type="button" onClick={() => file.current?.click()}>
            Load file…
          </button>
          <input
            ref={file}
            type="file"
            accept=".json,application/json"
            aria-label="Scenario file to load"
            hidden
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f !== undefined) void f.text().then(setText);
            }}
          />
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
