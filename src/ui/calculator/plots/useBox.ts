// The width and font size a plot has to work with, kept up to date: the panel is resized, and
// projector mode (html[data-size]) changes the font size without changing any width.

import { useEffect, useState, type RefObject } from 'react';
import type { PlotBox } from './frame';

const FALLBACK: PlotBox = { width: 0, fontPx: 12 };

export function useBox(ref: RefObject<HTMLElement | null>): PlotBox {
  const [box, setBox] = useState<PlotBox>(FALLBACK);
  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    const read = (): void => {
      const width = Math.floor(el.clientWidth);
      const fontPx = Number.parseFloat(getComputedStyle(el).fontSize) || FALLBACK.fontPx;
      setBox((b) => (b.width === width && b.fontPx === fontPx ? b : { width, fontPx }));
    };
    read();
    const resize = new ResizeObserver(read);
    resize.observe(el);
    const attributes = new MutationObserver(read);
    attributes.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-size', 'style'],
    });
    return () => {
      resize.disconnect();
      attributes.disconnect();
    };
  }, [ref]);
  return box;
}
