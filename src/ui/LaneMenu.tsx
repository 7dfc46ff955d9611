// Faults by hand: the menu of a client lane (right-click on the timeline, or "Add a fault" in the
// inspector). Each fault becomes a scenario event at the current simulated time.

import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { appController } from '../state/controller';
import { useSelectionStore } from '../state/selection';
import { useTraceStore } from '../state/traceStore';
import { LANE_FAULTS } from '../worker/protocol';

const HELP: Record<(typeof LANE_FAULTS)[number], string> = {
  crash: 'The process dies; its OS closes the socket at once.',
  'power-off': 'The device vanishes silently: a half-open connection.',
  'power-on': 'The device boots and connects again.',
  'link-down': 'Its network drops every packet; sockets stay open.',
  'link-up': 'Its network works again.',
  disconnect: 'A polite DISCONNECT (no will).',
  clone: 'A second device with the same client ID connects.',
};

export function LaneMenu() {
  const { menu, close } = useSelectionStore(
    useShallow((s) => ({ menu: s.laneMenu, close: s.closeLaneMenu })),
  );
  const { status, origin } = useTraceStore(useShallow((s) => ({ status: s.status, origin: s.origin })));
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (menu === null) return;
    box.current?.querySelector('button')?.focus();
    const onDown = (e: MouseEvent): void => {
      if (box.current !== null && !box.current.contains(e.target as Node)) close();
    };
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') close();
    };
    window.addEventListener('mousedown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('mousedown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [menu, close]);

  if (menu === null) return null;
  const canInject = origin === 'sim' && status !== 'done' && status !== 'cancelled' && status !== 'error';
  const left = Math.min(menu.clientX, window.innerWidth - 260);
  const top = Math.min(menu.clientY, window.innerHeight - 320);
  return (
    <div
      ref={box}
      className="lane-menu"
      role="group"
      aria-label={`Faults for ${menu.clientId}`}
      style={{ left: Math.max(0, left), top: Math.max(0, top) }}
    >
      <div className="lane-menu-title">{menu.clientId}</div>
      {!canInject && (
        <p className="hint">
          {origin === 'sim'
            ? 'The run has ended: replay it to add faults.'
            : 'Faults apply to simulations only.'}
        </p>
      )}
      {LANE_FAULTS.map((fault) => (
        <button
          key={fault}
          type="button"
          title={HELP[fault]}
          disabled={!canInject}
          onClick={() => {
            close();
            appController()
              .injectFault(menu.clientId, fault)
              .catch(() => undefined);
          }}
        >
          {fault}
        </button>
      ))}
    </div>
  );
}
