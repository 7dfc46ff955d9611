// A modal dialog over the page: a backdrop that closes it on click, Escape to close, focus moved into
// it when it opens and back where it was when it closes.

import { useEffect, useRef, type ReactNode } from 'react';

export function Dialog(props: { label: string; onClose(): void; className?: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // A field to type in gets the focus; otherwise the dialog itself (focusing its last button would
    // scroll a long dialog to its end).
    const field = box.current?.querySelector<HTMLElement>('input:not([hidden]), select, textarea');
    (field ?? box.current)?.focus({ preventScroll: field === null });
    return () => before?.focus();
  }, []);
  return (
    <div className="dialog-backdrop" onClick={(e) => e.target === e.currentTarget && props.onClose()}>
      <div
        ref={box}
        className={`dialog ${props.className ?? ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={props.label}
        tabIndex={-1}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            props.onClose();
          }
        }}
      >
        {props.children}
      </div>
    </div>
  );
}
