// Errors and information for the user, as plain text (messages may quote file contents).

import { useShallow } from 'zustand/react/shallow';
import { useTraceStore } from '../state/traceStore';

export function Notices() {
  const { notices, dismiss } = useTraceStore(useShallow((s) => ({ notices: s.notices, dismiss: s.dismiss })));
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((n) => (
        <div
          key={n.id}
          className={`notice ${n.kind}`}
          role={n.kind === 'error' ? 'alert' : 'status'}
          data-topic={n.topic}
        >
          <span className="notice-text">{n.text}</span>
          <button type="button" aria-label={`Dismiss ${n.topic} message`} onClick={() => dismiss(n.topic)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
